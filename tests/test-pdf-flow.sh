#!/usr/bin/env bash
# test-pdf-flow.sh — the PDF of layouts that flow (the e-readers, the
# phone): screens numbered 1, 2, … as page labels; an outline entry per
# print page (第2版 · 要闻) with each article once under it; pdftotext
# (default mode) reads each article whole and in order, without jump
# lines; the tag tree holds each article once (one Art).
set -u
. "$(dirname "$0")/tap.sh"

cat >"$tmp/flow.py" <<'PY'
import json, re, subprocess, sys, os
import xml.etree.ElementTree as ET

check, pdf, ed = sys.argv[1:4]
def strip(s): return re.sub(r"\s", "", s)

def edition(ed):
    """pages: [(section, [article dict])]; an article: title, paragraphs (text)"""
    y = open(os.path.join(ed, "edition.yaml"), encoding="utf-8").read()
    paper = re.search(r"^paper: *(.*)$", y, re.M).group(1).strip().strip('"')
    date = re.search(r"^date: *(\S+)", y, re.M).group(1).strip('"')
    pages, cur = [], None
    for line in y.split("\n"):
        m = re.match(r"\s*- section: *(.*)$", line)
        if m:
            cur = (m.group(1).strip().strip('"'), [])
            pages.append(cur)
        m = re.match(r"\s*- (\S+\.md)\s*$", line)
        if m and cur is not None:
            t = open(os.path.join(ed, m.group(1)), encoding="utf-8").read()
            front, body = t.split("---\n", 2)[1:3]
            title = re.search(r"^title: *(.*)$", front, re.M).group(1).strip().strip('"')
            pars = []
            for block in re.split(r"\n\s*\n", body):
                block = block.strip()
                if not block or block.startswith(("#", ">", "!")):
                    continue
                pars.append(strip(re.sub(r"[*_]", "", block)))
            cur[1].append({"title": strip(title), "pars": pars})
    return paper, date, pages

paper, date, pages = edition(ed)
y, mo, d = (int(x) for x in date.split("-"))
day = "%d年%d月%d日" % (y, mo, d)
dividers = ["第%d版·%s" % (i + 1, strip(s)) for i, (s, _) in enumerate(pages)]

if check == "labels":
    # screens are numbered 1, 2, …: no label range with a prefix (第N版)
    # or another numbering style
    d = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
    for r in d["pagelabels"]:
        lab = r["label"]
        assert "/P" not in lab, lab
        assert lab.get("/S", "/D") == "/D" and lab.get("/St", 1) == r["index"] + 1, lab
elif check == "outline":
    d = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
    out = d["outlines"]
    assert [strip(o["title"]) for o in out] == dividers, ([o["title"] for o in out], dividers)
    for o, (section, arts) in zip(out, pages):
        kids = [strip(k["title"]) for k in o["kids"]]
        assert kids == [a["title"] for a in arts], (section, kids)
elif check == "text":
    raw = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "上接" not in raw and "下转" not in raw, "jump lines"
    furniture = set([paper, day, paper + day] + [strip(s) for s, _ in pages] + dividers)
    text = "".join(strip(l) for l in raw.split("\n") if strip(l) not in furniture)
    titles = [a["title"] for _, arts in pages for a in arts]
    for _, arts in pages:
        for a in arts:
            at, pos = text.find(a["title"]), []
            assert at >= 0, ("title", a["title"])
            for p in a["pars"]:
                i = text.find(p, at)
                assert i >= 0, ("paragraph not whole", a["title"], p[:20])
                pos.append(i)
                at = i + len(p)
            if pos:
                inside = text[pos[0]:at]
                others = [t for t in titles if t != a["title"] and t in inside]
                assert not others, (a["title"], "interleaved with", others)
elif check == "tags":
    # the tag tree: one Art per article, however many screens it runs over
    q = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                       capture_output=True).stdout
    arts = len(re.findall(rb"/S /Art\b", q))
    n = sum(len(a) for _, a in pages)
    assert arts == n, (arts, n)
PY

flow_ok () {  # flow_ok CHECK PDF EDITION
  python3 "$tmp/flow.py" "$@"
}

for layout in ereader ereader-large phone; do
  for ed in full figures; do
    "$EPAPER" build "$SRC/tests/editions/$ed" -o "$tmp/$ed-$layout" --pdf --no-previews --layout "$layout" \
      2>"$tmp/$ed-$layout.err"
    ok_if "$ed on $layout builds" test $? -eq 0
    pdf="$tmp/$ed-$layout/edition.pdf"
    ok_if "$ed on $layout: qpdf --check is clean" qpdf --check "$pdf"
    ok_if "$ed on $layout: screens labelled 1, 2, …" flow_ok labels "$pdf" "$SRC/tests/editions/$ed"
    ok_if "$ed on $layout: an outline entry per print page, each article once under it" \
      flow_ok outline "$pdf" "$SRC/tests/editions/$ed"
    ok_if "$ed on $layout: pdftotext reads each article whole, no jump lines" \
      flow_ok text "$pdf" "$SRC/tests/editions/$ed"
  done
done
ok_if "full on ereader: the tag tree holds each article once (one Art)" \
  flow_ok tags "$tmp/full-ereader/edition.pdf" "$SRC/tests/editions/full"
done_testing
