"""The end of the report page: the files beside it and the footer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from optimizer.case import Case
from optimizer.report.html.common import round_title
from optimizer.report.html.toolkit import (
    bullets,
    para,
    section,
)
from optimizer.version import __version__
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words

# The files beside the page that have a note, by their stem (catalog: report.file.<stem>).
FILE_NOTES = ("allocation", "result", "compare", "comparison", "regions", "region_map",
              "frontier", "coverage", "acceptability", "report", "scenario", "audit")


def files_section(files: Sequence[str], skipped: Sequence[str], w: Words) -> str:
    stems: dict[str, list[str]] = {}
    for name in files:
        stems.setdefault(name.rsplit("/", 1)[-1].split(".")[0], []).append(name)
    items = []
    for stem, names in stems.items():
        what = say(w, f"report.file.{stem}") if stem in FILE_NOTES else ""
        items.append(", ".join(names) + (f": {what}" if what else ""))
    body = [para(say(w, "report.files_section.this_page_shows_everything")),
            bullets(items)]
    if skipped:
        left_out = "; ".join(say(w, code) for code in skipped)
        body.append(para(say(w, "report.files_section.left_out") + left_out + ".",
                         "note"))
    return section("files", w["files"], body)


def footer(prep: Case, w: Words) -> str:
    call = prep.round.call
    source = [round_title(prep, w)]
    if call.decision_date:
        day = dt.date.fromisoformat(call.decision_date)
        source.append(say(w, "report.footer.decision_of", day=w.date(day)))
    if call.budget_item:
        source.append(say(w, "report.footer.budget_item", budget_item=call.budget_item))
    lines = [para(say(w, "report.footer.round") + "; ".join(source) + "."),
             para(say(w, "report.footer.attribution"))]
    if prep.is_proxy:
        lines.append(para(say(w, "report.footer.scores", label=w["proxy_label"])))
    lines.append(para(say(w, "report.footer.made_with_grantopt_every", version=__version__)))
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"
