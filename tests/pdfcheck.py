"""pdfcheck.py — checks a PDF's archival (PDF/A-2a, PDF/UA-1) requirements
that can be checked without veraPDF, from `qpdf --json` (objects) and the
decoded content streams.  usage: pdfcheck.py FILE.pdf EDITION_ARTICLES
(the number of articles of the edition; 0: do not check).  Exits 1 with
the failed requirement."""
import json, re, subprocess, sys

pdf, n_articles = sys.argv[1], int(sys.argv[2])
d = json.loads(subprocess.run(["qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized",
                               pdf], capture_output=True, check=True).stdout)
objs = d["qpdf"][1]
trailer = objs["trailer"]["value"]
val = lambda ref: objs["obj:" + ref]["value"] if isinstance(ref, str) and ref.endswith(" R") else ref
stream = lambda ref: objs["obj:" + ref]["stream"]
def text(s):
    return s[2:] if isinstance(s, str) and s[:2] in ("u:", "b:") else s
def fail(msg):
    print("FAIL:", msg); sys.exit(1)

root = val(trailer["/Root"])
info = val(trailer["/Info"])
# file identity: /ID of two strings in the trailer
if len(trailer.get("/ID", [])) != 2: fail("trailer /ID")
# language, marked, title shown
if text(root.get("/Lang")) != "zh-CN": fail("/Lang zh-CN")
if not val(root.get("/MarkInfo", {})).get("/Marked"): fail("MarkInfo Marked")
if not val(root.get("/ViewerPreferences", {})).get("/DisplayDocTitle"): fail("DisplayDocTitle")
# XMP equal to Info (PDF/A 6.6.2.3) and the identification schemas
meta = stream(root["/Metadata"])
import base64
xmp = base64.b64decode(meta["data"]).decode("utf-8")
def xget(tag):
    m = re.search(r"<%s>(?:<rdf:\w+><rdf:li[^>]*>)?([^<]*)" % tag, xmp)
    return m and m.group(1).replace("&amp;", "&").replace("&lt;", "<")
pairs = [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
         ("/Keywords", "pdf:Keywords"), ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]
for k, x in pairs:
    if text(info.get(k)) != xget(x): fail("Info %s != XMP %s (%r, %r)" % (k, x, text(info.get(k)), xget(x)))
cd = text(info["/CreationDate"])  # D:20250218000000+08'00'
m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'", cd)
if not m or xget("xmp:CreateDate") != "%s-%s-%sT%s:%s:%s%s:%s" % m.groups(): fail("CreationDate vs XMP")
if "pdfaid:part>2<" not in xmp or "pdfaid:conformance>A<" not in xmp: fail("PDF/A-2a identification")
if "pdfuaid:part>1<" not in xmp: fail("PDF/UA-1 identification")
if "meta[\"data\"]" and "/Filter" in meta["dict"]: fail("XMP stream is filtered")
# output intent with an embedded ICC profile (the pages paint DeviceRGB)
intents = [val(i) for i in val(root.get("/OutputIntents", []))]
if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents): fail("PDF/A output intent")
# structure: one Document root; no furniture in the tree; Alt on Figures;
# one Art per article; every struct type standard
std = {"Document", "Part", "Art", "Sect", "Div", "P", "H1", "H2", "H3", "H4", "H5", "H6", "Figure",
       "Caption", "Link", "Span", "L", "LI", "Lbl", "LBody", "Note", "BlockQuote"}
tree = val(root["/StructTreeRoot"])
kids = lambda e: (e.get("/K") if isinstance(e.get("/K"), list) else [e.get("/K")]) if "/K" in e else []
top = kids(tree)
if len(top) != 1 or val(top[0]).get("/S") != "/Document": fail("one Document root")
count = {}
def walk(ref):
    e = val(ref)
    if not isinstance(e, dict) or e.get("/Type") in ("/MCR", "/OBJR"): return
    s = e["/S"][1:]
    if s not in std: fail("non-standard structure type " + s)
    count[s] = count.get(s, 0) + 1
    if s == "Figure" and not text(e.get("/Alt")): fail("Figure without /Alt")
    for k in kids(e):
        if isinstance(k, str) and k.endswith(" R"): walk(k)
walk(top[0])
if n_articles and count.get("Art") != n_articles: fail("Art elements %s for %d articles" % (count.get("Art"), n_articles))
if n_articles and count.get("H1") != n_articles: fail("H1 elements %s for %d articles" % (count.get("H1"), n_articles))
# furniture is an Artifact: every page's content marks it, and has no
# marked content other than the tree's (BDC with an MCID) and Artifacts
pages = [o for o in objs.values() if isinstance(o.get("value"), dict) and o["value"].get("/Type") == "/Page"]
for p in pages:
    c = base64.b64decode(stream(p["value"]["/Contents"])["data"]).decode("latin-1")
    if "/Artifact BMC" not in c: fail("a page without Artifacts")
    for tag in re.findall(r"^/(\w+) (?:<<[^>]*>> BDC|BMC)", c, re.M):
        if tag != "Artifact" and tag not in std: fail("marked content " + tag)
    for a in val(p["value"].get("/Annots", [])):
        a = val(a)
        if not (a.get("/F", 0) & 4) or not text(a.get("/Contents")): fail("annotation without print flag or Contents")
    if p["value"].get("/Annots") and p["value"].get("/Tabs") != "/S": fail("/Tabs /S")
print("ok", count)
