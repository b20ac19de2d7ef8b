"""Region boundaries from a GeoJSON file the user brings, for a choropleth of the regions.

The tool ships no geodata: a boundary file is optional input. It is a FeatureCollection of
Polygon or MultiPolygon features in lon/lat; each feature names its region by a property,
tried in this order: `region_fi` (a region name), `region_code` (two digits, as the
municipality register has them) or `name`. Several features of one region are merged.
Every problem is an InputError naming the file and the feature; all are collected at once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from optimizer.errors import InputError, Problem, suggest
from optimizer.readers.limits import MAX_FILE_BYTES, MB
from optimizer.readers.register import Register, load_register, normalise
from optimizer.readers.text import decode_text, read_bytes
from optimizer.vocabulary.message import Message

REGION_PROPERTIES = ("region_fi", "region_code", "name")
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
_m = Message.of
_HINT = _m("input.geo.hint")

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Polygon:
    """One polygon: its outer ring first, then its holes; each ring closed (last = first)."""

    rings: tuple[Ring, ...]

    @property
    def exterior(self) -> Ring:
        return self.rings[0]

    @property
    def area(self) -> float:
        """Area in squared degrees (outer ring less holes), to rank a region's polygons."""
        outer, *holes = (abs(ring_area(r)) for r in self.rings)
        return outer - sum(holes)


@dataclass(frozen=True)
class RegionShape:
    region: str  # the register's Finnish name
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class Boundaries:
    """The regions found in one boundary file, in the register's region order."""

    source: str
    shapes: tuple[RegionShape, ...]

    def __iter__(self) -> Iterator[RegionShape]:
        return iter(self.shapes)

    def __len__(self) -> int:
        return len(self.shapes)

    def __contains__(self, region: object) -> bool:
        return any(s.region == region for s in self.shapes)

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(s.region for s in self.shapes)

    def polygons(self, region: str) -> tuple[Polygon, ...]:
        """The polygons of `region`; () when the file does not have it."""
        return next((s.polygons for s in self.shapes if s.region == region), ())

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) over every outer ring."""
        xs = [x for s in self.shapes for p in s.polygons for x, _ in p.exterior]
        ys = [y for s in self.shapes for p in s.polygons for _, y in p.exterior]
        return min(xs), min(ys), max(xs), max(ys)


def ring_area(ring: Sequence[tuple[float, float]]) -> float:
    """Signed area (shoelace): positive when the ring runs anticlockwise."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))


def read_boundaries(path: str | Path, register: Register | None = None) -> Boundaries:
    """The regions of a GeoJSON FeatureCollection; InputError with every problem found."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError(Problem(_m("input.geo.not_found"), file=name, value=str(path),
                                 hint=_HINT))
    _check_size(path, name)
    text = decode_text(read_bytes(path, name), name, hint=_m("input.geo.utf8_hint"))
    features = _features(_parse(text, name), name)
    register = register or load_register()
    found: dict[str, list[Polygon]] = {}
    problems: list[Problem] = []
    for index, feature in enumerate(features):
        try:
            region, polygons = _feature(feature, index, name, register)
        except _FeatureProblem as exc:
            problems.append(exc.problem)
            continue
        found.setdefault(region, []).extend(polygons)
    if problems:
        raise InputError(problems)
    order = [r for r in register.regions() if r in found]
    return Boundaries(name, tuple(RegionShape(r, tuple(found[r])) for r in order))


class _FeatureProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _check_size(path: Path, name: str) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(Problem(
            _m("input.geo.too_large", size=size, limit=MAX_FILE_BYTES // MB), file=name,
            hint=_m("input.geo.too_large.hint")))


def _parse(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(
            _m("input.geo.not_json", reason=exc.msg, line=exc.lineno, column=exc.colno),
            file=name, hint=_HINT)) from None
    except RecursionError:
        raise InputError(Problem(_m("input.geo.too_deep"), file=name,
                                 hint=_HINT)) from None


def _features(data: Any, name: str) -> list[Any]:
    kind = data.get("type") if isinstance(data, dict) else type(data).__name__
    if kind != "FeatureCollection":
        raise InputError(Problem(
            _m("input.geo.not_collection"), file=name, value=kind,
            hint=_m("input.geo.not_collection.hint")))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise InputError(Problem(_m("input.geo.no_features"), file=name,
                                 hint=_m("input.geo.no_features.hint")))
    return features


def _feature(feature: Any, index: int, name: str,
             register: Register) -> tuple[str, tuple[Polygon, ...]]:
    where = _m("input.geo.feature", index=index)
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _FeatureProblem(Problem(_m("input.geo.not_feature", where=where), file=name,
                                      hint=_HINT))
    props = feature.get("properties")
    region = _region(props if isinstance(props, dict) else {}, where, name, register)
    return region, _geometry(feature.get("geometry"),
                             _m("input.geo.feature", index=index, region=region), name)


def _region(props: Mapping[str, Any], where: Message, name: str, register: Register) -> str:
    """The register's name of the region a feature's properties name."""
    regions = register.regions()
    for key in REGION_PROPERTIES:
        value = props.get(key)
        if value is None or value == "":
            continue
        if key == "region_code":
            return _by_code(value, where, name, register)
        by_name = {normalise(r): r for r in regions}
        hit = by_name.get(normalise(str(value)))
        if hit is None:
            raise _FeatureProblem(Problem(
                _m("input.geo.not_region", where=where, key=key), file=name,
                value=value, hint=_did_you_mean(str(value), regions)))
        return hit
    raise _FeatureProblem(Problem(
        _m("input.geo.no_region", where=where), file=name,
        hint=_m("input.geo.no_region.hint")))


def _by_code(value: Any, where: Message, name: str, register: Register) -> str:
    codes = {m.region_code: m.region_fi for m in register.municipalities}
    text = str(value).strip()
    code = text.zfill(2) if text.isdigit() else text  # 1 (a JSON number) means "01"
    if code in codes:
        return codes[code]
    raise _FeatureProblem(Problem(
        _m("input.geo.no_code", where=where), file=name, value=value,
        hint=_m("input.geo.codes", codes=sorted(codes))))


def _did_you_mean(value: str, choices: Sequence[str]) -> Message:
    hits = suggest(value, choices)
    if hits:
        return _m("input.geo.did_you_mean", hits=hits)
    return _m("input.geo.regions", regions=list(choices))


def _geometry(geometry: Any, where: Message, name: str) -> tuple[Polygon, ...]:
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        shown = ("none" if geometry is None else geometry.get("type")
                 if isinstance(geometry, dict) else "not a geometry object")
        raise _FeatureProblem(Problem(
            _m("input.geo.no_geometry", where=where), file=name, value=shown,
            hint=_m("input.geo.no_geometry.hint")))
    kind = str(geometry["type"])
    coords = geometry.get("coordinates")
    parts = [coords] if kind == "Polygon" else coords
    if not isinstance(parts, list) or not parts:
        raise _bad_coordinates(where, name, kind)
    polygons = tuple(_polygon(p, where, name, kind) for p in parts)
    if any(abs(x) > 180 or abs(y) > 90 for p in polygons for x, y in p.exterior):
        raise _FeatureProblem(Problem(
            _m("input.geo.projected", where=where), file=name,
            hint=_m("input.geo.projected.hint")))
    return polygons


def _polygon(rings: Any, where: Message, name: str, kind: str) -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise _bad_coordinates(where, name, kind)
    return Polygon(tuple(_ring(r, where, name, kind) for r in rings))


def _ring(points: Any, where: Message, name: str, kind: str) -> Ring:
    if not isinstance(points, list) or len(points) < 4:
        raise _bad_coordinates(where, name, kind)
    out = []
    for point in points:
        if (not isinstance(point, list) or len(point) < 2
                or not all(_is_number(v) for v in point[:2])):
            raise _bad_coordinates(where, name, kind)
        out.append((float(point[0]), float(point[1])))
    if out[0] != out[-1]:
        out.append(out[0])  # GeoJSON rings are closed; be lenient with one that is not
    return tuple(out)


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _bad_coordinates(where: Message, name: str, kind: str) -> _FeatureProblem:
    return _FeatureProblem(Problem(
        _m("input.geo.coordinates", where=where, kind=kind), file=name,
        hint=_m("input.geo.coordinates.hint")))
