"""Figures drawn from finished tables; nothing here computes an analysis or writes a file.

Each `plot_*` function returns a matplotlib Figure; `render` turns it into the bytes of
each format (and closes it), and the report layer writes them. Every figure goes through
`proxy_note`, so that a proxy-based figure says so on its face.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; no display is needed or assumed

import matplotlib.image
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FixedFormatter, FuncFormatter

from optimizer.vocabulary.words import LABELS, LANGUAGES

# The same figure gives the same SVG bytes: ids from a fixed salt, no date in the file.
matplotlib.rcParams["svg.hashsalt"] = "grantopt"
# SVG text stays text (a third of the size of glyph outlines, and a reader can search and
# select it); the viewer draws it in DejaVu Sans or its own sans-serif.
matplotlib.rcParams["svg.fonttype"] = "none"

PROXY_NOTES = {lang: LABELS["proxy_note"][lang] for lang in LANGUAGES}
PROXY_NOTE = PROXY_NOTES["en"]
COLORS = {"funded": "#1b7837", "rejected": "#bdbdbd", "actual": "#d95f02",
          "optimal": "#1f78b4", "greedy": "#7570b3", "added": "#1b7837", "dropped": "#b2182b"}


def new_figure(width: float = 9.0, height: float = 5.5) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    ax.grid(True, alpha=0.3)
    return fig, ax


FOOTER_LINE_INCHES = 0.16


def footer(fig: Figure, lines: int) -> None:
    """Keep `lines` text lines free under the axes for notes.

    Constrained layout does not know of fig.text and would otherwise draw the x label
    over a note; the band is sized in inches so that tall figures get no wider gap.
    """
    engine = fig.get_layout_engine()
    if lines and isinstance(engine, ConstrainedLayoutEngine):
        bottom = (0.06 + FOOTER_LINE_INCHES * lines) / fig.get_figheight()
        engine.set(rect=(0.0, bottom, 1.0, 1.0 - bottom))  # left, bottom, width, height
        fig._grantopt_footer = lines  # type: ignore[attr-defined]


def proxy_note(fig: Figure, is_proxy: bool, lang: str = "en") -> None:
    """Print the proxy note, in English or Finnish, at the foot of a proxy-based figure."""
    if is_proxy:
        if not getattr(fig, "_grantopt_footer", 0):
            footer(fig, 1)
        fig.text(0.01, 0.005, PROXY_NOTES[lang], fontsize=8, color="#555555", ha="left",
                 va="bottom")


METADATA = {"svg": {"Date": None}, "png": {"Software": None}}
DPI = 150  # the PNG's pixels per inch; the layout is computed at this resolution
# zlib level of the PNG files: 3 encodes these flat-coloured figures in 2/3 of the time
# of 6 (PIL's default) for files some 7 % larger.
PNG_COMPRESS_LEVEL = 3


def render(fig: Figure, formats: Iterable[str] = ("png", "svg")) -> dict[str, bytes]:
    """The figure's bytes in each format (in the order asked); the figure is closed
    afterwards.

    The layout (constrained) is computed ONCE, with the PNG's Agg renderer at DPI, and then
    frozen: the PNG is that very drawing, and the SVG is drawn at the same positions. (Left
    to each savefig, the layout ran twice per format, and the SVG's, measured with its own
    text extents at 72 dpi, put the axes of a tall figure some pixels away from the PNG's.)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    formats = tuple(formats)
    out: dict[str, bytes] = {}
    try:
        canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        fig.set_dpi(DPI)
        if "png" in formats:
            canvas.draw()  # the layout, then every artist rendered once
        elif (engine := fig.get_layout_engine()) is not None:
            engine.execute(fig)  # the layout only (measured by the canvas's Agg renderer)
        fig.set_layout_engine(None)  # positions kept as laid out: no second layout
        for fmt in formats:
            buf = io.BytesIO()
            if fmt == "png":
                no_software: Any = METADATA["png"]  # None removes a key (not in the stubs)
                matplotlib.image.imsave(buf, canvas.buffer_rgba(), format="png",
                                        origin="upper", dpi=DPI, metadata=no_software,
                                        pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
            else:
                fig.savefig(buf, format=fmt, dpi=DPI, metadata=METADATA.get(fmt))
            out[fmt] = buf.getvalue()
    finally:
        plt.close(fig)
    return out


def localise_ticks(ax: plt.Axes, lang: str, x: bool = True, y: bool = True) -> None:
    """Tick labels with the language's decimal mark and minus (Finnish: 0,5 and −1)."""
    if lang != "fi":
        return

    def finnish(value: float, _pos: int) -> str:
        text = f"{value:g}"
        return text.replace(".", ",").replace("-", "\u2212")

    for axis, wanted in ((ax.xaxis, x), (ax.yaxis, y)):
        if wanted and not isinstance(axis.get_major_formatter(), FixedFormatter):
            axis.set_major_formatter(FuncFormatter(finnish))
