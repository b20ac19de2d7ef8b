"""A small HTML toolkit for the report: escaped text, tables, figures, sections, styles.

Every text that comes from data (names, projects, reasons, scenario texts) goes through
`esc` or `attr` (html.escape), so nothing a user or an applicant wrote becomes markup.
Figures are embedded in the page itself (SVG as a data URI, with alt text), so the one
file shows everything, from a mail attachment and offline.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def esc(value: object) -> str:
    """Text for an element's content: &, < and > escaped."""
    return html.escape(str(value), quote=False)


def attr(value: object) -> str:
    """Text for an attribute value: quotes escaped too."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Cell:
    """One table cell: text (escaped when rendered) and a CSS class."""

    text: object
    cls: str = ""


def num(text: object) -> Cell:
    """A number: right-aligned, never wrapped."""
    return Cell(text, "num")


def nowrap(text: object) -> Cell:
    """An id or a short name that reads badly when wrapped."""
    return Cell(text, "nw")


def _cell(tag: str, value: object) -> str:
    cell = value if isinstance(value, Cell) else Cell(value)
    klass = f' class="{attr(cell.cls)}"' if cell.cls else ""
    return f"<{tag}{klass}>{esc(cell.text)}</{tag}>"


def _header_cell(value: object) -> str:
    cell = value if isinstance(value, Cell) else Cell(value)
    klass = f' class="{attr(cell.cls)}"' if cell.cls else ""
    return f'<th scope="col"{klass}>{esc(cell.text)}</th>'


def table(headers: Sequence[object], rows: Iterable[Sequence[object]],
          foot: Sequence[object] | None = None, cls: str = "", caption: str = "") -> str:
    """An HTML table with column headers (scope=col) and an optional caption; every cell
    is text, escaped here."""
    klass = f' class="{attr(cls)}"' if cls else ""
    out = [f"<table{klass}>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out += ["<thead><tr>" + "".join(_header_cell(h) for h in headers) + "</tr></thead>",
            "<tbody>"]
    out += ["<tr>" + "".join(_cell("td", v) for v in row) + "</tr>" for row in rows]
    out.append("</tbody>")
    if foot is not None:
        out.append("<tfoot><tr>" + "".join(_cell("td", v) for v in foot) + "</tr></tfoot>")
    out.append("</table>")
    return "\n".join(out)


def para(text: str, cls: str = "") -> str:
    klass = f' class="{attr(cls)}"' if cls else ""
    return f"<p{klass}>{esc(text)}</p>"


def bullets(items: Iterable[str], cls: str = "") -> str:
    klass = f' class="{attr(cls)}"' if cls else ""
    body = "".join(f"<li>{esc(i)}</li>" for i in items)
    return f"<ul{klass}>{body}</ul>"


def figure(svg: bytes | None, alt: str, caption: str) -> str:
    """A figure embedded in the page: the SVG as a data URI, its alt text and caption."""
    if not svg:
        return ""
    data = base64.b64encode(svg).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{attr(alt)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def heading(level: int, text: str) -> str:
    level = min(max(level, 1), 6)
    return f"<h{level}>{esc(text)}</h{level}>"


def section(anchor: str, title: str, body: Iterable[str], level: int = 2) -> str:
    return "\n".join([f'<section id="{attr(anchor)}">', heading(level, title),
                      *[b for b in body if b], "</section>"])


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
color:#1a1a1a;background:#fff;max-width:66rem;margin:2rem auto;padding:0 1.25rem;
line-height:1.45}
h1{font-size:1.7rem;margin:0 0 .3rem}
h2{font-size:1.3rem;margin:2.4rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #1f78b4}
h3{font-size:1.08rem;margin:1.6rem 0 .4rem}
h4{font-size:1rem;margin:1.2rem 0 .3rem}
section.scenario>h2{border-bottom:4px solid #1f78b4;font-size:1.45rem}
p{margin:.45rem 0}
.sub{color:#444;margin:.2rem 0}
.scores{border:2px solid #d95f02;background:#fff5ec;border-radius:6px;padding:.8rem 1.1rem;
margin:1.3rem 0}
.scores h2,.scores h3{border:0;margin:0 0 .4rem;padding:0;font-size:1.15rem}
.scores .label{font-weight:700;font-size:1.1rem;color:#8a3400}
.summary{background:#f3f7fb;border-left:4px solid #1f78b4;padding:.6rem 1.1rem;margin:1.2rem 0}
.summary h2,.summary h3{border:0;margin:.2rem 0;padding:0}
.summary ul{margin:.3rem 0;padding-left:1.2rem}
nav ol{columns:2;margin:.3rem 0;padding-left:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border-bottom:1px solid #ddd;padding:.28rem .6rem;text-align:left;vertical-align:top}
th{background:#eef2f5;font-weight:600}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
th.num{white-space:normal}
.nw{white-space:nowrap}
.hash{font-family:ui-monospace,monospace;font-size:.72rem;word-break:break-all}
tfoot td{font-weight:700;border-top:2px solid #888;border-bottom:0}
table.rules th:first-child,table.rules td:first-child{white-space:nowrap;color:#333}
.big{font-size:1.25rem;font-weight:700}
.note{color:#555;font-size:.88rem}
.sentence{margin:.5rem 0 .8rem;max-width:52rem}
ul.cols{columns:2;column-gap:2rem;padding-left:1.2rem;font-size:.9rem}
ul.cols li{break-inside:avoid}
figure{margin:1rem 0 1.4rem}
figure img{box-sizing:border-box;max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.85rem;color:#555;margin-top:.3rem}
footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid #bbb;font-size:.85rem;color:#444}
code{font-size:.9em}
.brief{border-top:4px solid #1f78b4;margin:1rem 0}
.brief h2{border:0;margin:.6rem 0 .4rem}
.answer p{font-size:1.08rem;margin:.35rem 0;max-width:56rem}
td.broken{color:#a40000;font-weight:600}
th.mark,td.mark{text-align:center;white-space:nowrap}
table.grid td:nth-child(2){max-width:28rem}
p.same{font-size:1.05rem;font-style:italic}
details.fold{margin:.6rem 0 1rem;border-left:3px solid #ccd;padding-left:.8rem}
details.fold>summary{cursor:pointer;color:#1f5f8b;font-weight:600;padding:.3rem 0}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.35}
h1{font-size:16pt}h2{font-size:13pt;margin-top:1.2rem}h3{font-size:11pt}
h2,h3,h4,caption{break-after:avoid}
section.brief{break-after:page}
details.fold{display:none}
h2{break-before:auto}
.answer p{font-size:10pt}
.brief p.note{margin:.2rem 0;font-size:8.5pt}
.brief ul{margin:.3rem 0}
nav{display:none}
a{color:inherit;text-decoration:none}
table{font-size:8pt;width:100%}
th,td{padding:.12rem .3rem}
thead{display:table-header-group}
tfoot{display:table-row-group}
tr,figure,.scores,.summary,li,footer{break-inside:avoid}
p,li{orphans:2;widows:2}
figure img{max-height:235mm;width:auto;max-width:100%}
.hash{font-size:6.5pt}
}
""".strip()
