# epaper — build, test and sample-edition targets.
# `make edition` and `make check` install missing Debian packages first (as root),
# so a fresh Debian 12 machine needs nothing else.

BUILD    ?= build
SANITIZE ?=
ifeq ($(SANITIZE),1)
  BUILD  := $(BUILD)/san
endif

CC      ?= cc
PKGS    := cairo cairo-pdf pangocairo pangoft2 harfbuzz harfbuzz-subset libzip libqpdf \
           glib-2.0 gio-2.0 fontconfig yaml-0.1 libcmark sqlite3 json-glib-1.0 icu-uc icu-i18n \
           libpng16 libjpeg
# Debian packages: libraries, fonts and the tools the tests use.
DEB_PKGS := pkg-config libcairo2-dev libpango1.0-dev libharfbuzz-dev libzip-dev \
            libglib2.0-dev libfontconfig-dev libyaml-dev libcmark-dev libsqlite3-dev \
            libjson-glib-dev libicu-dev libpng-dev fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai \
            fonts-arphic-uming epubcheck default-jre-headless qpdf poppler-utils \
            libxml2-utils unzip chromium time libjpeg-dev python3 \
            libqpdf-dev icc-profiles-free libgs-common ghostscript \
            clang libclang-rt-14-dev strace util-linux
# Debian packages for `make bench` only: the xelatex + ctex reference.
BENCH_PKGS := texlive-xetex texlive-lang-chinese python3-yaml

CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O2 \
               -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -Ibuilder \
               -DEPAPER_DATADIR=\"$(CURDIR)\"
ifeq ($(SANITIZE),1)
  CFLAGS_BASE += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  LDFLAGS     += -fsanitize=address,undefined
  # the libraries' known leaks, for every test program and script (one list)
  export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# One folder per pipeline stage under builder/ (docs/architecture.md).
# builder/cli/ makes the program; every other stage goes into libbuilder.a.
CLI_SRCS := $(wildcard builder/cli/*.c)
LIB_SRCS := $(filter-out $(CLI_SRCS),$(wildcard builder/*/*.c))
LIB_OBJS := $(LIB_SRCS:builder/%.c=$(BUILD)/obj/%.o)
CLI_OBJS := $(CLI_SRCS:builder/%.c=$(BUILD)/obj/%.o)
TEST_SRCS := $(wildcard tests/test-*.c)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
BENCH_SRCS := $(wildcard tests/bench-*.c)
BENCH_BINS := $(BENCH_SRCS:tests/%.c=$(BUILD)/tests/%)

SEEDS    := $(wildcard seeds/*.txt)

# libFuzzer harnesses (tests/fuzz/fuzz-*.c) over the library built again
# with clang; `make fuzz` builds them, `make check SANITIZE=1` runs each for
# FUZZ_SECONDS (tests/fuzz-run.sh), never plain `make check`.
FUZZ_CC      ?= clang
FUZZ_CFLAGS  := $(CFLAGS_BASE) -O1 -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SRCS    := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BINS    := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_OBJS    := $(LIB_SRCS:builder/%.c=$(BUILD)/fuzz/obj/%.o)
FUZZ_SECONDS ?= 25
ifeq ($(SANITIZE),1)
  CHECK_FUZZ := $(FUZZ_BINS)
  CHECK_FUZZ_RUN := tests/fuzz-run.sh
endif

.PHONY: all deps node-deps bench-deps check edition bench goldens compare clean fuzz

all: $(BUILD)/epaper

# apt_install (shell): installs the Debian packages named in the shell
# variable $missing (as root, --no-install-recommends), or says how to.
apt_install = if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "deps: missing Debian packages; run as root:"; \
	    echo "  apt-get update && apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# install_missing PACKAGES: installs the Debian packages not yet installed.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	$(apt_install)
endef

deps:
	$(call install_missing,$(DEB_PKGS))

# `make bench` only (never `make check`): the xelatex + ctex reference run
# by tests/bench-xelatex.sh (texlive: about 31 packages).
bench-deps: deps
	$(call install_missing,$(BENCH_PKGS))

# -MMD -MP: each object depends on the headers it includes (build/obj/**/*.d).
$(BUILD)/obj/%.o: builder/%.c | deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_BASE) -MMD -MP $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libbuilder.a: $(LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/epaper: $(CLI_OBJS) $(BUILD)/libbuilder.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libbuilder.a $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/%.c $(BUILD)/libbuilder.a
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_BASE) -MMD -MP -Itests $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbuilder.a $(PKG_LIBS) -lm

# The browser tests run on Node.js (18 or newer): Debian's nodejs and npm
# where `node` or `npm` is missing.  A Node.js installed otherwise (a newer
# one, with its own npm) is left alone: no Debian package is asked for then.
node-deps:
	@missing=""; command -v node >/dev/null || missing=" nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	$(apt_install)

# The browser and accessibility tests' npm packages, locked in
# package-lock.json (playwright-core at 1.61.1, the last version that runs on
# Debian 12's Node.js 18; DAISY Ace).  Both drive Debian's chromium: no
# browser is downloaded (.npmrc: no install scripts).
node_modules/.stamp: package-lock.json package.json | node-deps
	@echo "  NPM     ci"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The runner runs the test programs in parallel (TEST_JOBS, default: one per
# core) and prints each one's duration and "N passed, N failed".
check: deps node_modules/.stamp $(BUILD)/epaper $(TEST_BINS) $(CHECK_FUZZ)
	@BUILD=$(BUILD) EPAPER=$(CURDIR)/$(BUILD)/epaper SRCDIR=$(CURDIR) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  bash tests/run-tests.sh $(TEST_BINS) $(wildcard tests/test-*.sh) $(CHECK_FUZZ_RUN)

$(BUILD)/fuzz/obj/%.o: builder/%.c | deps
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/libbuilder.a: $(FUZZ_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz-common.h $(BUILD)/fuzz/libbuilder.a
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Itests $(PKG_CFLAGS) -o $@ $< \
	  $(BUILD)/fuzz/libbuilder.a $(PKG_LIBS) -lm

fuzz: $(FUZZ_BINS)

# Golden files (composition: tests/compose/EDITION@LAYOUT.expected, line
# breaking: tests/typeset/NAME.expected): rewrites them from the output and
# prints the diff each one takes.
goldens: $(BUILD)/tests/test-compose-golden $(BUILD)/tests/test-typeset
	@EPAPER_UPDATE_EXPECTED=1 SRCDIR=$(CURDIR) $(BUILD)/tests/test-compose-golden >/dev/null
	@EPAPER_UPDATE_EXPECTED=1 SRCDIR=$(CURDIR) $(BUILD)/tests/test-typeset -p /typeset/golden/dumps >/dev/null

# Byte-identical outputs against another revision (for refactorings):
# make compare BASE=REV
compare: $(BUILD)/epaper
	@BUILD=$(BUILD) bash tests/compare-outputs.sh $(BASE)

# Sample editions: every seed page is imported into clean sources
# (out/<seed>/sources), built in the broadsheet and e-reader layouts
# (out/<seed>/broadsheet, out/<seed>/ereader: PDF, EPUB, page previews, web
# reader) and added to the archive out/archive (index.html, opds.xml).
# Seed 000 prints no year; its text (十五五, 四届四次会议) dates it to 2025.
SEED_DATE_000 := 2025-02-19
edition: deps $(BUILD)/epaper
	@mkdir -p out
	@set -e; for seed in $(SEEDS); do \
	  name=$$(basename $$seed .txt | cut -d_ -f1); \
	  date_opt=""; [ "$$name" = 000 ] && date_opt="--date $(SEED_DATE_000)"; \
	  echo "edition: $$seed -> out/$$name/"; \
	  $(BUILD)/epaper -q import $$seed -o out/$$name/sources --force $$date_opt 2>out/$$name.import.log || { cat out/$$name.import.log; exit 1; }; \
	  $(BUILD)/epaper -q build out/$$name/sources -o out/$$name/broadsheet --layout broadsheet; \
	  $(BUILD)/epaper -q build out/$$name/sources -o out/$$name/ereader --layout ereader; \
	  $(BUILD)/epaper -q archive add out/archive out/$$name/sources --replace; \
	done
	@$(BUILD)/epaper archive list out/archive
	@echo "edition: done. Open out/archive/index.html, or out/<seed>/broadsheet/edition.pdf"

# Benchmarks print figures; they are not tests.  tests/bench-*.c programs and
# tests/bench-*.sh scripts each report their own measurements.
bench: bench-deps $(BUILD)/epaper $(BENCH_BINS)
	@for b in $(BENCH_BINS); do SRCDIR=$(CURDIR) $$b || exit 1; done
	@for b in $(wildcard tests/bench-*.sh); do SRCDIR=$(CURDIR) EPAPER=$(CURDIR)/$(BUILD)/epaper bash $$b || exit 1; done

-include $(shell find $(BUILD)/obj $(BUILD)/tests $(BUILD)/fuzz -name '*.d' 2>/dev/null)

clean:
	rm -rf build out
