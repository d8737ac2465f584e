#!/usr/bin/env python3
"""edition-to-tex.py — the reference document for `make bench`: an epaper
edition folder (edition.yaml + article .md files, as `epaper import` writes
them) as a XeLaTeX + ctex source, 5 columns (multicol) on A3, so xelatex
typesets the same text that `epaper build` does.

    edition-to-tex.py EDITION_DIR > edition.tex

What the document holds: a simple masthead line (paper, date), then every
article in edition order: its headline group (kicker, title, subtitle)
across the full width, byline, then its body in 5 balanced columns —
paragraphs, subheads, figure captions (the seed's figures have no image,
as in the epaper build) and boxed notes.  Fonts are the ones epaper uses:
Noto Serif CJK SC body at 小五 (9 pt), Noto Sans CJK SC headlines,
AR PL UKai CN bylines and captions.  No tagging, bookmarks or EPUB.
"""
import os
import re
import sys

import yaml

TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
    "#": r"\#", "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}",
}


def tex(text):
    """Escapes @text for TeX and turns **strong** / *emphasis* into commands."""
    out = "".join(TEX_SPECIAL.get(c, c) for c in text)
    out = re.sub(r"\*\*(.+?)\*\*", r"\\textbf{\1}", out)
    out = re.sub(r"\*(.+?)\*", r"\\emph{\1}", out)
    return out


def read_article(path):
    """Returns (front matter dict, body text) of an article .md file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"---\n(.*?)\n---\n?(.*)", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, m.group(2)


def body_tex(body):
    """The article body's blocks (blank-line separated) as TeX."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if not block:
            continue
        fig = re.fullmatch(r"!\[(.*?)\]\(.*?\)", block, re.S)
        if fig:
            out.append(r"\begin{center}\kaiti\small %s\end{center}" % tex(fig.group(1)))
        elif block.startswith(">"):
            text = " ".join(l.lstrip("> ").strip() for l in block.splitlines())
            out.append(r"\noindent\fbox{\sffamily\bfseries %s}" % tex(text))
        elif block.startswith("#"):
            out.append(r"\subhead{%s}" % tex(block.lstrip("#").strip()))
        else:
            out.append(tex(" ".join(l.strip() for l in block.splitlines())))
    return "\n\n".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: edition-to-tex.py EDITION_DIR")
    src = sys.argv[1]
    with open(os.path.join(src, "edition.yaml"), encoding="utf-8") as f:
        ed = yaml.safe_load(f)
    print(r"""\documentclass[fontset=none]{ctexart}
\usepackage[a3paper,margin=18mm]{geometry}
\usepackage{multicol}
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKfamilyfont{kai}{AR PL UKai CN}
\newcommand{\kaiti}{\CJKfamily{kai}}
\newsavebox{\headbox}
\newcommand{\subhead}[1]{\par\medskip{\sffamily\bfseries #1}\par\smallskip}
\setlength{\columnsep}{4mm}
\setlength{\columnseprule}{0.3pt}
\pagestyle{plain}
\begin{document}
\zihao{-5}""")
    print(r"\noindent{\sffamily\bfseries\fontsize{60}{66}\selectfont %s}\hfill %s\par\hrule\bigskip"
          % (tex(ed.get("paper", "")), tex(str(ed.get("date", "")))))
    for page in ed.get("pages", []):
        for name in page.get("articles", []):
            meta, body = read_article(os.path.join(src, name))
            head = []
            if meta.get("kicker"):
                head.append(r"{\sffamily\large %s}\par" % tex(meta["kicker"]))
            size = r"\huge" if meta.get("lead") else r"\LARGE"
            head.append(r"{\sffamily\bfseries%s %s}\par" % (size, tex(meta.get("title", ""))))
            if meta.get("subtitle"):
                head.append(r"{\sffamily\large %s}\par" % tex(meta["subtitle"]))
            if meta.get("byline"):
                head.append(r"{\kaiti %s}\par" % tex(meta["byline"]))
            # the headline group spans the columns (multicols' heading
            # argument takes no \par, so it goes through a box)
            print(r"\sbox{\headbox}{\parbox{\textwidth}{\centering %s}}" % "\n".join(head))
            print(r"\begin{multicols}{5}[\usebox{\headbox}\medskip]")
            print(body_tex(body))
            print(r"\end{multicols}\medskip\hrule\medskip")
    print(r"\end{document}")


if __name__ == "__main__":
    main()
