"""The command line in Finnish (--lang fi, GRANTOPT_LANG) and CSV for a Finnish Excel
(--csv-dialect excel-fi, GRANTOPT_CSV_DIALECT) on the 2020 round."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]
BASELINE = str(ROOT / "scenarios" / "2020-baseline.toml")
REGION_CAP = str(ROOT / "scenarios" / "2020-region-cap-25.toml")
NBSP = "\u00a0"
BOM = "\ufeff"


def invoke(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def english_words(text: str, words: list[str]) -> list[str]:
    """The English words of `words` that `text` says (whole words, case as given)."""
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


# Each command with the Finnish its table must say, and English it must not say. Names of
# municipalities and projects are data ("Open Agenda" is a project), so the lists keep to
# the tool's own words.
COMMON_EN = ["Scenario", "Scores", "Note", "proxy score", "Budget", "spent", "left",
             "Projects", "projects", "Value", "value", "region", "regions", "Efficiency",
             "actual decision", "optimum", "the", "and", "of", "is", "not"]
CASES = {
    "run": (["run", BASELINE],
            ["Skenaario: 2020 perusjako", "hankehallinnoija", "maakunta", "pisteet",
             f"Määräraha 10{NBSP}000{NBSP}000{NBSP}€", f"9{NBSP}964{NBSP}000{NBSP}€",
             "kokonaisarvo 23,296", "Maakunnat (hankehallinnoijan maakunnan mukaan)",
             "0,697", "Tila: optimaalinen", "korvaava pistemäärä"],
            [*COMMON_EN, "Status", "verified", "lead", "score", "award", "Regions",
             "resident"]),
    "compare": (["compare", REGION_CAP],
                ["toteutunut päätös", "optimaalinen jako", "Tehokkuus", "62,4\u00a0%",
                 "Päällekkäisyys", "Vähimmät muutokset", "lisäystä", "maakunnan osuuden rajan",
                 f"2{NBSP}850{NBSP}300{NBSP}€", "vain toteutuneessa päätöksessä"],
                [*COMMON_EN, "both", "only actual", "Overlap", "Rules", "additions",
                 "removals", "Fewest changes", "award"]),
    "explain": (["explain", REGION_CAP, "2020-47", "2020-17", "2020-57",
                 "--rule", "coverage.max_region_share"],
                ["tunnus", "ei mukana", "ei avustuskelpoinen", "Miksi:",
                 "syrjäyttäisi 2 hanketta", "sitova sääntö: tarvitsee vähintään",
                 f"1{NBSP}090{NBSP}100{NBSP}€", "−0,486 sen kanssa",
                 "Sääntö ”maakunnan osuus määrärahasta enintään 25\u00a0%”", "0,486",
                 "vain useamman kunnan yhteishankkeet"],
                [*COMMON_EN, "Why", "binding", "would", "Flipped", "above", "The rule",
                 "cannot be funded", "joint-project rule", "outside the call's scope",
                 "without it"]),
    "diff": (["diff", BASELINE, REGION_CAP],
             ["skenaario", "kokonaisarvo", "määräraha", "2020 perusjako",
              "B verrattuna skenaarioon A", "tulee mukaan", "jää pois", "23,203",
              f"+616{NBSP}400{NBSP}€", "Eurot, jotka siirtyvät"],
             [*COMMON_EN, "against", "enter", "leave", "Euros moved", "before", "after",
              "appropriation", "optimal"]),
    "frontier": (["frontier", BASELINE, "--points", "4"],
                 ["määräraha", "käytetty", "pisteiden mukaan", "säännöt", "täyttää",
                  f"10{NBSP}000{NBSP}000{NBSP}€ *", "23,296", "Toteutunut päätös: 29 hanketta",
                  "Mitä kukin askel tuo"],
                 [*COMMON_EN, "ok", "broken", "by score", "What each step buys",
                  "appropriation", "Greedy"]),
    "robustness": (["robustness", BASELINE, "--samples", "5"],
                   ["hyväksyttävyysindeksi", "luokka", "ydin", "rahoitettu", "1,000",
                    "siemenluku", "Erilaisia optimaalisia jakoja", "hanketta",
                    f"10{NBSP}000{NBSP}000{NBSP}€", "Ei analysoitu"],
                   [*COMMON_EN, "draws", "core", "borderline", "exterior", "funded",
                    "Distinct", "most frequent", "acceptability", "seed"]),
    "calibrate": (["calibrate", BASELINE, "--samples", "5"],
                  ["Kokeiltuja painotuksia", "mittari", "lähimmät painot", "skenaarion painot",
                   "1,000", "0,250", "euroista", "hankkeista", "Keravan kaupunki"],
                  [*COMMON_EN, "Weightings", "closest weights", "scenario weights",
                   "Agreement", "euros", "Actual", "random"]),
}


@pytest.mark.parametrize("command", list(CASES))
def test_finnish_tables_say_it_in_finnish(command: str):
    args, finnish, english = CASES[command]
    out = invoke(*args, "--lang", "fi").stdout
    missing = [text for text in finnish if text not in out]
    assert not missing, f"{command} --lang fi does not say {missing}:\n{out}"
    said = english_words(out, english)
    assert not said, f"{command} --lang fi still says {said}:\n{out}"
    # Numbers in the Finnish format only: no 1,234,567 €, no 0.697, no 62.2 % (project
    # names such as "Nuorisokortti 2.0" are data).
    assert not re.search(r"\d,\d{3}(,\d{3})* €", out), command
    assert not re.search(r"\d\.\d{2,}|\d\.\d\s?%", out), command


def test_the_environment_makes_finnish_the_default():
    out = invoke("run", BASELINE, env={"GRANTOPT_LANG": "fi"}).stdout
    assert out.startswith("Skenaario: 2020 perusjako")
    assert f"käytetty 9{NBSP}964{NBSP}000{NBSP}€" in out
    # --lang on the command line wins over the environment.
    english = invoke("run", BASELINE, "--lang", "en", env={"GRANTOPT_LANG": "fi"}).stdout
    assert "Budget 10,000,000 €; spent 9,964,000 €" in english


def test_data_names_stay_as_written_in_finnish():
    out = invoke("run", BASELINE, "--lang", "fi").stdout
    assert "Open Agenda" in out and "Vörå kommun" in out and "Pohjois-Pohjanmaa" in out


def raw_stdout(*args: str, env: dict[str, str] | None = None) -> str:
    """stdout as written, line ends and all (Result.stdout turns CRLF into LF)."""
    return invoke(*args, env=env).stdout_bytes.decode("utf-8")


def _plain_and_excel(*args: str) -> tuple[str, str]:
    plain = raw_stdout(*args, "--format", "csv")
    excel = raw_stdout(*args, "--format", "csv", "--csv-dialect", "excel-fi")
    return plain, excel


def test_run_csv_for_a_finnish_excel_reads_back_as_the_plain_csv():
    plain, excel = _plain_and_excel("run", BASELINE)
    assert not plain.startswith(BOM) and "\r\n" not in plain
    assert excel.startswith(BOM)
    assert excel.endswith("\r\n") and excel.count("\r\n") == excel.count("\n")
    assert ";0," in excel  # a score with a decimal comma
    plain_rows = list(csv.reader(io.StringIO(plain)))
    excel_rows = list(csv.reader(io.StringIO(excel.removeprefix(BOM), newline=""),
                                 delimiter=";"))
    assert len(excel_rows) == len(plain_rows) > 40
    assert excel_rows[0] == plain_rows[0]
    for p_row, e_row in zip(plain_rows[1:], excel_rows[1:], strict=True):
        assert len(p_row) == len(e_row)
        for p_cell, e_cell in zip(p_row, e_row, strict=True):
            if re.fullmatch(r"-?\d+\.\d+(e-?\d+)?", p_cell):
                assert float(e_cell.replace(",", ".")) == float(p_cell)
            else:
                assert e_cell == p_cell


def test_the_environment_sets_the_dialect_and_diff_and_frontier_take_it():
    run = raw_stdout("run", BASELINE, "--format", "csv", env={"GRANTOPT_CSV_DIALECT": "excel-fi"})
    assert run.startswith(BOM + "id;project;")
    for args in (("diff", BASELINE, REGION_CAP), ("frontier", BASELINE, "--points", "3")):
        plain, excel = _plain_and_excel(*args)
        assert not plain.startswith(BOM)
        assert excel.startswith(BOM) and ";" in excel.splitlines()[0]
    show = raw_stdout("data", "show", str(ROOT / "data" / "2020"), "--format", "csv",
                      "--csv-dialect", "excel-fi")
    assert show.startswith(BOM + "id;lead;lead_region;")


def test_out_with_excel_fi_writes_allocation_csv_with_a_bom_and_finnish_names(tmp_path):
    out = tmp_path / "out"
    invoke("run", BASELINE, "--lang", "fi", "--csv-dialect", "excel-fi", "--out", str(out))
    raw = (out / "allocation.csv").read_bytes()
    assert raw.startswith(BOM.encode("utf-8"))
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    projects = {r[0]: r[1] for r in rows[1:]}
    assert projects["2020-49"].startswith("#TutorÄly- Chatbot tekoäly")
    assert "Österbottnisk" in projects["2020-60"]
    assert any("Kärkölän" in r[2] or "Järvenpään" in r[2] for r in rows[1:])
    # The XLSX of --out takes the language too.
    from openpyxl import load_workbook

    wb = load_workbook(out / "allocation.xlsx", read_only=True)
    assert "tunnus" in [c.value for c in next(wb.worksheets[0].iter_rows(max_row=1))]


def test_compare_out_with_excel_fi_writes_its_csv_for_excel(tmp_path):
    out = tmp_path / "out"
    invoke("compare", BASELINE, "--csv-dialect", "excel-fi", "--out", str(out))
    text = (out / "compare.csv").read_text(encoding="utf-8")
    assert text.startswith(BOM) and ";" in text.splitlines()[0]
    plain = tmp_path / "plain"
    invoke("compare", BASELINE, "--out", str(plain))
    assert not (plain / "compare.csv").read_text(encoding="utf-8").startswith(BOM)


def _moved(*ids: str) -> list[dict[str, object]]:
    return [{"id": i, "label": f"Kunta {i}", "score": 0.5, "award": 100_000.0} for i in ids]


def test_one_project_as_the_object_of_a_verb_is_in_the_accusative():
    """'toisi mukaan 1 hankkeen', 'syrjäyttäisi 1 muun'; after 2 the object stays partitive
    ('2 hanketta'); the English says 'project' either way."""
    from optimizer.vocabulary.message import Message
    from optimizer.vocabulary.words import ACCUSATIVE_FI, COUNTS

    row = {"id": "A", "label": "", "project": "", "score": 0.6, "award": 200_000.0,
           "max": 200_000.0, "optimum": 1.2, "forced": 1.0, "loss": 0.2, "objective": "score",
           "tie": False, "pushed_out": _moved("C"), "brought_in": _moved("B")}
    text = Message.of("explain.row_in", **row, status="in").text("fi")
    assert "toisi mukaan 1 hankkeen yhteensä" in text
    assert "syrjäyttäisi 1 muun yhteensä" in text
    out = Message.of("explain.row_out", **{**row, "pushed_out": _moved("C", "D")},
                     status="out")
    text = out.text("fi")
    assert "syrjäyttäisi 2 hanketta yhteensä" in text
    assert "toisi mukaan 1 hankkeen yhteensä" in text
    assert "bring in 1 project worth" in out.text("en")
    assert set(ACCUSATIVE_FI) == set(COUNTS)  # every noun can be an object
    # The command line says it so too (the sentence is wrapped over lines).
    said = " ".join(invoke("explain", REGION_CAP, "2020-47", "--lang", "fi").stdout.split())
    assert "toisi mukaan 1 hankkeen yhteensä" in said and "syrjäyttäisi 2 hanketta" in said


def test_finnish_titles_name_the_changes_and_fair_shares_plainly():
    out = invoke("run", BASELINE, "--budget", "12e6", "--set", 'locks.fund=["2020-47"]',
                 "--lang", "fi").stdout
    assert out.startswith("Skenaario: 2020 perusjako: haku sellaisena kuin siitä päätettiin; "
                          f"määräraha 12{NBSP}000{NBSP}000{NBSP}€; 2020-47 lukittu mukaan\n")
    fair = invoke("run", str(ROOT / "scenarios" / "2020-fair-shares.toml"), "--lang", "fi")
    assert "kohtuullinen osuus" in fair.stdout and "reilu osuus" not in fair.stdout


def test_errors_are_introduced_in_the_language():
    for lang, word in (("fi", "Virhe: "), ("en", "Error: ")):
        result = CliRunner().invoke(main, ["run", BASELINE, "--set", "coverage.min_regionz=1",
                                           "--lang", lang])
        assert result.exit_code == 2 and result.output.startswith(word), result.output
    result = CliRunner().invoke(main, ["run", BASELINE, "--set", "coverage.min_regions=19",
                                       "--lang", "fi"])
    assert result.exit_code == 1 and result.output.startswith("Ratkaisua ei ole: ")
