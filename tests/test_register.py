"""The municipality register and name resolution."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from optimizer.errors import InputError
from optimizer.readers.register import genitive_forms, load_register, normalise

ROUND_2020 = Path(__file__).resolve().parents[1] / "data" / "2020"
TYPO_NOTE = "typo in the 2020 decision's attachment"


@pytest.fixture(scope="module")
def reg():
    return load_register()


def test_register_facts(reg):
    assert len(reg) == 310
    assert len(reg.names()) == 310
    assert len(reg.regions()) == 19
    assert reg.regions()[0] == "Uusimaa" and reg.regions()[-1] == "Ahvenanmaa"
    assert sum(m.population for m in reg.municipalities) == 5_525_292
    assert reg.by_code("091").name_fi == "Helsinki"
    assert reg.by_code("091").population == 653_835
    assert reg.by_code("005").code == "005"  # codes stay zero-padded text
    assert "091" in reg and "91" not in reg


def test_by_code_unknown(reg):
    with pytest.raises(InputError, match="no municipality with code '999'"):
        reg.by_code("999")
    assert reg.get("999") is None and reg.get(None) is None


def test_register_is_immutable_and_cached(reg):
    assert load_register() is reg
    with pytest.raises(dataclasses.FrozenInstanceError):
        reg.municipalities = ()  # type: ignore[misc]


@pytest.mark.parametrize(("name", "code"), [
    ("Akaan kaupunki", "020"),
    ("Iin kunta", "139"),
    ("Helsingin kaupunki", "091"),
    ("Lahden kaupunki", "398"),
    ("Riihimäen kaupunki", "694"),
    ("Hausjärven kunta", "086"),
    ("Pielaveden kunta", "595"),
    ("Alavuden kaupunki", "010"),
    ("Kauniaisten kaupunki", "235"),
    ("Limingan kunta", "425"),
    ("Tampereen kaupunki", "837"),
    ("Taipalsaaren kunta", "831"),
    ("Nykarleby stad", "893"),
    ("Vörå kommun", "946"),
    ("Pedersören kunta", "599"),
    ("Pedersöre", "599"),
    ("Kristiinankaupunki", "287"),
    ("Kristiinankaupungin kaupunki", "287"),
    ("Uusikaupunki", "895"),
    ("Uudenkaupungin kaupunki", "895"),
    ("Koski Tl", "284"),
    ("Koski Tl:n kunta", "284"),
    ("Mänttä-Vilppulan kaupunki", "508"),
    ("Virtain kaupunki", "936"),
    ("Pihtiputaan kunta", "601"),
    ("Punkalaitumen kunta", "619"),
    ("Isonkyrön kunta", "152"),
    ("Isojoen kunta", "151"),
    ("Toholammen kunta", "849"),
    ("Outokummun kaupunki", "309"),
    ("Turun kaupunki", "853"),
    ("Hangon kaupunki", "078"),
    ("Pälkäneen kunta", "635"),
    ("Raahen kaupunki", "678"),
    ("Muhoksen kunta", "494"),
    ("Nurmeksen kaupunki", "541"),
    ("Kaskisten kaupunki", "231"),
    ("Valkeakosken kaupunki", "908"),
    ("Helsingfors stad", "091"),
    ("Jakobstad", "598"),
    ("Oulu", "564"),
    ("Oulu kaupunki", "564"),
])
def test_resolve_name_forms(reg, name, code):
    municipality, note = reg.resolve_with_note(name)
    assert municipality.code == code
    assert note == ""
    assert reg.resolve(name) == municipality


@pytest.mark.parametrize("name", [
    "helsingin kaupunki", "HELSINGIN KAUPUNKI", "  Helsingin   kaupunki ",
    "Helsingin\u00a0kaupunki", "Helsingin\u202fkaupunki\t", "Helsinki\u00a0", "helsinki",
])
def test_resolve_ignores_case_and_white_space(reg, name):
    assert reg.resolve(name).code == "091"


@pytest.mark.parametrize(("alias", "code", "name_fi"), [
    ("Teurva", "846", "Teuva"),
    ("Kärämäki", "317", "Kärsämäki"),
    ("Tuku", "853", "Turku"),
    ("Säkyä", "783", "Säkylä"),
    ("Koski TI", "284", "Koski Tl"),
    ("Vesilähti", "922", "Vesilahti"),
])
def test_aliases_of_the_2020_typos(reg, alias, code, name_fi):
    municipality, note = reg.resolve_with_note(alias)
    assert (municipality.code, municipality.name_fi) == (code, name_fi)
    assert note == TYPO_NOTE
    assert reg.resolve(alias.upper()).code == code
    assert reg.resolve_with_note(f"{alias} kunta")[1] == TYPO_NOTE


def test_alias_table_notes_every_alias():
    path = Path(__file__).resolve().parents[1] / "optimizer" / "data" / "name_aliases.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["alias"] for r in rows} >= {"Teurva", "Kärämäki", "Tuku", "Säkyä", "Koski TI",
                                          "Vesilähti"}
    assert all(r["note"] == TYPO_NOTE for r in rows)


def test_every_register_name_resolves_to_itself(reg):
    for m in reg.municipalities:
        assert reg.resolve(m.name_fi) == m
        assert reg.resolve(m.name_sv) == m
        assert reg.resolve(f"{m.name_sv} kommun") == m


def test_no_generated_form_is_ambiguous(reg):
    assert reg.ambiguous == ()


@pytest.mark.parametrize(("name", "genitive"), [
    ("Akaa", "akaan"), ("Ii", "iin"), ("Oulu", "oulun"), ("Pori", "porin"),
    ("Helsinki", "helsingin"), ("Lahti", "lahden"), ("Riihimäki", "riihimäen"),
    ("Valkeakoski", "valkeakosken"), ("Hausjärvi", "hausjärven"), ("Pielavesi", "pielaveden"),
    ("Iisalmi", "iisalmen"), ("Taipalsaari", "taipalsaaren"), ("Liminka", "limingan"),
    ("Kauniainen", "kauniaisten"), ("Kaskinen", "kaskisen"), ("Alavus", "alavuden"),
    ("Muhos", "muhoksen"), ("Tampere", "tampereen"), ("Raahe", "raahen"),
    ("Kurikka", "kurikan"), ("Iitti", "iitin"), ("Vihti", "vihdin"), ("Lieto", "liedon"),
    ("Juuka", "juuan"), ("Harjavalta", "harjavallan"), ("Pyhäntä", "pyhännän"),
    ("Turku", "turun"), ("Toholampi", "toholammen"), ("Uusikaupunki", "uudenkaupungin"),
    ("Isokyrö", "isonkyrön"), ("Mänttä-Vilppula", "mänttä-vilppulan"),
    ("Koski Tl", "koski tl:n"), ("Virrat", "virtain"), ("Pihtipudas", "pihtiputaan"),
])
def test_genitive_rules(name, genitive):
    assert genitive in genitive_forms(name)


def test_bare_genitive_is_not_a_name(reg):
    with pytest.raises(InputError):
        reg.resolve("Helsingin")
    assert reg.find("Helsingin") is None


@pytest.mark.parametrize(("name", "expected"), [
    ("Teurvan kunta", "Teuva"),
    ("Helsinky", "Helsinki"),
    ("Tamperee", "Tampere"),
    ("Kokola", "Kokkola"),
])
def test_unresolvable_name_lists_three_closest(reg, name, expected):
    with pytest.raises(InputError) as info:
        reg.resolve(name)
    problem = info.value.problems[0]
    assert problem.value == name
    assert "Did you mean" in str(problem.hint)
    assert str(problem.hint).count("'") == 6  # three quoted names
    assert repr(expected) in str(problem.hint)
    assert len(reg.closest(name)) == 3
    assert reg.closest(name)[0] == expected
    assert reg.find(name) is None


def test_no_fuzzy_acceptance(reg):
    for near_miss in ("Helsinkii", "Espo", "Vanta", "Turkuu", "Tampereen kaupunkiseudun "
                      "kuntayhtymä", "Oulun kaupunginkirjasto", "Rovaniemen kaupunginkirjasto"):
        assert reg.find(near_miss) is None


def test_normalise():
    assert normalise("  Helsingin\u00a0\u00a0KAUPUNKI ") == "helsingin kaupunki"


def test_every_municipality_of_the_2020_data_resolves(reg):
    with (ROUND_2020 / "participants.csv").open(encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "municipality"]
    assert len(rows) > 200
    for row in rows:
        assert reg.resolve(row["name"]).code == row["municipality_code"], row
    with (ROUND_2020 / "applications.csv").open(encoding="utf-8-sig") as fh:
        apps = list(csv.DictReader(fh))
    participants = {r["name"] for r in rows}
    names = [a["applicant"] for a in apps]
    names += [p.strip() for a in apps for p in a["partners"].split(";") if p.strip()]
    for name in names:
        if name in participants:
            assert reg.find(name) is not None, name
