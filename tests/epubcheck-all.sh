#!/usr/bin/env bash
# epubcheck-all.sh EPUB… — epubcheck on every EPUB given, in one Java VM
# (tests/epubcheck-all.java: a line "PATH: N fatals / N errors / N warnings"
# per file; exit status 0 when all are clean).  A short run: the client
# compiler only and the serial collector halve the VM's CPU time.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /usr/share/java/epubcheck.jar \
  "$(dirname "$0")/epubcheck-all.java" "$@"
