"""Scenario files: defaults, extends, --set overrides, and clear errors."""

import re
from pathlib import Path

import numpy as np
import pytest

from optimizer.errors import ScenarioError
from optimizer.formats.toml import to_toml
from optimizer.scenario import load_scenario, parse_set, with_defaults


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    (tmp_path / "round").mkdir()
    return write(tmp_path / "base.toml", """
[scenario]
name = "base"
round = "round"
[budget]
appropriation = 1_000_000
[coverage]
min_projects_per_region = 1
""")


def test_defaults_and_round_relative_to_file(base: Path):
    sc = load_scenario(base)
    assert sc.name == "base"
    assert sc.round_path == base.parent / "round"
    assert sc.budget.appropriation == 1_000_000.0
    assert sc.funding.mode == "full"
    assert sc.coverage.min_projects_per_region == 1
    assert sc.solver.name == "cbc"
    assert sc.budget.rounding is None  # filled from call.toml by with_defaults


def test_extends_overrides_base_and_keeps_the_rest(base: Path):
    child = write(base.parent / "child.toml", """
[scenario]
name = "child"
extends = "base.toml"
[funding]
mode = "partial"
""")
    sc = load_scenario(child)
    assert (sc.name, sc.funding.mode, sc.budget.appropriation) == ("child", "partial", 1e6)
    assert sc.round_path == base.parent / "round"


def test_extends_cycle_is_an_error(tmp_path: Path):
    write(tmp_path / "a.toml", '[scenario]\nextends = "b.toml"\n')
    write(tmp_path / "b.toml", '[scenario]\nextends = "a.toml"\n')
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(tmp_path / "a.toml")


def test_set_and_budget_overrides(base: Path):
    sc = load_scenario(base, sets=["coverage.max_region_share=0.25", "locks.fund=[\"x\"]",
                                   "scoring.weights.reach=2", "solver.name=highs"],
                       budget=8e6)
    assert sc.coverage.max_region_share == 0.25
    assert sc.locks.fund == ("x",)
    assert sc.scoring.weights == {"reach": 2.0}
    assert sc.solver.name == "highs"
    assert sc.budget.appropriation == 8e6


def test_set_none_clears_an_optional_key(base: Path):
    sc = load_scenario(base, sets=["solver.time_limit=none"])
    assert sc.solver.time_limit is None


def test_unknown_key_in_file_suggests_the_right_one(base: Path, tmp_path: Path):
    bad = write(tmp_path / "bad.toml", '[scenario]\nround = "round"\n[coverage]\nmin_region = 3\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    assert "coverage.min_region" in str(err.value)
    assert "min_regions" in str(err.value)
    assert "bad.toml" in str(err.value)


def test_unknown_section_suggests(tmp_path: Path):
    bad = write(tmp_path / "bad.toml", '[scenario]\nround = "r"\n[covrage]\nmin_regions = 3\n')
    with pytest.raises(ScenarioError, match="coverage"):
        load_scenario(bad)


def test_set_unknown_key_suggests(base: Path):
    with pytest.raises(ScenarioError, match="min_projects_per_region"):
        load_scenario(base, sets=["coverage.min_project_per_region=1"])


def test_wrong_type_names_the_key(base: Path):
    with pytest.raises(ScenarioError, match=r"coverage\.min_regions"):
        load_scenario(base, sets=["coverage.min_regions=1.5"])
    with pytest.raises(ScenarioError, match=r"funding\.mode"):
        load_scenario(base, sets=["funding.mode=partal"])
    with pytest.raises(ScenarioError, match="partial"):
        load_scenario(base, sets=["funding.mode=partal"])


def test_out_of_range_value(base: Path):
    with pytest.raises(ScenarioError, match="between 0 and 1"):
        load_scenario(base, sets=["coverage.max_region_share=1.5"])


def test_bad_toml_says_where(tmp_path: Path):
    bad = write(tmp_path / "bad.toml", "[scenario\nname = 1\n")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_scenario(bad)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ScenarioError, match="no such scenario file"):
        load_scenario(tmp_path / "nope.toml")


def test_with_defaults_fills_only_unset_keys(base: Path):
    sc = with_defaults(load_scenario(base), {"budget": {"appropriation": 5.0, "rounding": 100}})
    assert sc.budget.appropriation == 1e6  # the file's value stays
    assert sc.budget.rounding == 100


def test_printed_scenario_reads_back_the_same(base: Path, tmp_path: Path):
    sets = ["scoring.weights.reach=2", "robustness.intervals.reach=[0.1, 0.5]"]
    sc = load_scenario(base, sets=sets)
    again = write(tmp_path / "again.toml", to_toml(sc))
    back = load_scenario(again)
    assert back.to_dict() | {"scenario": {}} == sc.to_dict() | {"scenario": {}}
    assert back.scoring.weights == {"reach": 2.0}
    assert back.robustness.intervals == {"reach": (0.1, 0.5)}


def test_parse_set_forms():
    assert parse_set("budget.appropriation=8e6") == ("budget", "appropriation", 8e6)
    assert parse_set("scenario.name=plain words") == ("scenario", "name", "plain words")
    assert parse_set("scoring.weights.reach=0.5") == ("scoring", "weights", {"reach": 0.5})
    with pytest.raises(ScenarioError, match=r"section\.key=value"):
        parse_set("budget")


# --- errors in either language (issue 18) ----------------------------------------------

def _raised(call) -> Exception:
    with pytest.raises(Exception) as err:
        call()
    return err.value


def _pools(table: dict):
    from optimizer.scenario.core import Scenario

    return lambda: Scenario().with_value("budget", "pools", [table], "python")


def _links(table: dict):
    from optimizer.scenario.core import Scenario

    return lambda: Scenario().with_links([table], "python")


def _infeasible():
    from optimizer.model.solve import solve
    from tests.factories import make

    return solve(make([("A", 1.0, 5), ("B", 1.0, 4)], 8, fund=frozenset({"A", "B"})), "highs")


def _cases(tmp_path: Path) -> list[tuple[object, str]]:
    from optimizer.analysis.executor import executor_for
    from optimizer.analysis.robustness import draw_weights
    from optimizer.model.running import check_options
    from optimizer.scenario.core import Scenario

    broken = write(tmp_path / "broken.toml", "[coverage]\nmin_regions = 'kolme'\n")
    return [  # (what raises, its English as before)
        (lambda: parse_set("coverage.min_region=3"),
         "--set 'coverage.min_region=3': unknown key coverage.min_region. "
         "Did you mean 'min_regions' or 'max_region_share' or 'min_projects_per_region'?"),
        (lambda: parse_set("coverage.min_regions"),
         "--set 'coverage.min_regions': expected section.key=value"),
        (lambda: load_scenario(broken),
         f"{broken}: coverage.min_regions = 'kolme': expected a whole number"),
        (lambda: load_scenario(tmp_path / "puuttuu.toml"),
         f"{tmp_path / 'puuttuu.toml'}: no such scenario file"),
        (lambda: load_scenario(None, round_path=tmp_path, budget=-5),
         "--budget = -5.0 must be between 0 and 1e+12"),
        (lambda: Scenario().with_value("solver", "name", "higs", "python"),
         "solver.name = 'higs' is not one of 'cbc', 'highs'. Did you mean 'highs'?"),
        (lambda: Scenario().with_value("robustness", "intervals", {"a": [0.5, 0.2]}, "x"),
         "robustness.intervals = {'a': [0.5, 0.2]}: a: low 0.5 is above high 0.2"),
        (_pools({"name": "pienet"}),
         "budget.pools = [{'name': 'pienet'}]: pool 1 ('pienet'): appropriation_eur is "
         "missing (every pool needs a name and an appropriation_eur)"),
        (_links({"kind": "excludes", "ids": ["2020-40"]}),
         "links[1].ids = ['2020-40']: 'excludes' needs at least 2 different application ids"),
        (_links({"kind": "requires", "ids": ["2020-40"]}),
         'links[1].requires: give it (the id the others need) with kind = "requires", and '
         'only then, e.g. requires = "2020-11"'),
        (lambda: check_options("higs", None, 0.0),
         "unknown solver 'higs'; choose one of cbc, highs. Did you mean 'highs'?"),
        (lambda: check_options("cbc", -1, 0.0),
         "time_limit must be a positive number of seconds, got -1"),
        (lambda: executor_for("klusteri"), "executor 'klusteri': use 'local' or "
                                           "'dask://HOST:PORT'"),
        (lambda: draw_weights(np.random.default_rng(1), ["a", "b"], 3, "rank", rank=["a"]),
         "robustness.rank must list every criterion exactly once, most important first; "
         "missing: b"),
        (_infeasible, None),
        *_case_errors(tmp_path),
    ]


def _case_errors(tmp_path: Path) -> list[tuple[object, str | None]]:
    """Errors of the case: the scenario's keys checked against the round."""
    from optimizer.case import prepare
    from tests.factories import tiny_round

    path = tiny_round(tmp_path, "Hanke", "laaja")
    sets = (["links=[{kind='excludes', ids=['T1', 'T9']}]"],
            ["budget.year_split={2020=1}"],
            ["coverage.fair_share_min=0.5"],
            ["budget.pools=[{name='pienet', appropriation_eur=1e5, regions=['Kainu']}]"])
    return [(lambda s=s: prepare(path, sets=s), None) for s in sets]


def test_errors_read_in_finnish_and_unchanged_in_english(tmp_path: Path):
    from optimizer.errors import GrantoptError
    from optimizer.scenario.schema import POOL_KEYS
    from tests.test_vocabulary import ENGLISH, INTERNAL

    for call, english in _cases(tmp_path):
        exc = _raised(call)
        assert isinstance(exc, GrantoptError) and exc.messages, (english, exc)
        if english is not None:
            assert str(exc) == english
        assert exc.text("en") == str(exc)
        finnish = exc.text("fi")
        assert finnish != str(exc)
        # the keys, options, ids and values a person wrote stay as written; nothing else
        # is English
        shown = re.sub(r"--\w+", "", INTERNAL.sub("", finnish.replace(str(tmp_path), "")))
        shown = re.sub(rf"\b({'|'.join(POOL_KEYS)})\b", "", shown)  # [[budget.pools]] keys
        assert not ENGLISH.search(shown), finnish
