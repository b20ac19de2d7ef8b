"""The map of the regions: a tile per region (no geodata), and a choropleth from a boundary
file the user brings; the values on the map are the table's, in English and Finnish; bad
boundary files are InputErrors that say what and where."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from optimizer.analysis.regions import NO_REGION, RegionTable, region_table
from optimizer.errors import InputError
from optimizer.plots import PROXY_NOTE, PROXY_NOTES, proxy_note, render
from optimizer.plots.region_map import TILES, plot_region_choropleth, plot_region_tiles
from optimizer.readers import load_register
from optimizer.readers.boundaries import Boundaries, read_boundaries
from optimizer.vocabulary.numbers import number

ROOT = Path(__file__).resolve().parents[1]
# Test input only: the boundary file lives outside the project and is never copied into it.
GEOJSON = Path(__file__).resolve().parents[2] / "shared" / "data" / "regions_2020.geojson"
REGIONS = load_register().regions()


@pytest.fixture(scope="module")
def baseline() -> tuple[RegionTable, set[str]]:
    """The 2020 round's table by lead region, and the regions with an application."""
    from optimizer import Study

    study = Study.from_file(ROOT / "scenarios" / "2020-baseline.toml")
    applicants = {line.lead_region for line in study.applications().lines if line.lead_region}
    return study.solve().regions(), applicants


@pytest.fixture(scope="module")
def boundaries() -> Boundaries:
    if not GEOJSON.is_file():
        pytest.skip(f"{GEOJSON} is absent (test input outside the project)")
    return read_boundaries(GEOJSON)


def _table(actual: bool = True) -> RegionTable:
    """Uusimaa funded in both, Lappi only in the optimum, a project of no region."""
    population = load_register().municipalities
    residents: dict[str, int] = {}
    for m in population:
        residents[m.region_fi] = residents.get(m.region_fi, 0) + m.population
    splits = {"A": {"Uusimaa": 1.0}, "B": {"Lappi": 1.0}, "C": {}}
    return region_table(splits, {"A": 1_000_000.0, "B": 354_322.0, "C": 5000.0},
                        {"A": 2_000_000.0} if actual else None, residents, 3e6, "lead")


def _key(artist) -> str:
    """What an artist of the map draws, e.g. "tile:Lappi" (its label without the "_" that
    keeps it out of legends; a label is not written into the SVG, unlike an id)."""
    label = artist.get_label() or ""
    return label[1:] if label.startswith("_") and ":" in label else ""


def _keys(fig: Figure, prefix: str) -> list[str]:
    return [_key(a) for ax in fig.axes for a in [*ax.patches, *ax.texts]
            if _key(a).startswith(prefix)]


def _panel_axes(fig: Figure) -> list:
    return [ax for ax in fig.axes if ax.get_title()]


def _texts(fig: Figure) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def _value(ax, region: str) -> str:
    return next(t.get_text() for t in ax.texts if _key(t) == f"value:{region}")


# --- the tiles ---------------------------------------------------------------------------


def test_the_tile_grid_is_finland_roughly():
    assert sorted(TILES) == sorted(REGIONS)
    assert len(set(TILES.values())) == 19  # one tile each
    col = {r: c for r, (c, _) in TILES.items()}
    row = {r: r_ for r, (_, r_) in TILES.items()}
    assert row["Lappi"] == min(row.values())
    assert row["Uusimaa"] == max(row.values())
    assert col["Ahvenanmaa"] == min(col.values()) and row["Ahvenanmaa"] == row["Uusimaa"]
    assert col["Pohjois-Karjala"] == max(col.values())
    assert col["Pohjanmaa"] < col["Keski-Suomi"] < col["Pohjois-Savo"]
    assert row["Pirkanmaa"] < row["Kanta-Häme"] < row["Uusimaa"]


def test_tiles_of_the_2020_round_cover_every_region_with_the_table_values(baseline):
    table, applicants = baseline
    fig = plot_region_tiles(table, REGIONS, applicants, is_proxy=True)
    panels = _panel_axes(fig)
    assert [ax.get_title() for ax in panels] == ["Optimum", "Actual decision"]
    for ax in panels:
        tiles = [_key(p) for p in ax.patches if _key(p).startswith("tile:")]
        assert sorted(tiles) == sorted(f"tile:{r}" for r in REGIONS)
        names = {_key(t): t.get_text() for t in ax.texts}
        assert names["name:Pohjois-Pohjanmaa"] == "Pohjois-\nPohjanmaa"
        assert names["name:Lappi"] == "Lappi"
    optimum, actual = panels
    for line in table.lines:
        assert line.optimal_per_resident is not None and line.actual_per_resident is not None
        assert _value(optimum, line.region) == number(line.optimal_per_resident, 2)
        assert _value(actual, line.region) == number(line.actual_per_resident, 2)
    assert _value(optimum, "Pohjois-Pohjanmaa") == "4.13"
    assert _value(actual, "Kanta-Häme") == "7.16"
    texts = _texts(fig)
    assert "€ per resident" in texts and "no applicants" in texts
    assert PROXY_NOTE in texts
    assert any("region of the lead applicant" in t for t in texts)
    out = render(fig, ("png", "svg"))
    assert out["png"].startswith(b"\x89PNG") and len(out["png"]) > 20_000
    assert b"tile:" not in out["svg"]  # no ids from region names: the page inlines two panels
    assert plt.get_fignums() == []


def test_regions_without_applicants_are_hatched_and_dashed(baseline):
    table, applicants = baseline
    assert {"Etelä-Savo", "Ahvenanmaa"}.isdisjoint(applicants)  # the 2020 round
    fig = plot_region_tiles(table, REGIONS, applicants)
    for ax in _panel_axes(fig):
        hatched = sorted(_key(p)[5:] for p in ax.patches
                         if _key(p).startswith("tile:") and p.get_hatch())
        assert hatched == ["Ahvenanmaa", "Etelä-Savo"]
        assert _value(ax, "Etelä-Savo") == "–"
    legend = _panel_axes(fig)[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["no applicants"]
    handle = legend.legend_handles[0]
    assert isinstance(handle, Patch) and handle.get_hatch()
    plt.close(fig)


def test_a_region_with_applicants_but_no_award_shows_zero():
    applicants = {"Uusimaa", "Lappi", "Kainuu"}
    fig = plot_region_tiles(_table(), REGIONS, applicants)
    optimum, actual = _panel_axes(fig)
    assert _value(optimum, "Kainuu") == "0.00" and _value(actual, "Lappi") == "0.00"
    assert _value(optimum, "Pirkanmaa") == "–"  # no applicants
    kainuu = next(p for p in optimum.patches if _key(p) == "tile:Kainuu")
    assert not kainuu.get_hatch()
    assert kainuu.get_facecolor() == matplotlib.colormaps["Blues"](0.0)  # the lowest colour
    plt.close(fig)


def test_tiles_in_finnish(baseline):
    table, applicants = baseline
    fig = plot_region_tiles(table, REGIONS, applicants, lang="fi", is_proxy=True)
    optimum, actual = _panel_axes(fig)
    assert (optimum.get_title(), actual.get_title()) == ("Optimaalinen jako",
                                                         "Toteutunut päätös")
    assert _value(optimum, "Pohjois-Pohjanmaa") == "4,13"
    texts = _texts(fig)
    assert "€ asukasta kohden" in texts and "ei hakijoita" in texts
    assert PROXY_NOTES["fi"] in texts and PROXY_NOTE not in texts
    assert any("hankehallinnoijan maakunta" in t for t in texts)
    assert not any("per resident" in t or "Optimum" in t for t in texts)
    render(fig, ("png",))


def test_the_colour_bar_writes_numbers_in_the_language():
    fig = plot_region_tiles(_table(), REGIONS, {"Uusimaa"}, lang="fi")  # up to 2 € / resident
    fig.canvas.draw()
    bar = fig.axes[-1]
    assert bar.get_ylabel() == "€ asukasta kohden"
    ticks = [t.get_text() for t in bar.get_yticklabels()]
    assert ticks[:3] == ["0", "0,25", "0,5"] and ticks[-1] == "2"
    plt.close(fig)


def test_one_panel_without_an_actual_decision():
    table = _table(actual=False)
    assert not table.has_actual
    fig = plot_region_tiles(table, REGIONS, {"Uusimaa", "Lappi"}, title="Own title")
    assert [ax.get_title() for ax in _panel_axes(fig)] == ["Optimum"]
    assert fig.get_suptitle() == "Own title"
    assert len(_keys(fig, "tile:")) == 19
    render(fig, ("png",))


def test_text_stays_readable_and_inside_its_tile(baseline):
    table, applicants = baseline
    fig = plot_region_tiles(table, REGIONS, applicants, lang="fi")
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    actual = _panel_axes(fig)[1]
    tiles = {_key(p)[5:]: p.get_window_extent(renderer) for p in actual.patches
             if _key(p).startswith("tile:")}
    for text in actual.texts:
        region = _key(text).split(":", 1)[1]
        box, tile = text.get_window_extent(renderer), tiles[region]
        assert tile.x0 <= box.x0 and box.x1 <= tile.x1, region
        assert tile.y0 <= box.y0 and box.y1 <= tile.y1, region
    dark = next(t for t in actual.texts if _key(t) == "value:Kanta-Häme")  # 7.16, darkest
    light = next(t for t in actual.texts if _key(t) == "value:Kymenlaakso")  # 0
    assert dark.get_color() == "white" and light.get_color() != "white"
    plt.close(fig)


def test_a_region_the_grid_does_not_know_goes_below_it():
    fig = plot_region_tiles(_table(), [*REGIONS, "Uusi maakunta"], {"Uusimaa"})
    optimum = _panel_axes(fig)[0]
    tile = next(p for p in optimum.patches if _key(p) == "tile:Uusi maakunta")
    assert tile.get_y() > max(row for _, row in TILES.values())
    assert len(_keys(fig, "tile:")) == 2 * 20
    plt.close(fig)


def test_a_table_line_of_no_region_is_not_drawn():
    table = _table()
    assert NO_REGION in {line.region for line in table.lines}
    fig = plot_region_tiles(table, REGIONS, {"Uusimaa"}, note="5,000 € of no region")
    assert not any(NO_REGION in g for g in _keys(fig, ""))
    assert "5,000 € of no region" in _texts(fig)
    plt.close(fig)


def test_an_unknown_language_is_refused(baseline):
    with pytest.raises(ValueError, match="lang"):
        plot_region_tiles(baseline[0], REGIONS, baseline[1], lang="sv")


def test_the_proxy_note_speaks_english_unless_asked():
    fig = plt.figure(layout="constrained")
    proxy_note(fig, True)
    proxy_note(fig, True, "fi")
    assert [t.get_text() for t in fig.texts] == [PROXY_NOTE, PROXY_NOTES["fi"]]
    plt.close(fig)


# --- the choropleth ------------------------------------------------------------------------


def test_boundaries_of_the_19_regions(boundaries):
    assert boundaries.regions == REGIONS  # the register's order
    assert boundaries.source == "regions_2020.geojson"
    assert all(len(shape.polygons) >= 1 for shape in boundaries)
    assert len(boundaries.polygons("Varsinais-Suomi")) > 10  # the archipelago
    x0, y0, x1, y1 = boundaries.bounds
    assert 19 < x0 < x1 < 32 and 59 < y0 < y1 < 71


def test_choropleth_of_the_2020_round(baseline, boundaries):
    table, applicants = baseline
    fig = plot_region_choropleth(table, boundaries, applicants, is_proxy=True)
    panels = _panel_axes(fig)
    assert [ax.get_title() for ax in panels] == ["Optimum", "Actual decision"]
    for ax in panels:
        drawn = {_key(p)[7:] for p in ax.patches}
        assert drawn == set(REGIONS)
        hatched = {_key(p)[7:] for p in ax.patches if p.get_hatch()}
        assert hatched == {"Etelä-Savo", "Ahvenanmaa"}
        assert not ax.axison  # no ticks
        assert ax.get_aspect() == pytest.approx(2.2, abs=0.3)  # 1 / cos(65°): not squashed
    optimum, actual = panels
    for line in table.lines:
        assert _value(optimum, line.region) == number(line.optimal_per_resident or 0, 2)
        assert _value(actual, line.region) == number(line.actual_per_resident or 0, 2)
    texts = _texts(fig)
    assert "no applicants" in texts and "€ per resident" in texts and PROXY_NOTE in texts
    render(fig, ("png",))


def test_choropleth_labels_sit_in_their_region_and_do_not_overlap(baseline, boundaries):
    table, applicants = baseline
    fig = plot_region_choropleth(table, boundaries, applicants, lang="fi")
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    for ax in _panel_axes(fig):
        labels = [t for t in ax.texts if _key(t).startswith("value:")]
        assert len(labels) == 17  # every region with applicants
        boxes = [t.get_window_extent(renderer) for t in labels]
        for i, a in enumerate(boxes):
            assert not any(a.overlaps(b) for b in boxes[i + 1:]), labels[i].get_text()
        for text in labels:
            region = _key(text)[6:]
            biggest = max(boundaries.polygons(region), key=lambda p: p.area)
            assert matplotlib.path.Path(biggest.exterior).contains_point(text.get_position())
    assert "Toteutunut päätös" in _texts(fig)
    plt.close(fig)


def test_choropleth_names_a_funded_region_the_file_lacks(tmp_path, boundaries):
    source = json.loads(GEOJSON.read_text(encoding="utf-8"))
    source["features"] = [f for f in source["features"]
                          if f["properties"]["region_fi"] != "Lappi"]
    path = tmp_path / "no_lappi.geojson"
    path.write_text(json.dumps(source), encoding="utf-8")
    partial = read_boundaries(path)
    assert len(partial) == 18 and "Lappi" not in partial
    fig = plot_region_choropleth(_table(actual=False), partial, {"Uusimaa", "Lappi"})
    assert "Not on the map (no boundary in no_lappi.geojson): Lappi" in _texts(fig)
    assert len(_panel_axes(fig)) == 1
    render(fig, ("png",))


# --- boundary files: what is read, and what is refused ----------------------------------


SQUARE = [[[24.0, 60.0], [25.0, 60.0], [25.0, 61.0], [24.0, 61.0], [24.0, 60.0]]]


def _write(tmp_path: Path, data: object, name: str = "b.geojson") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _feature(properties: dict, geometry: object = None) -> dict:
    geometry = {"type": "Polygon", "coordinates": SQUARE} if geometry is None else geometry
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _problem(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_boundaries(path)
    return str(caught.value)


def test_a_feature_is_matched_by_region_fi_then_region_code_then_name(tmp_path):
    path = _write(tmp_path, _collection(
        _feature({"region_fi": "Uusimaa", "region_code": "19"}),
        _feature({"region_code": "17"}),
        _feature({"region_code": 2}),  # a JSON number: "02"
        _feature({"name": "kainuu"}),
        _feature({"region_fi": "Uusimaa"}, {"type": "MultiPolygon", "coordinates": [SQUARE]}),
    ))
    b = read_boundaries(path)
    assert b.regions == ("Uusimaa", "Varsinais-Suomi", "Pohjois-Pohjanmaa", "Kainuu")
    assert len(b.polygons("Uusimaa")) == 2  # two features of one region are merged
    assert b.polygons("Lappi") == ()


def test_not_json(tmp_path):
    message = _problem(_write(tmp_path, '{"type": "FeatureCollection",', "broken.geojson"))
    assert message.startswith("broken.geojson: not a JSON file")
    assert "line 1" in message and "GeoJSON" in message


def test_not_a_feature_collection(tmp_path):
    message = _problem(_write(tmp_path, {"type": "Feature", "geometry": None}))
    assert "b.geojson: not a GeoJSON FeatureCollection (value: 'Feature')" in message
    assert "\"features\"" in message
    assert "not a GeoJSON FeatureCollection (value: 'list')" in _problem(_write(tmp_path, []))
    assert "has no features" in _problem(_write(tmp_path, _collection()))


def test_an_unknown_region_name_gets_a_suggestion(tmp_path):
    message = _problem(_write(tmp_path, _collection(
        _feature({"region_fi": "Uusimaa"}), _feature({"name": "Pohjois-Pohjanma"}))))
    assert "feature 1, property 'name': not a region of Finland" in message
    assert "'Pohjois-Pohjanmaa'" in message and "Did you mean" in message


def test_an_unknown_region_code_lists_the_codes(tmp_path):
    message = _problem(_write(tmp_path, _collection(_feature({"region_code": "03"}))))
    assert "feature 0, property 'region_code': no region has this code (value: '03')" in message
    assert "01, 02, 04" in message


def test_a_feature_without_geometry_or_region(tmp_path):
    features = [_feature({"region_fi": "Lappi"}),
                {"type": "Feature", "properties": {"region_fi": "Kainuu"}, "geometry": None},
                _feature({"region_fi": "Kainuu"}, {"type": "Point", "coordinates": [25, 65]}),
                _feature({"population": 5}),
                _feature({"region_fi": "Lappi"}, {"type": "Polygon", "coordinates": [[[1, 2]]]}),
                _feature({"region_fi": "Lappi"}, {"type": "Polygon",
                                                  "coordinates": [[[3e5, 7e6]] * 4]})]
    problems = _problem(_write(tmp_path, _collection(*features))).splitlines()
    assert len(problems) == 5  # every problem at once
    assert "feature 1 (Kainuu) has no usable geometry (value: 'none')" in problems[0]
    assert "feature 2 (Kainuu) has no usable geometry (value: 'Point')" in problems[1]
    assert "Polygon or MultiPolygon" in problems[1]
    assert "feature 3 names no region" in problems[2] and "'region_code'" in problems[2]
    assert "feature 4 (Lappi): the Polygon coordinates are not rings" in problems[3]
    assert "feature 5 (Lappi): the coordinates are not longitude and latitude" in problems[4]
    assert all(p.startswith("b.geojson: ") for p in problems)


def test_a_missing_and_a_too_large_file(tmp_path, monkeypatch):
    assert "boundary file not found" in _problem(tmp_path / "nowhere.geojson")
    import optimizer.readers.boundaries as module

    monkeypatch.setattr(module, "MAX_FILE_BYTES", 10)
    message = _problem(_write(tmp_path, _collection(_feature({"region_fi": "Lappi"}))))
    assert "more than the" in message and "Simplify" in message


def test_a_file_in_another_encoding(tmp_path):
    path = tmp_path / "latin1.geojson"
    path.write_bytes(json.dumps(_collection(_feature({"name": "Päijät-Häme"})),
                                ensure_ascii=False).encode("latin-1"))
    assert "not UTF-8" in _problem(path)
