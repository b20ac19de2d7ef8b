"""`grantopt report`: the report pages and every file beside them, from finished analyses.

`Study.report` (optimizer.study) runs the analyses; `write_report` writes, for each
scenario, its machine-readable files (allocation, comparison, frontiers, robustness, the
non-dominated portfolios when the scenario states weight statements, the record) and its
figures as PNG and SVG, then for each language a workbook and one report page that embeds
every figure. One scenario and one language: `report.html` and
`report.xlsx` beside the files. Several languages: `report.fi.html`, `report.en.html`, ...
Several scenarios: each one's files in a folder of its own (`A-2020-baseline/`, ...) and
one page for them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from matplotlib.figure import Figure

from optimizer.analysis.diff import Diff
from optimizer.analysis.executor import cpus
from optimizer.analysis.regions import NO_REGION
from optimizer.formats.files import write_atomic
from optimizer.plots import render
from optimizer.readers.boundaries import Boundaries
from optimizer.report.allocation import write_allocation
from optimizer.report.analyses import Analyses, million_budgets
from optimizer.report.brief import Brief, make_brief
from optimizer.report.html.page import Page, render_html
from optimizer.report.outputs import (
    map_note,
    regions_note,
    write_compare_outputs,
    write_frontier_outputs,
    write_nondominated_outputs,
    write_robustness_outputs,
)
from optimizer.report.record import write_record
from optimizer.vocabulary.message import say

REPORT_NAME = "report.html"
T = TypeVar("T")

__all__ = ["REPORT_NAME", "Analyses", "ReportFiles", "million_budgets", "report_date",
           "write_report"]


# What a report may leave out, by its catalog code (the page says it in its language).
NO_COMPARISON, NO_ROBUSTNESS = "report.skipped.comparison", "report.skipped.robustness"

@dataclass(frozen=True)
class ReportFiles:
    """What write_report wrote: the pages (one per language), every file, what it left out."""

    pages: tuple[Path, ...]
    written: tuple[Path, ...]
    skipped: tuple[str, ...] = ()

    @property
    def html(self) -> Path:
        return self.pages[0]


def report_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH (seconds since 1970, as reproducible builds
    set it), so that a report can be made again byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def write_report(scenarios: Sequence[Analyses], out: Path, langs: Sequence[str] = ("en",),
                 *, date: dt.date | None = None, diffs: Sequence[Diff] = (),
                 boundaries: Boundaries | None = None) -> ReportFiles:
    """Write every file of the report into `out`: each scenario's files and figures, then
    per language its workbooks and its page (last)."""
    date = date or report_date()
    several = len(scenarios) > 1
    folders = [out / _folder(index, a) if several else out for index, a in enumerate(scenarios)]
    written: list[Path] = []
    skipped: list[str] = []
    figures: list[dict[str, dict[str, bytes]]] = []  # per scenario: lang -> key -> svg
    jobs = [_jobs(a, langs, boundaries) for a in scenarios]
    drawings: list[Callable[[], Any]] = [
        functools.partial(_draw, job) for per_lang in jobs for by_key in per_lang
        for job in by_key.values()]
    costs = [_COST.get(key, 1) * len(job[1]) for per_lang in jobs for by_key in per_lang
             for key, job in by_key.items()]
    brief = make_brief(scenarios)  # the grid sheet of every workbook
    books: list[Callable[[], Any]] = [
        functools.partial(write_atomic, folder / f"report{_suffix(langs, lang)}.xlsx",
                          _workbook(a, lang, brief))
        for lang in langs for a, folder in zip(scenarios, folders, strict=True)]
    done = in_workers(drawings + books, costs + [2] * len(books))
    drawn = iter(done[:len(drawings)])
    for a, folder, its_jobs in zip(scenarios, folders, jobs, strict=True):
        written += _scenario_files(a, folder, langs[0], skipped)
        svgs, files = _figures(its_jobs, folder, langs, drawn)
        written += files
        figures.append(svgs)
    written += done[len(drawings):]  # the workbooks, per language
    pages = []
    names = tuple(str(p.relative_to(out)) for p in written)
    for lang in langs:
        suffix = _suffix(langs, lang)
        shown = tuple(dataclasses.replace(a, figures=svgs[lang])
                      for a, svgs in zip(scenarios, figures, strict=True))
        page = Page(shown, lang, date, tuple(diffs), files=names, skipped=tuple(skipped))
        pages.append(write_atomic(out / f"report{suffix}.html", render_html(page)))
    return ReportFiles(tuple(pages), (*written, *pages),
                       tuple(say("en", code) for code in skipped))


def _suffix(langs: Sequence[str], lang: str) -> str:
    return "" if len(langs) == 1 else f".{lang}"


def _workbook(a: Analyses, lang: str, brief: Brief) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        # openpyxl is loaded by the worker that writes the workbook, beside the other
        # worker's drawing, not before the figures start.
        from optimizer.report.workbook import write_workbook

        write_workbook(a, path, lang, brief)

    return write


def _folder(index: int, a: Analyses) -> str:
    source = a.allocation.case.scenario.source
    letter = chr(ord("A") + index) if index < 26 else str(index + 1)
    return f"{letter}-{source.stem}" if source else letter


def _scenario_files(a: Analyses, folder: Path, lang: str, skipped: list[str]) -> list[Path]:
    """The machine-readable files of one scenario and its record (figures apart);
    `skipped` gathers the catalog codes of what was left out."""
    case, audit = a.allocation.case, a.audit
    written = write_allocation(a.allocation, folder, audit, record=False, lang=lang)
    if a.comparison is not None:
        written += write_compare_outputs(a.comparison, case, folder, audit, record=False,
                                         figures=False)
    elif NO_COMPARISON not in skipped:
        skipped.append(NO_COMPARISON)
    written += write_frontier_outputs(a.frontier, a.coverage, case, folder, audit,
                                      record=False, figures=False)
    if a.robustness is not None:
        written += write_robustness_outputs(a.robustness, case, folder, audit,
                                            record=False, figures=False)
    elif NO_ROBUSTNESS not in skipped:
        skipped.append(NO_ROBUSTNESS)
    if a.portfolios is not None:
        written += write_nondominated_outputs(a.portfolios, case, folder, audit, record=False)
    return written + write_record(case, audit, folder)


Job = tuple[Callable[[], Figure], tuple[str, ...]]  # a drawing and the formats wanted


def _jobs(a: Analyses, langs: Sequence[str], boundaries: Boundaries | None
          ) -> list[dict[str, Job]]:
    """Per language, every figure of a scenario by its key: the first language's as SVG
    and PNG (the files beside the page), the others' as SVG (for their pages)."""
    return [{key: (draw, ("svg", "png") if index == 0 else ("svg",))
             for key, draw in _drawings(a, lang, boundaries).items()}
            for index, lang in enumerate(langs)]


def _figures(jobs: list[dict[str, Job]], folder: Path, langs: Sequence[str],
             drawn: Iterator[dict[str, bytes]]
             ) -> tuple[dict[str, dict[str, bytes]], list[Path]]:
    """Every figure of a scenario in every language (SVG, for the pages), taken from
    `drawn` in the jobs' order; the first language's also as SVG and PNG files beside the
    page."""
    svgs: dict[str, dict[str, bytes]] = {}
    written: list[Path] = []
    for index, (lang, figures) in enumerate(zip(langs, jobs, strict=True)):
        svgs[lang] = {}
        for key in figures:
            rendered = next(drawn)
            svgs[lang][key] = rendered["svg"]
            if index == 0:
                written += [write_atomic(folder / f"{key}.{fmt}", data)
                            for fmt, data in rendered.items()]
    return svgs, written


# The figures and workbooks of a report are independent and each takes a fraction of a
# second (matplotlib's text layout and rasteriser, openpyxl): they are made in forked
# processes, one per CPU, and their results come back in order, so the files are the same
# as made one after another.
_PENDING: list[Callable[[], Any]] = []  # what a forked worker inherits (closures do not
# pickle)


# About how long each figure takes to draw, relative to the others (the many labels of
# the tall ones): the longest are handed out first, so that no worker is left with one at
# the end while the others wait.
_COST = {"acceptability": 4, "portfolios": 4, "comparison": 3, "region_map": 2,
         "regions": 2}


def only_thread() -> bool:
    """No other Python thread runs in this process (then forking is safe)."""
    return threading.active_count() == 1


def in_workers(tasks: list[Callable[[], T]], costs: Sequence[float] = ()) -> list[T]:
    """Every task's result, in the tasks' order; `costs` (one per task), how long each
    takes about: the longest start first."""
    workers = min(cpus(), len(tasks))
    # Forked only from a process with no other Python thread: one (the app's) might hold
    # a lock of matplotlib's that the copy would then wait on for ever.
    if workers < 2 or not only_thread() or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    _PENDING[:] = tasks
    try:
        # fork: the tasks (closures over the analyses) are inherited, not pickled; a
        # worker only draws and writes, so no solver thread of this process is needed there.
        order = sorted(range(len(tasks)), key=lambda i: -costs[i]) if costs else range(len(tasks))
        results: dict[int, Any] = {}
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with,
                                     initargs=(os.getpid(),)) as pool:
                futures = {index: pool.submit(_run_pending, index) for index in order}
                for index, future in futures.items():
                    results[index] = future.result()
        except BrokenProcessPool:
            pass  # a worker died (killed, out of memory): what it left is done here
        return [results[i] if i in results else tasks[i]() for i in range(len(tasks))]
    finally:
        _PENDING.clear()


def _die_with(parent: int) -> None:
    """A worker ends with the process that forked it: killed, that process would leave its
    workers waiting on their queue for ever, holding the output folder's lock (inherited)."""
    if sys.platform == "linux":
        import ctypes

        # PR_SET_PDEATHSIG: the kernel kills this worker the moment its parent dies.
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.05)
    os._exit(1)


def _run_pending(index: int) -> Any:
    return _PENDING[index]()


def _draw(job: Job) -> dict[str, bytes]:
    draw, formats = job
    return render(draw(), formats)


def _drawings(a: Analyses, lang: str, boundaries: Boundaries | None
              ) -> dict[str, Callable[[], Figure]]:
    """The figures of one scenario, each drawn when asked for (plots compute nothing)."""
    from optimizer.plots.acceptability import plot_acceptability
    from optimizer.plots.comparison import plot_comparison
    from optimizer.plots.frontier import plot_coverage, plot_frontier
    from optimizer.plots.portfolios import plot_portfolios
    from optimizer.plots.region_map import plot_region_choropleth, plot_region_tiles
    from optimizer.plots.regions import plot_regions
    from optimizer.plots.value_for_money import plot_value_for_money, value_for_money

    prep = a.allocation.case
    table = a.allocation.regions()
    applicants = {r for splits in prep.region_splits().values() for r in splits}
    regions = prep.register.regions() if prep.register is not None else tuple(applicants)
    unplaced = any(line.region == NO_REGION and (line.optimal_eur or line.actual_eur)
                   for line in table)
    note = map_note(lang) if unplaced else None
    name = prep.scenario.title_in(lang)  # the figures' subtitle, in the page's language
    drawings: dict[str, Callable[[], Figure]] = {
        "region_map": lambda: plot_region_tiles(table, regions, applicants, lang=lang,
                                                is_proxy=prep.is_proxy, note=note),
        "frontier": lambda: plot_frontier(a.frontier, lang, name),
        "coverage": lambda: plot_coverage(a.coverage, lang, name),
        "value_for_money": lambda: plot_value_for_money(value_for_money(a.allocation), lang, name),
    }
    if boundaries is not None:
        drawings["region_map"] = lambda: plot_region_choropleth(
            table, boundaries, applicants, lang=lang, is_proxy=prep.is_proxy, note=note)
    c, rob = a.comparison, a.robustness
    if c is not None:
        drawings["comparison"] = lambda: plot_comparison(c, lang=lang, name=name)
        drawings["regions"] = lambda: plot_regions(c, note=regions_note(c, lang), lang=lang,
                                                   name=name)
    if rob is not None:
        funded = prep.actually_funded if prep.round.awards else None
        drawings["acceptability"] = lambda: plot_acceptability(rob, funded, lang, name)
    if (rp := a.portfolios) is not None:
        drawings["portfolios"] = lambda: plot_portfolios(rp, lang, name)
    return drawings
