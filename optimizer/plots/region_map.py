"""Funds per region on a map, in € per resident: the optimum and the actual decision side by
side on one colour scale.

`plot_region_tiles` needs no geodata: each region is one tile on a small grid laid out
like Finland. `plot_region_choropleth` draws the regions' real shapes from a boundary file
the user brings (`optimizer.readers.boundaries`), with matplotlib patches only. Both draw a
finished RegionTable and compute nothing beyond the layout.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colormaps, patheffects
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Colormap, Normalize, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FuncFormatter

from optimizer.analysis.regions import RegionTable
from optimizer.plots import FOOTER_LINE_INCHES, footer, proxy_note
from optimizer.readers.boundaries import Boundaries, Polygon, ring_area
from optimizer.vocabulary.message import say
from optimizer.vocabulary.numbers import number
from optimizer.vocabulary.words import LANGUAGES

# The words of the map, by their catalog code (vocabulary/catalog/plots.py).
WORDS = ("optimum", "actual", "per_resident", "no_applicants", "title", "lead",
         "participants", "not_drawn")

# (column, row) of each region's tile, row 0 at the top: roughly Finland's map, with Lappi
# at the top, the west coast from Pohjanmaa down to Varsinais-Suomi, Ahvenanmaa off the
# south-west coast and Uusimaa at the bottom.
#
#              0      1      2      3      4      5
#       0                           Lap
#       1                    KPo    PPo    Kai
#       2             Pom    EPo    KSu    PSa    PKa
#       3             Sat    Pir    PHä    ESa
#       4             VSu    KHä    Kym    EKa
#       5      Ahv           Uus
TILES: dict[str, tuple[int, int]] = {
    "Lappi": (3, 0),
    "Keski-Pohjanmaa": (2, 1), "Pohjois-Pohjanmaa": (3, 1), "Kainuu": (4, 1),
    "Pohjanmaa": (1, 2), "Etelä-Pohjanmaa": (2, 2), "Keski-Suomi": (3, 2),
    "Pohjois-Savo": (4, 2), "Pohjois-Karjala": (5, 2),
    "Satakunta": (1, 3), "Pirkanmaa": (2, 3), "Päijät-Häme": (3, 3), "Etelä-Savo": (4, 3),
    "Varsinais-Suomi": (1, 4), "Kanta-Häme": (2, 4), "Kymenlaakso": (3, 4),
    "Etelä-Karjala": (4, 4),
    "Ahvenanmaa": (0, 5), "Uusimaa": (2, 5),
}

# Tile labels: names wrap after their hyphen; these long one-word names at a compound seam.
WRAPS = {"Kymenlaakso": "Kymen-\nlaakso", "Ahvenanmaa": "Ahvenan-\nmaa"}

CMAP = "Blues"


@dataclass(frozen=True)
class Look:
    """How a region is painted: fill, edge, hatching and the text colour that reads on it."""

    face: str | tuple[float, float, float, float]
    edge: str
    hatch: str | None
    ink: str

    def patch(self) -> dict[str, Any]:
        return {"facecolor": self.face, "edgecolor": self.edge, "hatch": self.hatch}


NO_APPLICANTS = Look(face="#f0f0f0", edge="#969696", hatch="////", ink="#525252")
EDGE = "#636363"
DARK_INK = "#202020"
TITLE_POINTS = 11
MIN_WIDTH = 6.8  # inches: the Finnish proxy note is one line of ~6 inches
TILE = 0.92  # tile side in grid units; the rest is the gap
PANEL_INCHES = (4.0, 4.2)  # one panel of tiles (width, height)
MAP_PANEL_INCHES = (3.9, 7.0)  # one panel of the choropleth


@dataclass(frozen=True)
class Shown:
    """What one region shows in one panel: its € per resident (None: no applicants, or no
    population known), and whether it had applicants."""

    value: float | None
    applicants: bool

    def look(self, norm: Normalize, cmap: Colormap) -> Look:
        if not self.applicants:
            return NO_APPLICANTS
        face = "white" if self.value is None else cmap(norm(self.value))
        return Look(face=face, edge=EDGE, hatch=None, ink=_ink(face))

    def text(self, lang: str) -> str:
        return "–" if self.value is None else number(self.value, 2, lang)


def plot_region_tiles(table: RegionTable, regions: Sequence[str], applicants: Collection[str],
                      *, lang: str = "en", title: str | None = None,
                      is_proxy: bool = False, note: str | None = None) -> Figure:
    """One tile per region in `regions` (laid out by TILES; others in a row below), coloured
    by € per resident; a region not in `applicants` (and with no funds) is hatched.

    Lines of the table for no region of `regions` (e.g. NO_REGION) cannot be drawn; say so
    with `note`, a line at the foot."""
    words = _words(lang)
    panels = _panels(table, regions, applicants)
    places = _places(regions)
    cols = max((c for c, _ in places.values()), default=0) + 1
    rows = max((r for _, r in places.values()), default=0) + 1
    width, height = PANEL_INCHES
    fig, axes = _figure(len(panels), width * cols / 6, height * rows / 6 + 0.8,
                        is_proxy, note)
    norm, cmap = _scale(panels)
    for ax, (key, shown) in zip(axes, panels.items(), strict=True):
        for region, (col, row) in places.items():
            _tile(ax, col, row, region, shown[region], norm, cmap, lang)
        ax.set_xlim(-0.1, cols)
        ax.set_ylim(rows, -0.1)  # row 0 at the top
        ax.set_aspect("equal")
        _panel(ax, words[key])
    _decorate(fig, axes, panels, norm, cmap, words, lang, title or _title(table, words))
    _foot(fig, note, is_proxy, lang)
    return fig


def plot_region_choropleth(table: RegionTable, boundaries: Boundaries,
                           applicants: Collection[str], *, lang: str = "en",
                           title: str | None = None, is_proxy: bool = False,
                           note: str | None = None) -> Figure:
    """The regions of `boundaries` filled by € per resident, the value at each region's
    label point; regions with funds but no boundary are named in a note at the foot."""
    words = _words(lang)
    panels = _panels(table, boundaries.regions, applicants)
    missing = [line.region for line in table.lines
               if line.region not in boundaries and line.population]
    if missing:
        extra = say(lang, "plots.map.not_drawn", file=boundaries.source, regions=missing)
        note = f"{note}\n{extra}" if note else extra
    width, height = MAP_PANEL_INCHES
    fig, axes = _figure(len(panels), width, height, is_proxy, note)
    norm, cmap = _scale(panels)
    x0, y0, x1, y1 = boundaries.bounds
    stretch = 1 / math.cos(math.radians((y0 + y1) / 2))  # a degree of lon is shorter up north
    for ax, (key, shown) in zip(axes, panels.items(), strict=True):
        for shape in boundaries:
            _region_shape(ax, shape.polygons, shape.region, shown[shape.region], norm, cmap,
                          lang, stretch)
        pad = 0.02 * (y1 - y0)
        ax.set_xlim(x0 - pad * stretch, x1 + pad * stretch)
        ax.set_ylim(y0 - pad, y1 + pad)
        ax.set_aspect(stretch)
        _panel(ax, words[key])
    _decorate(fig, axes, panels, norm, cmap, words, lang, title or _title(table, words))
    _foot(fig, note, is_proxy, lang)
    return fig


# --- what each panel shows --------------------------------------------------------------


def _words(lang: str) -> Mapping[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {sorted(LANGUAGES)}, not {lang!r}")
    return {key: say(lang, f"plots.map.{key}") for key in WORDS if key != "not_drawn"}


def _panels(table: RegionTable, regions: Iterable[str],
            applicants: Collection[str]) -> dict[str, dict[str, Shown]]:
    """Per panel ("optimum", "actual" when known), what each region shows. A region with a
    line in the table had funds, so it counts as having applicants whatever `applicants`
    says (by the participants' basis a region can be funded without leading a project)."""
    lines = {line.region: line for line in table.lines}
    keys = ("optimum", "actual") if table.has_actual else ("optimum",)
    out: dict[str, dict[str, Shown]] = {k: {} for k in keys}
    for region in regions:
        line = lines.get(region)
        has = line is not None or region in applicants
        values = {"optimum": line.optimal_per_resident if line else 0.0,
                  "actual": line.actual_per_resident if line else 0.0}
        for key in keys:
            out[key][region] = Shown(values[key] if has else None, has)
    return out


def _places(regions: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Each region's tile: TILES, or a row below the map for a region TILES does not know."""
    places = {r: TILES[r] for r in regions if r in TILES}
    below = max((row for _, row in places.values()), default=-1) + 1
    for i, region in enumerate(r for r in regions if r not in TILES):
        places[region] = (i % 6, below + i // 6)
    return places


def _scale(panels: Mapping[str, Mapping[str, Shown]]) -> tuple[Normalize, Colormap]:
    values = [s.value for shown in panels.values() for s in shown.values() if s.value]
    return Normalize(0.0, max(values, default=0.0) or 1.0), colormaps[CMAP]


def _title(table: RegionTable, words: Mapping[str, str]) -> str:
    basis = words["participants" if table.basis == "participants" else "lead"]
    return f"{words['title']}\n({basis})"


# --- drawing ------------------------------------------------------------------------------


def _figure(panels: int, width: float, height: float, is_proxy: bool,
            note: str | None) -> tuple[Figure, list[Axes]]:
    fig, axes = plt.subplots(1, panels, figsize=(max(width * panels + 1.1, MIN_WIDTH), height),
                             layout="constrained", squeeze=False)
    footer(fig, int(is_proxy) + (note.count("\n") + 1 if note else 0))
    return fig, list(axes[0])


def _panel(ax: Axes, title: str) -> None:
    ax.set_title(title, fontsize=10, fontweight="bold")
    ax.set_axis_off()


def _tile(ax: Axes, col: int, row: int, region: str, shown: Shown, norm: Normalize,
          cmap: Colormap, lang: str) -> None:
    x, y = col + (1 - TILE) / 2, row + (1 - TILE) / 2
    look = shown.look(norm, cmap)
    ax.add_patch(FancyBboxPatch((x, y), TILE, TILE, boxstyle="round,pad=0,rounding_size=0.08",
                                linewidth=0.6, label=f"_tile:{region}", **look.patch()))
    name = WRAPS.get(region) or region.replace("-", "-\n", 1)
    # On hatching the text sits on a patch of the tile's own grey, to stay readable.
    box = None if shown.applicants else {"boxstyle": "round,pad=0.15", "linewidth": 0,
                                         "facecolor": look.face}
    ax.text(col + 0.5, row + 0.35, name, ha="center", va="center", fontsize=7.2,
            color=look.ink, linespacing=1.0, bbox=box, label=f"_name:{region}")
    ax.text(col + 0.5, row + 0.74, shown.text(lang), ha="center", va="center", fontsize=9.5,
            fontweight="bold", color=look.ink, bbox=box, label=f"_value:{region}")


def _region_shape(ax: Axes, polygons: Sequence[Polygon], region: str, shown: Shown,
                  norm: Normalize, cmap: Colormap, lang: str, stretch: float) -> None:
    look = shown.look(norm, cmap)
    for polygon in polygons:
        ax.add_patch(PathPatch(_path(polygon), linewidth=0.4, label=f"_region:{region}",
                               **look.patch()))
    if not shown.applicants:
        return  # the hatching says it; a dash on it would be noise
    x, y = _label_point(max(polygons, key=lambda p: p.area), stretch)
    # A halo of the region's own colour keeps a label readable where it crosses a border.
    halo = [patheffects.withStroke(linewidth=2.2, foreground=look.face)]
    ax.text(x, y, shown.text(lang), ha="center", va="center", fontsize=7, fontweight="bold",
            color=look.ink, path_effects=halo, label=f"_value:{region}")


def _path(polygon: Polygon) -> MplPath:
    """One path of the outer ring (anticlockwise) and its holes (clockwise), so that the
    holes stay empty under matplotlib's non-zero fill rule whatever the file's winding."""
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    move, line, close = int(MplPath.MOVETO), int(MplPath.LINETO), int(MplPath.CLOSEPOLY)
    for i, ring in enumerate(polygon.rings):
        anticlockwise = ring_area(ring) > 0
        points = list(ring if anticlockwise == (i == 0) else ring[::-1])
        vertices += points
        codes += [move] + [line] * (len(points) - 2) + [close]
    return MplPath(vertices, codes)


def _label_point(polygon: Polygon, stretch: float, steps: int = 40) -> tuple[float, float]:
    """A point well inside the polygon (the farthest from its edges on a grid), where a
    label does not fall outside a crescent-shaped region as its centroid might."""
    ring = np.asarray(polygon.exterior)
    scale = np.array([1 / stretch, 1.0])  # distances as on the page
    (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(x0, x1, steps), np.linspace(y0, y1, steps))
    points = np.column_stack([gx.ravel(), gy.ravel()])
    inside = points[MplPath(ring).contains_points(points)]
    if not len(inside):
        return float(ring[:-1, 0].mean()), float(ring[:-1, 1].mean())
    a, b = ring[:-1] * scale, ring[1:] * scale
    p = inside * scale
    ab = b - a
    t = np.clip(((p[:, None, :] - a) * ab).sum(axis=2) / np.maximum((ab * ab).sum(axis=1),
                                                                      1e-12), 0, 1)
    nearest = a + t[..., None] * ab
    distance = np.sqrt(((p[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)
    best = inside[int(distance.argmax())]
    return float(best[0]), float(best[1])


def _ink(face: object) -> str:
    """White or near-black text, whichever contrasts more with `face` (WCAG ratios)."""
    lum = _luminance(face)
    on_white = 1.05 / (lum + 0.05)
    on_dark = (lum + 0.05) / (_luminance(DARK_INK) + 0.05)
    return "white" if on_white > on_dark else DARK_INK


def _luminance(color: object) -> float:
    """WCAG relative luminance of a colour, 0 (black) to 1 (white)."""
    r, g, b, _ = to_rgba(color)  # type: ignore[arg-type]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _decorate(fig: Figure, axes: Sequence[Axes], panels: Mapping[str, Mapping[str, Shown]],
              norm: Normalize, cmap: Colormap, words: Mapping[str, str], lang: str,
              title: str) -> None:
    """The title, the one colour bar of every panel, and the legend of hatched regions."""
    fig.suptitle(_wrap(title, fig.get_figwidth(), TITLE_POINTS), fontsize=TITLE_POINTS)
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=list(axes), shrink=0.6,
                       aspect=25, pad=0.02)
    bar.set_label(words["per_resident"], fontsize=9)
    bar.ax.tick_params(labelsize=8)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick(v, lang)))
    if any(not s.applicants for p in panels.values() for s in p.values()):
        axes[0].legend(handles=[Patch(label=words["no_applicants"], linewidth=0.8,
                                      **NO_APPLICANTS.patch())],
                       loc="upper left", fontsize=8, frameon=False, handlelength=1.6,
                       handleheight=1.6)


def _wrap(text: str, inches: float, points: float) -> str:
    """Each line of `text` wrapped to the figure's width (a glyph is ~0.55 em wide)."""
    width = max(20, int(inches * 72 / (points * 0.55)) - 2)
    return "\n".join(textwrap.fill(line, width) for line in text.splitlines())


def _tick(value: float, lang: str) -> str:
    """A colour-bar tick without trailing zeros: 2, 2.5 (2,5 in Finnish)."""
    text = number(value, 2, lang)
    mark = number(0.5, 1, lang)[1]  # the language's decimal mark
    return text.rstrip("0").rstrip(mark) if mark in text else text


def _foot(fig: Figure, note: str | None, is_proxy: bool, lang: str) -> None:
    if note:
        y = (0.02 + FOOTER_LINE_INCHES * int(is_proxy)) / fig.get_figheight()
        fig.text(0.01, y, note, fontsize=8, color="#555555", ha="left", va="bottom")
    proxy_note(fig, is_proxy, lang)
