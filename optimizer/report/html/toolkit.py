"""A small HTML toolkit for the report: escaped text, tables, figures, sections, styles.

Every text that comes from data (names, projects, reasons, scenario texts) goes through
`esc` or `attr` (html.escape), so nothing a user or an applicant wrote becomes markup.
"""

from __future__ import annotations

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


def table(headers: Sequence[object], rows: Iterable[Sequence[object]],
          foot: Sequence[object] | None = None, cls: str = "") -> str:
    """An HTML table; every cell is text, escaped here."""
    klass = f' class="{attr(cls)}"' if cls else ""
    out = [f"<table{klass}>", "<thead><tr>" + "".join(_cell("th", h) for h in headers)
           + "</tr></thead>", "<tbody>"]
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


def figure(name: str | None, alt: str, caption: str) -> str:
    if not name:
        return ""
    return (f'<figure><a href="{attr(name)}"><img src="{attr(name)}" alt="{attr(alt)}">'
            f"</a><figcaption>{esc(caption)}</figcaption></figure>")


def section(anchor: str, title: str, body: Iterable[str]) -> str:
    return "\n".join([f'<section id="{attr(anchor)}">', f"<h2>{esc(title)}</h2>",
                      *[b for b in body if b], "</section>"])


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
color:#1a1a1a;background:#fff;max-width:64rem;margin:2rem auto;padding:0 1.25rem;
line-height:1.45}
h1{font-size:1.7rem;margin:0 0 .3rem}
h2{font-size:1.3rem;margin:2.4rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #1f78b4}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
p{margin:.45rem 0}
.sub{color:#444;margin:.2rem 0}
.scores{border:2px solid #d95f02;background:#fff5ec;border-radius:6px;padding:.8rem 1.1rem;
margin:1.3rem 0}
.scores h2{border:0;margin:0 0 .4rem;padding:0;font-size:1.15rem}
.scores .label{font-weight:700;font-size:1.1rem;color:#8a3400}
.summary{background:#f3f7fb;border-left:4px solid #1f78b4;padding:.6rem 1.1rem;margin:1.2rem 0}
.summary ul{margin:.3rem 0;padding-left:1.2rem}
nav ol{columns:2;margin:.3rem 0;padding-left:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.28rem .6rem;text-align:left;vertical-align:top}
th{background:#eef2f5;font-weight:600}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.nw{white-space:nowrap}
.hash{font-family:ui-monospace,monospace;font-size:.75rem;word-break:break-all}
tfoot td{font-weight:700;border-top:2px solid #888;border-bottom:0}
table.rules th:first-child,table.rules td:first-child{white-space:nowrap;color:#333}
.big{font-size:1.25rem;font-weight:700}
.note{color:#555;font-size:.88rem}
ul.cols{columns:2;column-gap:2rem;padding-left:1.2rem;font-size:.9rem}
ul.cols li{break-inside:avoid}
figure{margin:1rem 0 1.4rem}
figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.85rem;color:#555;margin-top:.3rem}
footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid #bbb;font-size:.85rem;color:#444}
code{font-size:.9em}
@media print{body{max-width:none;margin:0}h2{break-after:avoid}figure,table{break-inside:avoid}
nav{display:none}a{color:inherit;text-decoration:none}}
""".strip()
