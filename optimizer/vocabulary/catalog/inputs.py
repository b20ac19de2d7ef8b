"""Problems in a user's input files (readers, scoring sheets, call.toml, boundaries): where
they are and what is wrong, in English and Finnish. Codes start with "input."; like the
scenario's, they may name a file's column or key, which the person edits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.message import Message, general, joined
from optimizer.vocabulary.words import Words


def _where(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    parts = [a["file"]] if a["file"] else []
    if a["row"] is not None:
        parts.append(f"{'rivi' if fi else 'row'} {a['row']}")
    if a["column"]:
        parts.append(f"{'sarake' if fi else 'column'} {a['column']!r}")
    return ", ".join(parts)


_PLACES: Mapping[str, Mapping[str, Any]] = {
    "input.where": {"en": _where, "fi": _where,
                    "example": {"file": "hakemukset.csv", "row": 3, "column": "haettu"}},
    "input.value": {"en": " (value: {value!r})", "fi": " (arvo: {value!r})",
                    "example": {"value": "12,5,0"}},
    "input.more": {"en": "... and {more} more problems; fix these first, or see them all with "
                         "grantopt data check",
                   "fi": "... ja {more} muuta ongelmaa; korjaa nämä ensin tai katso kaikki "
                         "komennolla grantopt data check",
                   "example": {"more": 120}},
}


def _e(en: Any, fi: Any, **example: Any) -> Mapping[str, Any]:
    """One entry: its English and Finnish templates and the example that renders them."""
    return {"en": en, "fi": fi, "example": example}


_AMOUNT_HINT = _e("Write it as 1234.56, 1234,56 or 1 234,56 (space as thousands separator)",
                  "Kirjoita se muodossa 1234.56, 1234,56 tai 1 234,56 (välilyönti "
                  "tuhaterottimena)")
_RANGE_HINT = _e("Amounts are euros above 0 and at most 1,000,000,000,000 € (1e12)",
                 "Summat ovat euroja, yli 0 ja enintään 1 000 000 000 000 € (1e12)")

_MB = 1024 * 1024


def _size(n: int, w: Words) -> str:
    """A size as people read it: "50 MB", "50.2 MB", "100 bytes" ("50,2 MB", "100 tavua")."""
    if n < _MB:
        return f"{w.num(n)} {'tavua' if w.lang == 'fi' else 'bytes'}"
    return f"{w.num(n // _MB)} MB" if n % _MB == 0 else f"{w.num(n / _MB, 1)} MB"


def _sized(template: str) -> Any:
    """A template whose fields are sizes in bytes."""
    def said(a: Mapping[str, Any], w: Words) -> str:
        return template.format(**{k: _size(int(v), w) for k, v in a.items()})
    return said


def _limit_fi(a: Mapping[str, Any], w: Words) -> str:
    what = {"rows": "riviä", "cells": "solua"}[a["what"]]
    return f"taulukossa on yli {w.num(a['limit'])} {what}, enemmän kuin työkalu lukee " \
           "yhdestä tiedostosta"


# --- files: found, read, decoded, their size -------------------------------------------
FILES: Mapping[str, Mapping[str, Any]] = {
    "input.file.not_found": _e("file not found", "tiedostoa ei löydy"),
    "input.file.cannot_read": _e("cannot read the file: {reason}",
                                 "tiedostoa ei voi lukea: {reason}", reason="Permission denied"),
    "input.file.type": _e("unsupported file type", "tiedostotyyppiä ei tueta"),
    "input.file.type.hint": _e("Save the table as CSV (UTF-8) or XLSX",
                               "Tallenna taulukko CSV- (UTF-8) tai XLSX-tiedostoksi"),
    "input.file.csv_sheet": _e("a CSV file has no sheets", "CSV-tiedostossa ei ole välilehtiä"),
    "input.file.too_large": _e(_sized("the file is {size}, more than the {limit} the tool reads "
                                      "from one file"),
                               _sized("tiedosto on {size}, enemmän kuin työkalun yhdestä "
                                      "tiedostosta lukemat {limit}"),
                               size=54_525_952, limit=52_428_800),
    "input.file.too_large.hint": _e(
        "Remove what the round does not need (other sheets, images, empty formatted rows), "
        "or split the file",
        "Poista mitä haku ei tarvitse (muut välilehdet, kuvat, tyhjät muotoillut rivit) tai "
        "jaa tiedosto"),
    "input.file.xlsx_as_csv": _e("the file is an XLSX workbook (a zip archive), not a CSV",
                                 "tiedosto on XLSX-työkirja (zip-arkisto), ei CSV"),
    "input.file.xlsx_as_csv.hint": _e("Rename it to .xlsx, or save it as CSV UTF-8",
                                      "Nimeä se .xlsx-tiedostoksi tai tallenna CSV UTF-8 "
                                      "-muodossa"),
    "input.file.xls_as_csv": _e("the file is an old Excel .xls workbook, not a CSV",
                                "tiedosto on vanha Excelin .xls-työkirja, ei CSV"),
    "input.file.xls_as_csv.hint": _e("Save it as CSV UTF-8 or as .xlsx",
                                     "Tallenna se CSV UTF-8 -muodossa tai .xlsx-tiedostoksi"),
    "input.text.utf8_hint": _e(
        "Save it as 'CSV UTF-8 (comma delimited)' in Excel, or re-encode it as UTF-8",
        "Tallenna se Excelissä muodossa 'CSV UTF-8 (pilkuin erotettu)' tai muunna se "
        "UTF-8-merkistöön"),
    "input.text.utf16": _e("the file is UTF-16 (Excel's 'Unicode text'), not UTF-8",
                           "tiedosto on UTF-16-merkistössä (Excelin 'Unicode-teksti'), ei "
                           "UTF-8"),
    "input.text.nul": _e(
        "the file holds NUL bytes (from line {line}): it is UTF-16 without a byte order "
        "mark, or not a text file",
        "tiedostossa on NUL-tavuja (riviltä {line} alkaen): se on UTF-16 ilman "
        "tavujärjestysmerkkiä tai ei tekstitiedosto", line=4),
    "input.text.not_utf8": _e(
        lambda a, w: f"the file is not UTF-8 (byte 0x{a['byte']:02x} on line {a['line']}"
        + (f", which reads {a['legacy']!r} if the file is Windows-1252 (Latin-1)"
           if a["legacy"] else "") + ")",
        lambda a, w: f"tiedosto ei ole UTF-8-merkistössä (tavu 0x{a['byte']:02x} rivillä "
        f"{a['line']}" + (f", joka on {a['legacy']!r}, jos tiedosto on Windows-1252 "
                          "(Latin-1)" if a["legacy"] else "") + ")",
        byte=0xe4, line=3, legacy="Hämeenlinna"),
    # --- CSV and table structure --------------------------------------------------------
    "input.csv.empty": _e("the file is empty", "tiedosto on tyhjä"),
    "input.csv.header_hint": _e("The first row must name the columns",
                                "Ensimmäisellä rivillä on sarakkeiden nimet"),
    "input.csv.unclosed": _e(
        "a quote (\") opened in this row is never closed, so the rest of the file was read "
        "as one cell",
        "tällä rivillä avattua lainausmerkkiä (\") ei suljeta, joten loppu tiedostosta "
        "luettiin yhtenä soluna"),
    "input.csv.unclosed.hint": _e("Close the quote, or delete the stray quote character",
                                  "Sulje lainausmerkki tai poista ylimääräinen "
                                  "lainausmerkki"),
    "input.csv.long_cell": _e(
        "a cell is longer than {limit:num} characters: a quote (\") opened here is probably "
        "never closed",
        "solu on yli {limit:num} merkkiä pitkä: tässä avattua lainausmerkkiä (\") ei "
        "luultavasti suljeta", limit=131072),
    "input.csv.cannot_read": _e("cannot read the CSV: {reason}", "CSV-tiedostoa ei voi lukea: "
                                "{reason}", reason="new-line character seen in unquoted field"),
    "input.table.no_header": _e("the file has no header row", "tiedostossa ei ole "
                                "otsikkoriviä"),
    "input.table.unnamed": _e("column {index} of the header has no name",
                              "otsikkorivin sarakkeella {index} ei ole nimeä", index=4),
    "input.table.unnamed.hint": _e("Name every column, or delete the empty one",
                                   "Nimeä jokainen sarake tai poista tyhjä sarake"),
    "input.table.duplicate": _e("duplicate column name", "sama sarakkeen nimi kahdesti"),
    "input.table.duplicate.hint": _e("Each column name may appear only once",
                                     "Kukin sarakkeen nimi saa esiintyä vain kerran"),
    "input.table.too_wide": _e(
        "the row has {cells} or more cells but the header names {width} columns",
        "rivillä on {cells} tai enemmän soluja, mutta otsikkorivillä on {width} saraketta",
        cells=6, width=5),
    "input.table.too_wide.hint": _e(
        "Quote cells that contain the delimiter, or add a header for the column",
        "Lainaa erotinmerkin sisältävät solut tai anna sarakkeelle otsikko"),
    "input.table.limit": _e("the table has more than {limit:num} {what}, the most the tool "
                            "reads from one file",
                            _limit_fi, limit=1000000, what="rows"),
    "input.table.limit.hint": _e(
        "Delete unused rows and columns (a stray cell far down or far right makes a sheet "
        "that large), or split the file",
        "Poista käyttämättömät rivit ja sarakkeet (kaukana alhaalla tai oikealla oleva "
        "yksittäinen solu tekee välilehdestä niin suuren) tai jaa tiedosto"),
}

# --- cells: amounts, numbers, codes, formulas -------------------------------------------
CELLS: Mapping[str, Mapping[str, Any]] = {
    "input.hint.amount": _AMOUNT_HINT,
    "input.hint.range": _RANGE_HINT,
    "input.hint.every_digit": _e(f"Write every digit. {_RANGE_HINT['en']}",
                                 f"Kirjoita kaikki numerot. {_RANGE_HINT['fi']}"),
    "input.amount.not_amount": _e("not an amount", "ei ole rahamäärä"),
    "input.amount.not_finite": _e("not a finite amount", "ei ole äärellinen rahamäärä"),
    "input.amount.too_large": _e("the amount is larger than 1e12 €",
                                 "summa on suurempi kuin 1e12 €"),
    "input.amount.empty": _e("the amount is empty", "summa puuttuu"),
    "input.amount.exponent": _e("an amount in exponent notation is not accepted",
                                "summaa ei hyväksytä eksponenttimuodossa"),
    "input.amount.mixed": _e("mixed ',' and '.' do not form an amount",
                             "sekaisin olevat ',' ja '.' eivät muodosta summaa"),
    "input.amount.thousands": _e(
        "'{sep}' as thousands separator must separate groups of three digits",
        "tuhaterottimen '{sep}' on erotettava kolmen numeron ryhmiä", sep="."),
    "input.amount.several": _e(
        "several '{sep}' in an amount: '{sep}' may be a decimal separator only once, and is "
        "not accepted as a thousands separator unless the amount has decimals",
        "summassa on useita merkkejä '{sep}': '{sep}' voi olla desimaalierotin vain kerran, "
        "eikä sitä hyväksytä tuhaterottimena, ellei summassa ole desimaaleja", sep=","),
    "input.amount.ambiguous": _e(
        "ambiguous amount: '{sep}' followed by three digits may be a decimal or a thousands "
        "separator",
        "monitulkintainen summa: '{sep}' ja sen jälkeen kolme numeroa voi olla desimaali- tai "
        "tuhaterotin", sep=","),
    "input.amount.decimals": _e("an amount has at most two decimals (cents) after '{sep}'",
                                "summassa on enintään kaksi desimaalia (senttiä) merkin "
                                "'{sep}' jälkeen", sep=","),
    "input.amount.spaces": _e("spaces in an amount must separate groups of three digits",
                              "summan välilyöntien on erotettava kolmen numeron ryhmiä"),
    "input.int.not_whole": _e("not a whole number", "ei ole kokonaisluku"),
    "input.int.too_large": _e("the number is too large", "luku on liian suuri"),
    "input.int.digits": _e("At most {digits} digits", "Enintään {digits} numeroa", digits=15),
    "input.int.hint": _e("Write digits only, e.g. 12", "Kirjoita vain numeroita, esim. 12"),
    "input.number.empty": _e("the number is empty", "luku puuttuu"),
    "input.number.not_number": _e("not a number", "ei ole luku"),
    "input.number.not_finite": _e("not a finite number", "ei ole äärellinen luku"),
    "input.number.hint": _e("Write e.g. 0.85 or 0,85", "Kirjoita esim. 0,85 tai 0.85"),
    "input.code.not_code": _e("not a code", "ei ole koodi"),
    "input.code.width": _e("Codes are {width} digits", "Koodeissa on {width} numeroa",
                           width=3),
    "input.code.empty": _e("the code is empty", "koodi puuttuu"),
    "input.code.too_long": _e("a code is at most {width} digits",
                              "koodissa on enintään {width} numeroa", width=3),
    "input.code.hint": _e("Write it as {width} digits, e.g. {example}",
                          "Kirjoita se {width} numerona, esim. {example}", width=3,
                          example="091"),
    "input.formula.text": _e("a formula, not a value: the file holds the formula's text",
                             "kaava eikä arvo: tiedostossa on kaavan teksti"),
    "input.formula.text.hint": _e(
        "Save the values: in Excel copy the column, Paste Special > Values, and save again",
        "Tallenna arvot: kopioi sarake Excelissä, Liitä määräten > Arvot, ja tallenna "
        "uudelleen"),
    "input.formula.unsaved": _e(
        "a formula without a saved value: open the file in Excel and save it",
        "kaava ilman tallennettua arvoa: avaa tiedosto Excelissä ja tallenna se"),
    "input.formula.unsaved.hint": _e(
        "The tool reads the values a spreadsheet program saved with its formulas; this file "
        "was written by one that does not compute them",
        "Työkalu lukee arvot, jotka taulukko-ohjelma tallensi kaavojen kanssa; tämän "
        "tiedoston kirjoitti ohjelma, joka ei laske niitä"),
    "input.cell.empty": _e("the cell is empty", "solu on tyhjä"),
    "input.cell.empty.hint": _e("Every row needs a value in {column!r}",
                                "Jokaisella rivillä on oltava arvo sarakkeessa {column!r}",
                                column="haettu"),
}

_RESAVE = ("Open it in Excel or LibreOffice and save it again as .xlsx, or save the table as "
           "CSV UTF-8",
           "Avaa se Excelissä tai LibreOfficessa ja tallenna se uudelleen .xlsx-tiedostoksi, "
           "tai tallenna taulukko CSV UTF-8 -muodossa")

# --- XLSX workbooks -----------------------------------------------------------------------
XLSX: Mapping[str, Mapping[str, Any]] = {
    "input.xlsx.defusedxml": _e(
        "XLSX files are read only with defusedxml, which is not installed or is switched off "
        "(OPENPYXL_DEFUSEDXML)",
        "XLSX-tiedostoja luetaan vain defusedxml-kirjaston avulla, ja sitä ei ole asennettu "
        "tai se on kytketty pois (OPENPYXL_DEFUSEDXML)"),
    "input.xlsx.defusedxml.hint": _e("pip install defusedxml, or save the table as CSV UTF-8",
                                     "pip install defusedxml, tai tallenna taulukko CSV "
                                     "UTF-8 -muodossa"),
    "input.xlsx.unpacked": _e(_sized("the workbook unpacks to {size}, more than the {limit} the "
                                     "tool reads from one file"),
                              _sized("työkirja on purettuna {size}, enemmän kuin työkalun "
                                     "yhdestä tiedostosta lukemat {limit}"),
                              size=629_145_600, limit=524_288_000),
    "input.xlsx.unpacked.hint": _e(
        "Delete unused sheets, images and formatted empty rows, or save the table as CSV "
        "UTF-8",
        "Poista käyttämättömät välilehdet, kuvat ja muotoillut tyhjät rivit, tai tallenna "
        "taulukko CSV UTF-8 -muodossa"),
    "input.xlsx.old_xls": _e(
        "cannot open the workbook: it is an old Excel .xls workbook, or a password-protected "
        "one",
        "työkirjaa ei voi avata: se on vanha Excelin .xls-työkirja tai salasanalla suojattu"),
    "input.xlsx.old_xls.hint": _e(
        "Save it in Excel as 'Excel Workbook (.xlsx)' without a password, or as CSV UTF-8",
        "Tallenna se Excelissä muodossa 'Excel-työkirja (.xlsx)' ilman salasanaa tai CSV "
        "UTF-8 -muodossa"),
    "input.xlsx.not_zip": _e(
        "cannot open the workbook: the file is not an XLSX workbook (not a zip archive)",
        "työkirjaa ei voi avata: tiedosto ei ole XLSX-työkirja (ei zip-arkisto)"),
    "input.xlsx.not_zip.hint": _e(
        f"If it is a CSV, name it .csv; else {_RESAVE[0][0].lower()}{_RESAVE[0][1:]}",
        f"Jos se on CSV, nimeä se .csv-tiedostoksi; muuten {_RESAVE[1][0].lower()}"
        f"{_RESAVE[1][1:]}"),
    "input.xlsx.resave": _e(*_RESAVE),
    "input.xlsx.entities": _e(
        "cannot open the workbook: its XML declares entities or refers to external ones, "
        "which spreadsheet programs never write; the tool does not read it",
        "työkirjaa ei voi avata: sen XML määrittelee entiteettejä tai viittaa ulkoisiin, "
        "mitä taulukko-ohjelmat eivät koskaan kirjoita; työkalu ei lue sitä"),
    "input.xlsx.cannot_open": _e("cannot open the workbook: {reason}",
                                 "työkirjaa ei voi avata: {reason}",
                                 reason="BadZipFile"),
    "input.xlsx.damaged": _e("cannot open the workbook: its XML is damaged ({reason})",
                             "työkirjaa ei voi avata: sen XML on vioittunut ({reason})",
                             reason="mismatched tag: line 2, column 40"),
    "input.xlsx.no_sheet": _e("the workbook has no sheet", "työkirjassa ei ole välilehteä"),
    "input.xlsx.unknown_sheet": _e("no such sheet", "välilehteä ei ole"),
    "input.xlsx.unknown_sheet.hint": _e("Sheets: {sheets:list}.{hits:suggest}",
                                        "Välilehdet: {sheets:list}.{hits:suggest}",
                                        sheets=["Hakemukset", "Taul2"], hits=["Hakemukset"]),
    "input.xlsx.chart": _e("the sheet is a chart, not a table",
                           "välilehti on kaavio eikä taulukko"),
    "input.xlsx.chart.hint": _e("Put the table on the first sheet",
                                "Siirrä taulukko ensimmäiselle välilehdelle"),
    "input.xlsx.empty": _e("the sheet is empty", "välilehti on tyhjä"),
}

# What a row's field names in `unknown {what}` and `{what} given but ...` (English, Finnish).
_WHAT = {"region": ("region", "maakunta"), "target area": ("target area", "avustuksen kohde"),
         "exclusion code": ("exclusion code", "rajauksen koodi"), "role": ("role", "rooli"),
         "kind of party": ("kind of party", "osapuolen laji"), "Roles": ("Roles", "Roolit"),
         "Kinds": ("Kinds", "Lajit"), "Known": ("Known", "Tunnetut")}


def _what(template: str, fi: bool) -> Any:
    """A template whose `what` and `label` are words of _WHAT."""
    def said(a: Mapping[str, Any], w: Words) -> str:
        words = {k: _WHAT[a[k]][fi] for k in ("what", "label") if k in a}
        return template.format(**{**a, **words})
    return said


def _hits(a: Mapping[str, Any], w: Words) -> str:
    from optimizer.vocabulary.message import did_you_mean

    return did_you_mean(list(a.get("hits", ())), w.lang)


def _totals(a: Mapping[str, Any], w: Words) -> str:
    """'[totals] awards = 12 but awards.csv has 11 rows' (a sum of 12.00 for euros)."""
    fi = w.lang == "fi"
    key, declared = a["key"], a["declared"]
    shown = f"{declared:.2f}" if key.endswith("_eur") else f"{declared}"
    if a.get("rows") is not None:
        found = f"{a['rows']} {'riviä' if fi else 'rows'}"
    else:
        found = f"{'summa' if fi else 'a sum of'} {a['total']:.2f}"
    source = a["source"] or ("awards.csv (puuttuu)" if fi else "awards.csv (absent)")
    if fi:
        return f"[totals] {key} = {shown.replace('.', ',')}, mutta tiedostossa {source} on " \
               f"{found.replace('.', ',')}"
    return f"[totals] {key} = {shown} but {source} has {found}"


# --- a round's files: their columns, ids and fields -------------------------------------
ROUND: Mapping[str, Mapping[str, Any]] = {
    "input.field.negative": _e("the amount is negative", "summa on negatiivinen"),
    "input.field.zero": _e("the amount is zero", "summa on nolla"),
    "input.field.unknown": _e(_what("unknown {what}", False), _what("tuntematon {what}", True),
                              what="target area"),
    "input.field.known": _e(
        lambda a, w: _what("{label}: ", False)(a, w) + ", ".join(a["allowed"]) + "."
        + _hits(a, w),
        lambda a, w: _what("{label}: ", True)(a, w) + ", ".join(a["allowed"]) + "."
        + _hits(a, w),
        label="Known", allowed=["kulttuuri", "liikenne"], hits=["kulttuuri"]),
    "input.field.none_defined": _e(_what("{what} given but call.toml defines none", False),
                                   _what("{what} annettu, mutta call.toml ei määrittele "
                                         "yhtään", True), what="target area"),
    "input.field.add_tables": _e("Add {tables} to call.toml", "Lisää {tables} call.toml-"
                                 "tiedostoon", tables="[[target_areas]] (id, fi, en)"),
    "input.id.duplicate": _e("duplicate id (also on row {row})",
                             "sama tunnus kahdesti (myös rivillä {row})", row=4),
    "input.id.duplicate.hint": _e("Each application needs its own id",
                                  "Jokaisella hakemuksella on oltava oma tunnus"),
    "input.id.date": _e("this id looks like a date Excel made of {source!r}",
                        "tämä tunnus näyttää päivämäärältä, jonka Excel teki tunnuksesta "
                        "{source!r}", source="2020-01"),
    "input.id.date_unknown": _e(
        "this id looks like a date Excel made of an id (e.g. 2020-01 becomes 1.1.2020)",
        "tämä tunnus näyttää päivämäärältä, jonka Excel teki tunnuksesta (esim. 2020-01 "
        "muuttuu muotoon 1.1.2020)"),
    "input.id.date.hint": _e(
        "Format the id column as Text in Excel before typing or pasting the ids (or type an "
        "id with a leading apostrophe, '2020-01), correct the id and save again",
        "Muotoile tunnussarake Excelissä tekstiksi ennen tunnusten kirjoittamista tai "
        "liittämistä (tai kirjoita tunnuksen alkuun heittomerkki, '2020-01), korjaa tunnus "
        "ja tallenna uudelleen"),
    "input.id.unknown_award": _e("award for an application that does not exist",
                                 "myönnetty avustus hakemukselle, jota ei ole"),
    "input.id.unknown_party": _e("no application with this id", "tällä tunnuksella ei ole "
                                 "hakemusta"),
    "input.id.use_known": _e("Use an id of {file}.{hits:suggest}",
                             "Käytä tiedoston {file} tunnusta.{hits:suggest}",
                             file="hakemukset.csv", hits=["2020-01"]),
    "input.id.unchecked": _e(
        "the application ids of {rows} row(s) are not checked: {file} could not be read or "
        "has no applications (see the problems there)",
        "{rows} rivin hakemustunnuksia ei tarkisteta: tiedostoa {file} ei voitu lukea tai "
        "siinä ei ole hakemuksia (katso sen ongelmat)", rows=3, file="hakemukset.csv"),
    "input.id.as_dates": _e(
        lambda a, w: f"rows {', '.join(map(str, a['rows']))}"
        + (f" and {a['more']} more" if a["more"] else "")
        + f" name {', '.join(a['ids'])}, which {a['file']} holds only as dates Excel made of "
        "them (see the problems there); not reported row by row",
        lambda a, w: f"rivit {', '.join(map(str, a['rows']))}"
        + (f" ja {a['more']} muuta" if a["more"] else "")
        + f" mainitsevat tunnukset {', '.join(a['ids'])}, jotka tiedostossa {a['file']} ovat "
        "vain päivämäärinä, jotka Excel teki niistä (katso sen ongelmat); niitä ei raportoida "
        "riveittäin", rows=[3, 4], more=0, ids=["2020-02"], file="hakemukset.csv"),
    "input.round.both": _e("both {first} and {second} exist",
                           "sekä {first} että {second} ovat olemassa",
                           first="hakemukset.csv", second="hakemukset.xlsx"),
    "input.round.both.hint": _e("Keep one {stem} file; the round would otherwise be ambiguous",
                                "Säilytä yksi {stem}-tiedosto; muuten haku olisi "
                                "monitulkintainen", stem="hakemukset"),
    "input.column.missing": _e("missing required column {column!r}",
                               "pakollinen sarake {column!r} puuttuu", column="haettu"),
    "input.column.header": _e("The header has: {columns:list}.{hits:suggest}",
                              "Otsikkorivillä on: {columns:list}.{hits:suggest}",
                              columns=["tunnus", "haettu_summa"], hits=["haettu_summa"]),
    "input.column.unknown": _e("unknown column", "tuntematon sarake"),
    "input.column.known": _e("Known columns: {columns:list}.{hits:suggest}",
                             "Tunnetut sarakkeet: {columns:list}.{hits:suggest}",
                             columns=["tunnus", "haettu"], hits=["haettu"]),
    "input.cost.none": _e("no cost in any year", "kustannuksia ei ole yhdellekään vuodelle"),
    "input.cost.none.hint": _e("Give the application's cost in at least one of {columns:list}",
                               "Anna hakemuksen kustannukset ainakin yhdessä sarakkeista "
                               "{columns:list}", columns=["kulut_2021", "kulut_2022"]),
    "input.award.second": _e("second award for {id} (first on row {row})",
                             "toinen myönnetty avustus hakemukselle {id} (ensimmäinen rivillä "
                             "{row})", id="2020-01", row=3),
    "input.award.second.hint": _e("Give each application at most one award",
                                  "Anna kullekin hakemukselle enintään yksi avustus"),
    "input.award.over": _e("the award is more than the {requested:,.2f} € requested",
                           lambda a, w: "myönnetty avustus on suurempi kuin haettu "
                           f"{w.num(a['requested'], 2)} €", requested=125000.0),
    "input.award.over.hint": _e("Check the amount, or the application's requested_eur",
                                "Tarkista summa tai hakemuksen requested_eur"),
    "input.totals.differ": _e(_totals, _totals, key="requested_eur", declared=1250000.0,
                              source="hakemukset.csv", rows=None, total=1249000.0),
    "input.totals.differ.hint": _e("Correct the data or the declared total",
                                   "Korjaa aineisto tai ilmoitettu kokonaismäärä"),
    "input.party.twice": _e("party listed twice for {id} (also on row {row})",
                            "osapuoli mainittu kahdesti hakemukselle {id} (myös rivillä {row})",
                            id="2020-01", row=5),
    "input.party.twice.hint": _e("List each party once", "Mainitse kukin osapuoli kerran"),
    "input.party.no_code": _e("no municipality with this code in the register",
                              "rekisterissä ei ole kuntaa tällä koodilla"),
    "input.party.no_code.hint": _e(
        "Codes are Statistics Finland's 3-digit municipality codes (e.g. 091 Helsinki)",
        "Koodit ovat Tilastokeskuksen kolminumeroisia kuntanumeroita (esim. 091 Helsinki)"),
    "input.party.no_name": _e("the name does not resolve to a municipality",
                              "nimestä ei löydy kuntaa"),
    "input.party.mismatch": _e(
        "the name {name!r} is {found} ({found_code}), but the code is {given_code} ({given})",
        "nimi {name!r} on {found} ({found_code}), mutta koodi on {given_code} ({given})",
        name="Hki", found="Helsinki", found_code="091", given_code="092", given="Vantaa"),
    "input.party.mismatch.hint": _e("Correct the code or the name",
                                    "Korjaa koodi tai nimi"),
    "input.party.read_as": _e("{name!r} read as {found} ({found_code}): {note}",
                              "{name!r} luettiin kunnaksi {found} ({found_code}): {note}",
                              name="Tuku", found="Turku", found_code="853",
                              note="kirjoitusvirhe päätöksen liitteessä"),
    "input.party.leads": _e("application {id} has {count} leads (rows {rows:list})",
                            "hakemuksella {id} on {count} hankehallinnoijaa (rivit {rows:list})",
                            id="2020-01", count=2, rows=["3", "4"]),
    "input.party.leads.hint": _e("Mark one party as {lead}, the others as {partner}",
                                 "Merkitse yhden osapuolen rooliksi {lead} "
                                 "(hankehallinnoija), muiden {partner}",
                                 lead="vetäjä", partner="kumppani"),
    "input.party.no_lead": _e("application {id} has participants but no lead",
                              "hakemuksella {id} on osapuolia, mutta ei hankehallinnoijaa",
                              id="2020-01"),
    "input.party.no_lead.hint": _e("Mark the lead applicant's row as {lead}",
                                   "Merkitse hankehallinnoijan rivin rooliksi {lead}",
                                   lead="vetäjä"),
    "input.party.none": _e(
        "application {id} has no participants; its parties are read from the applicant and "
        "partners columns",
        "hakemuksella {id} ei ole osapuolia; ne luetaan hakijan ja osallistujien "
        "sarakkeista", id="2020-01"),
}

# --- the municipality register ---------------------------------------------------------
REGISTER: Mapping[str, Mapping[str, Any]] = {
    "input.register.no_code": _e("no municipality with code {given!r} in the register",
                                 "rekisterissä ei ole kuntaa koodilla {given!r}", given="092"),
    "input.register.no_code.hint": _e(
        "Codes are 3-digit zero-padded strings, e.g. '091' for Helsinki",
        "Koodit ovat kolminumeroisia, etunollin täytettyjä, esim. '091' Helsingille"),
    "input.register.ambiguous": _e(
        "municipality name {name!r} is ambiguous: it fits {names}",
        "kunnan nimi {name!r} on monitulkintainen: se sopii kuntiin {names}",
        name="Koski", names="Koski Tl (284), Koski (285)"),
    "input.register.ambiguous.hint": _e(
        "Write the name in the nominative (e.g. 'Helsinki') or give the code",
        "Kirjoita nimi perusmuodossa (esim. 'Helsinki') tai anna koodi"),
    "input.register.unknown": _e("{name!r} is not the name of a municipality in the register",
                                 "{name!r} ei ole rekisterin kunnan nimi", name="Tuurku"),
    "input.register.did_you_mean": _e("Did you mean {options:or}?", "Tarkoititko {options:or}?",
                                      options=["'Turku'", "'Kurikka'"]),
    "input.register.columns": _e("missing columns {missing}", "sarakkeita puuttuu: {missing}",
                                 missing=["asukasluku"]),
    "input.register.population": _e("population is not a whole number",
                                    "asukasluku ei ole kokonaisluku"),
    "input.register.not_found": _e("register file not found", "rekisteritiedostoa ei löydy"),
}

# The kinds of value a call.toml key holds, as `{key} must be a {kind}` says them.
_KINDS = {"text": "tekstiä", "whole number": "kokonaisluku", "number": "luku",
          "date": "päivämäärä", "[low, high]": "[alin, ylin]", "true or false": "true tai false"}
# The ranges of call.toml's numbers, in words (call.RANGES names them).
_RANGES = {
    "above 0 and at most 1e12 €": "yli 0 ja enintään 1e12 €",
    "from 0.01 to 1e9 €": "0,01–1e9 €",
    "a share in (0, 1]": "osuus väliltä (0, 1]",
    "at least 1 and at most 1,000,000": "vähintään 1 ja enintään 1 000 000",
    "a year of four digits": "nelinumeroinen vuosi",
    "0 or more": "0 tai enemmän",
    "0 or more and at most 1e12 €": "0 tai enemmän ja enintään 1e12 €",
}


def _kind(template: str, fi: bool) -> Any:
    """A template whose `kind` (a _KINDS word) and `range` (a _RANGES text) are translated."""
    def said(a: Mapping[str, Any], w: Words) -> str:
        args = dict(a)
        if fi and "kind" in a:
            args["kind"] = _KINDS[a["kind"]]
        if fi and a.get("range"):
            args["range"] = _RANGES[a["range"]]
        return template.format(**args)
    return said


def _finite(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    words = (_RANGES[a["range"]] if fi else a["range"]) if a["range"] else ""
    if fi:
        return (f"{a['key']} on oltava äärellinen luku{', ' + words if words else ''} "
                "(ei inf, nan tai liian suuri luku)")
    return (f"{a['key']} must be a finite number{', ' + words if words else ''} "
            "(not inf, nan or a number too large)")


def _section(a: Mapping[str, Any]) -> str:
    return f"[[{a['name']}]]" if a["array"] else f"[{a['name']}]"


# --- call.toml --------------------------------------------------------------------------
CALL: Mapping[str, Mapping[str, Any]] = {
    "input.call.utf8_hint": _e("Save it as UTF-8 (in a text editor: Save as, encoding UTF-8)",
                               "Tallenna se UTF-8-merkistössä (tekstieditorissa: Tallenna "
                               "nimellä, merkistö UTF-8)"),
    "input.toml.syntax": _e(lambda a, w: f"TOML syntax error: {a['reason']}"
                            + (f" (column {a['at']})" if a["at"] else ""),
                            lambda a, w: f"TOML-syntaksivirhe: {a['reason']}"
                            + (f" (sarake {a['at']})" if a["at"] else ""),
                            reason="Unclosed array", at="12"),
    "input.toml.syntax.hint": _e("See https://toml.io for the syntax",
                                 "Katso syntaksi osoitteesta https://toml.io"),
    "input.toml.cannot_read": _e("cannot read the TOML: {reason}",
                                 "TOML-tiedostoa ei voi lukea: {reason}", reason="ValueError"),
    "input.toml.digits": _e("cannot read the TOML: a number has too many digits",
                            "TOML-tiedostoa ei voi lukea: luvussa on liikaa numeroita"),
    "input.toml.digits.hint": _e("Write numbers of at most 15 digits",
                                 "Kirjoita luvut enintään 15 numerolla"),
    "input.call.not_array": _e("[{name}] must be an array of tables: write [[{name}]]",
                               "[{name}] on oltava taulukkojen luettelo: kirjoita [[{name}]]",
                               name="target_areas"),
    "input.call.not_table": _e("{name} must be a table: write [{name}]",
                               "{name} on oltava taulukko: kirjoita [{name}]", name="totals"),
    "input.call.not_tables": _e("{name} must hold tables", "{name} voi sisältää vain "
                                "taulukoita", name="criteria"),
    "input.call.unknown_key": _e(lambda a, w: f"unknown key {a['key']!r} in {_section(a)}",
                                 lambda a, w: f"tuntematon avain {a['key']!r} kohdassa "
                                 f"{_section(a)}", key="maks", name="target_areas",
                                 array=True),
    "input.call.known_keys": _e("Known keys: {keys:list}.{hits:suggest}",
                                "Tunnetut avaimet: {keys:list}.{hits:suggest}",
                                keys=["id", "fi", "en", "max_eur"], hits=["max_eur"]),
    "input.call.type": _e(_kind("{key} must be a {kind}", False),
                          _kind("{key} on oltava {kind}", True), key="min_parties",
                          kind="whole number"),
    "input.call.finite": _e(_finite, _finite, key="appropriation_eur",
                            range="above 0 and at most 1e12 €"),
    "input.call.missing_key": _e("missing key {key!r}", "avain {key!r} puuttuu", key="id"),
    "input.call.duplicate": _e("duplicate {key} {value!r}", "{key} {value!r} kahdesti",
                               key="id", value="kulttuuri"),
    "input.call.duplicate.hint": _e("Each [[{name}]] needs its own {key}",
                                    "Jokaisella kohdalla [[{name}]] on oltava oma {key}",
                                    name="target_areas", key="id"),
    "input.call.language": _e("unknown language", "tuntematon kieli"),
    "input.call.language.hint": _e(
        lambda a, w: f"The report speaks {' or '.join(a['languages'])}" + _hits(a, w),
        lambda a, w: f"Raportin kielet ovat {' ja '.join(a['languages'])}" + _hits(a, w),
        languages=["fi", "en"], hits=["fi"]),
    "input.call.currency": _e("currency must be a three-letter code",
                              "valuutan on oltava kolmikirjaiminen koodi"),
    "input.call.currency.hint": _e('Write e.g. "EUR" or "PLN" (ISO 4217)',
                                   'Kirjoita esim. "EUR" tai "PLN" (ISO 4217)'),
    "input.call.range": _e(_kind("{key} must be {range}", False),
                           _kind("{key} on oltava {range}", True), key="max_cost_share",
                           range="a share in (0, 1]"),
    "input.call.hint.appropriation": _e("Write the euros to award, e.g. 10_000_000",
                                        "Kirjoita jaettavat eurot, esim. 10_000_000"),
    "input.call.hint.rounding": _e("Awards are whole multiples of it: 1 for whole euros, 100 "
                                   "for hundreds",
                                   "Myönnetyt avustukset ovat sen monikertoja: 1 täysille "
                                   "euroille, 100 sadoille"),
    "input.call.hint.share": _e("Write 85 % as 0.85", "Kirjoita 85 % muodossa 0.85"),
    "input.call.max_eur": _e("max_eur must be 0 or more and at most 1e12 €",
                             "max_eur on oltava 0 tai enemmän ja enintään 1e12 €"),
    "input.call.max_eur.hint": _e("The most the area's funded projects may get together",
                                  "Enimmäismäärä, jonka kohteen rahoitettavat hankkeet voivat "
                                  "saada yhteensä"),
    "input.call.unknown_table": _e("unknown key or table {key!r}",
                                   "tuntematon avain tai taulukko {key!r}", key="kohteet"),
    "input.call.known_tables": _e("Known tables: {tables:list}.{hits:suggest}",
                                  "Tunnetut taulukot: {tables:list}.{hits:suggest}",
                                  tables=["call", "totals", "target_areas"],
                                  hits=["target_areas"]),
    "input.call.group": _e("unknown criteria group", "tuntematon kriteeriryhmä"),
    "input.call.groups": _e("Groups: {groups:list}.{hits:suggest}",
                            "Ryhmät: {groups:list}.{hits:suggest}",
                            groups=["vaikuttavuus", "yhteistyo"], hits=["yhteistyo"]),
    "input.call.scale": _e("scale must be [low, high] with low < high",
                           "scale on oltava [alin, ylin], jossa alin < ylin"),
    "input.call.one_of": _e("{key} must be one of {allowed:list}",
                            "{key} on oltava jokin seuraavista: {allowed:list}",
                            key="direction", allowed=["higher", "lower"]),
    "input.call.suggest": _e(lambda a, w: _hits(a, w).strip(),
                             lambda a, w: _hits(a, w).strip(), hits=["linear"]),
    "input.call.lower_upper": _e("lower must be below upper",
                                 "lower on oltava pienempi kuin upper"),
    "input.call.log_lower": _e("a log scale needs lower > 0",
                               "logaritminen asteikko vaatii, että lower > 0"),
    "input.call.weight": _e("weight must not be negative", "weight ei saa olla negatiivinen"),
}

def _feature(a: Mapping[str, Any], w: Words) -> str:
    """'feature 3' or 'feature 3 (Uusimaa)'."""
    text = f"{'kohde' if w.lang == 'fi' else 'feature'} {a['index']}"
    return f"{text} ({a['region']})" if a.get("region") else text


_WHERE = {"where": Message.of("input.geo.feature", index=3)}

# --- boundary files (GeoJSON) -----------------------------------------------------------
GEO: Mapping[str, Mapping[str, Any]] = {
    "input.geo.feature": _e(_feature, _feature, index=3, region="Uusimaa"),
    "input.geo.hint": _e(
        "Export the boundaries as GeoJSON in WGS-84 (lon/lat), e.g. with QGIS or ogr2ogr",
        "Vie rajat GeoJSON-muodossa WGS-84-koordinaatistossa (lon/lat), esim. QGISillä tai "
        "ogr2ogr-ohjelmalla"),
    "input.geo.not_found": _e("boundary file not found", "aluerajatiedostoa ei löydy"),
    "input.geo.utf8_hint": _e("Save the GeoJSON file as UTF-8",
                              "Tallenna GeoJSON-tiedosto UTF-8-merkistössä"),
    "input.geo.too_large": _e(
        lambda a, w: f"the file is {a['size'] / _MB:,.1f} MB, more than the {a['limit']} MB "
        "the tool reads from a boundary file",
        lambda a, w: f"tiedosto on {w.num(a['size'] / _MB, 1)} MB, enemmän kuin työkalun "
        f"aluerajatiedostosta lukemat {a['limit']} MB", size=62_000_000, limit=50),
    "input.geo.too_large.hint": _e(
        "Simplify the geometry (regions need no more detail than 1:1M), e.g. with mapshaper "
        "or ogr2ogr -simplify",
        "Yksinkertaista geometriaa (maakunnat eivät tarvitse 1:1M tarkempaa), esim. "
        "mapshaperilla tai ogr2ogr -simplify"),
    "input.geo.not_json": _e("not a JSON file: {reason} (line {line}, column {column})",
                             "ei JSON-tiedosto: {reason} (rivi {line}, sarake {column})",
                             reason="Expecting ','", line=3, column=14),
    "input.geo.too_deep": _e("not a usable JSON file: nested too deeply",
                             "käyttökelvoton JSON-tiedosto: liian syvä sisäkkäisyys"),
    "input.geo.not_collection": _e("not a GeoJSON FeatureCollection",
                                   "ei GeoJSON FeatureCollection -kokoelma"),
    "input.geo.not_collection.hint": _e(
        "The file must be an object with \"type\": \"FeatureCollection\" and a list of "
        "\"features\", one per region",
        "Tiedoston on oltava olio, jossa on \"type\": \"FeatureCollection\" ja luettelo "
        "\"features\", yksi kutakin maakuntaa kohden"),
    "input.geo.no_features": _e("the FeatureCollection has no features",
                                "FeatureCollection-kokoelmassa ei ole kohteita"),
    "input.geo.no_features.hint": _e("Give one Polygon or MultiPolygon feature per region",
                                     "Anna yksi Polygon- tai MultiPolygon-kohde kutakin "
                                     "maakuntaa kohden"),
    "input.geo.not_feature": _e("{where:msg} is not a GeoJSON Feature",
                                "{where:msg} ei ole GeoJSON Feature -kohde", **_WHERE),
    "input.geo.not_region": _e("{where:msg}, property {key!r}: not a region of Finland",
                               "{where:msg}, ominaisuus {key!r}: ei Suomen maakunta",
                               key="region_fi", **_WHERE),
    "input.geo.did_you_mean": _e(lambda a, w: _hits(a, w).strip(),
                                 lambda a, w: _hits(a, w).strip(), hits=["Uusimaa"]),
    "input.geo.regions": _e("The regions are {regions:list}", "Maakunnat ovat {regions:list}",
                            regions=["Uusimaa", "Varsinais-Suomi"]),
    "input.geo.no_region": _e("{where:msg} names no region",
                              "{where:msg} ei nimeä maakuntaa", **_WHERE),
    "input.geo.no_region.hint": _e(
        "Give each feature a property 'region_fi' (e.g. \"Pohjois-Pohjanmaa\"), "
        "'region_code' (e.g. \"17\") or 'name'",
        "Anna jokaiselle kohteelle ominaisuus 'region_fi' (esim. \"Pohjois-Pohjanmaa\"), "
        "'region_code' (esim. \"17\") tai 'name'"),
    "input.geo.no_code": _e("{where:msg}, property 'region_code': no region has this code",
                            "{where:msg}, ominaisuus 'region_code': millään maakunnalla ei "
                            "ole tätä koodia", **_WHERE),
    "input.geo.codes": _e("Region codes are two digits: {codes:list}",
                          "Maakuntakoodit ovat kaksinumeroisia: {codes:list}",
                          codes=["01", "02"]),
    "input.geo.no_geometry": _e("{where:msg} has no usable geometry",
                                "{where:msg}: ei käyttökelpoista geometriaa",
                                **_WHERE),
    "input.geo.no_geometry.hint": _e("Each feature needs a Polygon or MultiPolygon geometry",
                                     "Jokainen kohde tarvitsee Polygon- tai "
                                     "MultiPolygon-geometrian"),
    "input.geo.projected": _e(
        "{where:msg}: the coordinates are not longitude and latitude (a projected file?)",
        "{where:msg}: koordinaatit eivät ole pituus- ja leveysasteita (projisoitu "
        "tiedosto?)", **_WHERE),
    "input.geo.projected.hint": _e(
        "Reproject the file to WGS-84, e.g. ogr2ogr -t_srs EPSG:4326",
        "Muunna tiedosto WGS-84-koordinaatistoon, esim. ogr2ogr -t_srs EPSG:4326"),
    "input.geo.coordinates": _e(
        "{where:msg}: the {kind} coordinates are not rings of [lon, lat] points",
        "{where:msg}: {kind}-koordinaatit eivät ole [lon, lat]-pisteiden renkaita",
        kind="Polygon", **_WHERE),
    "input.geo.coordinates.hint": _e(
        "A ring is a list of at least 4 [lon, lat] pairs, the last equal to the first",
        "Rengas on vähintään neljän [lon, lat]-parin luettelo, jonka viimeinen on sama kuin "
        "ensimmäinen"),
}

# --- the round folder and its links file ------------------------------------------------
FOLDER: Mapping[str, Mapping[str, Any]] = {
    "input.round.not_found": _e("round folder not found", "hakukansiota ei löydy"),
    "input.round.not_found.hint": _e("Give the folder that holds {stem}.csv",
                                     "Anna kansio, jossa {stem}.csv on", stem="hakemukset"),
    "input.round.no_applications": _e(
        "no {stem}.csv or {stem}.xlsx in the round folder",
        "hakukansiossa ei ole tiedostoa {stem}.csv tai {stem}.xlsx", stem="hakemukset"),
    "input.round.no_applications.hint": _e(
        "A round needs at least {stem}.csv with {columns:list}",
        "Haku tarvitsee vähintään tiedoston {stem}.csv sarakkeineen {columns:list}",
        stem="hakemukset", columns=["tunnus", "hakija", "haettu"]),
    "input.round.empty": _e(
        "there are no applications: the file has a header but no rows below it",
        "hakemuksia ei ole: tiedostossa on otsikkorivi, mutta sen alla ei ole rivejä"),
    "input.round.empty.hint": _e(
        "Add one row per application: {columns:list}",
        "Lisää yksi rivi kutakin hakemusta kohden: {columns:list}",
        columns=["tunnus", "hakija", "haettu"]),
    "input.round.unresolved": _e(
        "{name!r} of application {id} matches no municipality; it is not counted as one",
        "hakemuksen {id} osapuoli {name!r} ei vastaa mitään kuntaa; sitä ei lasketa kunnaksi",
        name="Seutukuntayhtymä", id="2020-07"),
    "input.round.unresolved.hint": _e("Add participants.csv to give its kind and owner",
                                      "Lisää participants.csv, jossa on sen laji ja omistaja"),
    "input.links.unknown_column": _e("unknown column; the columns are {columns:list}{hits:suggest}",
                                     "tuntematon sarake; sarakkeet ovat {columns:list}"
                                     "{hits:suggest}", columns=["kind", "ids"], hits=["ids"]),
    "input.links.missing_column": _e("missing column", "sarake puuttuu"),
    "input.links.kind": _e("not one of {kinds:list}{hits:suggest}",
                           "ei mikään seuraavista: {kinds:list}{hits:suggest}",
                           kinds=["requires", "excludes"], hits=["excludes"]),
    "input.links.no_id": _e("no application id", "hakemustunnus puuttuu"),
    "input.links.no_id.hint": _e('give ids separated by ";", e.g. 2020-40; 2020-41',
                                 'anna tunnukset puolipisteellä erotettuina, esim. 2020-40; '
                                 '2020-41'),
    "input.links.unknown_id": _e("{name!r} is not an application of the round{hits:suggest}",
                                 "{name!r} ei ole haun hakemus{hits:suggest}",
                                 name="2020-4", hits=["2020-04"]),
    "input.links.bonus": _e("not a number of score points", "ei ole pistemäärä"),
    "input.links.bonus.hint": _e("e.g. 0.05", "esim. 0,05"),
}

def _score_of(a: Mapping[str, Any], fi: bool) -> str:
    """"criterion 'c' of application 'a'" ("kriteeri 'c', hakemus 'a'"), or "the criterion"."""
    crit, app = a.get("criterion"), a.get("application")
    if fi:
        what = f"kriteeri {crit!r}" if crit else "kriteeri"
        return what + (f", hakemus {app!r}" if app else "")
    what = f"criterion {crit!r}" if crit else "the criterion"
    return what + (f" of application {app!r}" if app else "")


def _row_of(a: Mapping[str, Any], fi: bool) -> str:
    """"application 'a'" or "criterion 'c' of application 'a'" (a row of a sheet)."""
    if a.get("criterion"):
        return _score_of(a, fi)
    return f"{'hakemus' if fi else 'application'} {a['application']!r}"


def _scored(en: str, fi: str) -> tuple[Any, Any]:
    """English and Finnish templates whose {what} is the score's criterion and application;
    {scale} is 'lo to hi' ('lo–hi')."""
    def said(template: str, is_fi: bool) -> Any:
        def text(a: Mapping[str, Any], w: Words) -> str:
            scale = (f"{general(a['lo'], w.lang)}–{general(a['hi'], w.lang)}" if is_fi
                     else f"{a['lo']:g} to {a['hi']:g}") if a.get("lo") is not None else ""
            rest = {k: v.text(w.lang) if isinstance(v, Message) else v
                    for k, v in a.items() if k not in ("lo", "hi")}
            return template.format(what=_score_of(a, is_fi), scale=scale, **rest)
        return text
    return said(en, False), said(fi, True)


_SCORE = {"criterion": "vaikuttavuus", "application": "2020-01", "lo": 0.0, "hi": 5.0}


def _evaluator(a: Mapping[str, Any], w: Words) -> str:
    """' for evaluator 'A'' when the sheet has several evaluators."""
    if not a.get("evaluator"):
        return ""
    return (f" arvioijalta {a['evaluator']!r}" if w.lang == "fi"
            else f" for evaluator {a['evaluator']!r}")


# --- scoring sheets -------------------------------------------------------------------
SHEETS: Mapping[str, Mapping[str, Any]] = {
    "input.sheet.no_criteria": _e(
        "the round's call.toml defines no criteria, so there is nothing to score",
        "haun call.toml ei määrittele arviointikriteerejä, joten pisteytettävää ei ole"),
    "input.sheet.no_criteria.hint": _e(
        "Add [[criteria]] tables (id, group, fi, en, scale), or use proxy scores",
        "Lisää [[criteria]]-taulukot (id, group, fi, en, scale) tai käytä korvaavia "
        "pistemääriä"),
    "input.sheet.no_id_column": _e("no {id!r} column", "sarake {id!r} puuttuu",
                                   id="hakemus_id"),
    "input.sheet.rename": _e("Rename {close!r} to {id!r}", "Nimeä {close!r} nimellä {id!r}",
                             close="tunnus", id="hakemus_id"),
    "input.sheet.first_row": _e(
        "The first row must name the columns: {id}, then criteria (wide) or {long:list} "
        "(long)",
        "Ensimmäisellä rivillä on sarakkeiden nimet: {id}, sitten kriteerit (leveä muoto) tai "
        "{long:list} (pitkä muoto)", id="hakemus_id", long=["kriteeri", "pisteet"]),
    "input.sheet.no_evaluator": _e("empty cell: no evaluator", "tyhjä solu: ei arvioijaa"),
    "input.sheet.no_evaluator.hint": _e(
        "Name the evaluator on every row, or on none (the sheet is then one evaluator's, "
        "named after the file)",
        "Nimeä arvioija joka rivillä tai ei yhdelläkään (lomake on silloin yhden arvioijan, "
        "nimetty tiedoston mukaan)"),
    "input.sheet.unknown_column": _e(
        lambda a, w: "unknown criterion column" if a["wide"] else "unknown column",
        lambda a, w: "tuntematon kriteerisarake" if a["wide"] else "tuntematon sarake",
        wide=True),
    "input.sheet.suggest": _e(lambda a, w: _hits(a, w).strip(),
                              lambda a, w: _hits(a, w).strip(), hits=["vaikuttavuus"]),
    "input.sheet.allowed": _e("Criteria are {criteria:list}; other allowed columns "
                              "{allowed:list}",
                              "Kriteerit ovat {criteria:list}; muut sallitut sarakkeet "
                              "{allowed:list}", criteria=["vaikuttavuus"],
                              allowed=["hakemus_id", "nimi"]),
    "input.sheet.no_criterion_column": _e("no column for criterion {id!r}",
                                          "kriteerille {id!r} ei ole saraketta",
                                          id="vaikuttavuus"),
    "input.sheet.no_criterion_column.hint": _e(
        "Add a column named {id!r} ({command} writes a sheet with every column)",
        "Lisää sarake nimeltä {id!r} ({command} kirjoittaa lomakkeen, jossa ovat kaikki "
        "sarakkeet)", id="vaikuttavuus", command="grantopt"),
    "input.sheet.no_app": _e("empty cell: no application id",
                             "tyhjä solu: ei hakemustunnusta"),
    "input.sheet.no_app.hint": _e("Every row needs the id of an application of the round",
                                  "Jokaisella rivillä on oltava haun hakemuksen tunnus"),
    "input.sheet.unknown_app": _e("unknown application id", "tuntematon hakemustunnus"),
    "input.sheet.unknown_app.hint": _e("Use the ids of the round's applications.csv",
                                       "Käytä haun hakemustiedoston tunnuksia"),
    "input.sheet.no_criterion": _e("empty cell: no criterion", "tyhjä solu: ei kriteeriä"),
    "input.sheet.criteria": _e("Criteria are {criteria:list}", "Kriteerit ovat {criteria:list}",
                               criteria=["vaikuttavuus", "yhteistyo"]),
    "input.sheet.unknown_criterion": _e("unknown criterion", "tuntematon kriteeri"),
    "input.score.empty": _e(*_scored("empty cell: no score for {what}",
                                     "tyhjä solu: ei pisteitä ({what})"), **_SCORE),
    "input.score.give": _e(*_scored("Give a score from {scale}", "Anna pisteet väliltä {scale}"),
                           **_SCORE),
    "input.score.formula": _e(*_scored("score for {what} is {problem}",
                                       "pisteet ({what}): {problem}"),
                              **_SCORE, problem=Message.of("input.formula.text")),
    "input.score.not_number": _e(*_scored("score for {what} is not a number",
                                          "pisteet ({what}) eivät ole luku"), **_SCORE),
    "input.score.give_number": _e(*_scored("Give a number from {scale}",
                                           "Anna luku väliltä {scale}"), **_SCORE),
    "input.score.give_any": _e("Give a number", "Anna luku"),
    "input.score.outside": _e(*_scored("score for {what} is outside the scale {scale}",
                                       "pisteet ({what}) ovat asteikon {scale} ulkopuolella"),
                              **_SCORE),
    "input.sheet.duplicate": _e(
        lambda a, w: f"duplicate row: {_row_of(a, False)} (evaluator {a['evaluator']!r}) "
        f"is already on row {a['row']}",
        lambda a, w: f"sama rivi kahdesti: {_row_of(a, True)} (arvioija "
        f"{a['evaluator']!r}) on jo rivillä {a['row']}",
        criterion="vaikuttavuus", application="2020-01", evaluator="Arvioija A", row=4),
    "input.sheet.duplicate.hint": _e(
        lambda a, w: "Keep one row per application" + (" and criterion" if a["long"] else "")
        + " for each evaluator",
        lambda a, w: "Pidä kullakin arvioijalla yksi rivi hakemusta"
        + (" ja kriteeriä" if a["long"] else "") + " kohden", long=True),
    "input.sheet.missing": _e(
        lambda a, w: f"{len(a['apps'])} application(s) missing from the sheet"
        f"{_evaluator(a, w)}: {', '.join(a['apps'])}",
        lambda a, w: f"lomakkeesta puuttuu {len(a['apps'])} hakemusta{_evaluator(a, w)}: "
        f"{', '.join(a['apps'])}", apps=["2020-01", "2020-02"], evaluator="Arvioija A"),
    "input.sheet.missing.hint": _e(
        "Every application of the round needs a score for every criterion; add a row for "
        "each",
        "Jokainen haun hakemus tarvitsee pisteet jokaisesta kriteeristä; lisää kullekin rivi"),
    "input.sheet.no_score": _e(
        lambda a, w: f"no score{_evaluator(a, w)} for "
        + ", ".join(f"{c} of {x}" for c, x in a["pairs"]),
        lambda a, w: f"pisteet puuttuvat{_evaluator(a, w)}: "
        + ", ".join(f"{c} ({x})" for c, x in a["pairs"]),
        pairs=[("vaikuttavuus", "2020-01")], evaluator=""),
    "input.sheet.no_score.hint": _e(
        "Add a row ({columns:list}) for each", "Lisää kullekin rivi ({columns:list})",
        columns=["hakemus_id", "kriteeri", "pisteet"]),
    "input.sheet.empty_scale": _e("criterion {id!r} has an empty scale",
                                  "kriteerin {id!r} asteikko on tyhjä", id="vaikuttavuus"),
    "input.sheet.empty_scale.hint": _e(
        "The scale is [lowest, highest] with lowest < highest",
        "Asteikko on [alin, ylin], jossa alin < ylin"),
}

def _lines(head_en: str, head_fi: str) -> tuple[Any, Any]:
    """A heading and its `problems` (messages), one per indented line."""
    def said(head: str) -> Any:
        def text(a: Mapping[str, Any], w: Words) -> str:
            return head + "".join(f"\n  {m.text(w.lang)}" for m in a["problems"])
        return text
    return said(head_en), said(head_fi)


def _joined(a: Mapping[str, Any], w: Words) -> str:
    """Messages joined by '; ' (several problems of one option)."""
    return "; ".join(m.text(w.lang) for m in a["problems"])


_INDICATORS = ["asukasluku", "kunnat"]

# --- scores: proxies, weights, combining sheets ------------------------------------------
SCORING: Mapping[str, Mapping[str, Any]] = {
    "scenario.indicator.unknown": _e(
        "unknown indicator {name!r}.{hits:suggest} Built-in indicators: {indicators:list}",
        "tuntematon mittari {name!r}.{hits:suggest} Valmiit mittarit: {indicators:list}",
        name="asukasluk", hits=["asukasluku"], indicators=_INDICATORS),
    "input.proxy.problem": _e("proxy {id!r}: {problem:msg}", "mittari {id!r}: {problem:msg}",
                              id="vaesto", problem=Message.of("input.proxy.duplicate")),
    "input.proxy.duplicate": _e("duplicate proxy id", "sama mittarin tunnus kahdesti"),
    "input.proxy.duplicate.hint": _e("Give each proxy its own id",
                                     "Anna kullekin mittarille oma tunnus"),
    "input.proxy.indicator": _e("unknown indicator", "tuntematon mittari"),
    "input.proxy.indicator.hint": _e(
        lambda a, w: (_hits(a, w).strip() + " " if a["hits"] else "")
        + f"Built-in indicators: {', '.join(a['indicators'])}",
        lambda a, w: (_hits(a, w).strip() + " " if a["hits"] else "")
        + f"Valmiit mittarit: {', '.join(a['indicators'])}",
        hits=["asukasluku"], indicators=_INDICATORS),
    "input.proxy.scale": _e("unknown scale", "tuntematon asteikko"),
    "input.proxy.scale.hint": _e("Use 'linear' or 'log'", "Käytä arvoa 'linear' tai 'log'"),
    "input.proxy.direction": _e("unknown direction", "tuntematon suunta"),
    "input.proxy.direction.hint": _e(
        "Use 'higher' (more is better) or 'lower' (less is better)",
        "Käytä arvoa 'higher' (enemmän on parempi) tai 'lower' (vähemmän on parempi)"),
    "input.proxy.bounds": _e("lower must be a number below upper",
                             "lower on oltava lukua upper pienempi luku"),
    "input.proxy.bounds.hint": _e("Set lower < upper: the raw values that normalise to 0 and 1",
                                  "Aseta lower < upper: raaka-arvot, jotka normitetaan arvoiksi "
                                  "0 ja 1"),
    "input.proxy.log": _e("a log scale needs lower > 0",
                          "logaritminen asteikko vaatii, että lower > 0"),
    "input.proxy.log.hint": _e("Set lower to the smallest meaningful positive value, e.g. 1",
                               "Aseta lower pienimmäksi mielekkääksi positiiviseksi arvoksi, "
                               "esim. 1"),
    "input.proxy.weight": _e("weight must be a number, 0 or more",
                             "weight on oltava luku, 0 tai enemmän"),
    "input.proxy.weight.hint": _e("0 leaves the proxy out of the score",
                                  "0 jättää mittarin pois pistemäärästä"),
    "input.proxy.none": _e("the round's call.toml defines no proxy indicators",
                           "haun call.toml ei määrittele välillisiä mittareita"),
    "input.proxy.none.hint": _e(
        "Add [[proxies]] tables ({keys:list}), see docs/scoring.md, or score with a scoring "
        "sheet",
        "Lisää [[proxies]]-taulukot ({keys:list}), katso docs/scoring.md, tai pisteytä "
        "arviointilomakkeella", keys=["id", "indicator", "scale"]),
    "scenario.proxy.unknown": _e("unknown proxy {id!r}.{hits:suggest}",
                                 "tuntematon mittari {id!r}.{hits:suggest}", id="vaesto",
                                 hits=["vaestö"]),
    "scenario.proxy.unknown_all": _e(
        lambda a, w: "; ".join(m.text(w.lang) for m in a["problems"])
        + f" Proxies of the round: {', '.join(a['ids'])}",
        lambda a, w: "; ".join(m.text(w.lang) for m in a["problems"])
        + f" Haun mittarit: {', '.join(a['ids'])}",
        problems=[Message.of("scenario.proxy.unknown", id="vaesto", hits=[])],
        ids=["asukkaat"]),
    "scenario.proxy.none": _e("no proxy indicators chosen", "välillisiä mittareita ei valittu"),
    "input.proxy.no_profile": _e(
        "no register profile for {count} application(s): {ids:list}",
        "{count} hakemukselta puuttuu rekisteritieto: {ids:list}", count=2,
        ids=["2020-01", "2020-02"]),
    "input.proxy.no_profile.hint": _e(
        "Proxy indicators need each application's participants and municipalities",
        "Välilliset mittarit tarvitsevat kunkin hakemuksen osapuolet ja kunnat"),
    "scenario.aggregate.unknown": _e("unknown aggregation method {method!r}. Use one of "
                                     "{methods:list}",
                                     "tuntematon yhdistämistapa {method!r}. Käytä jotakin "
                                     "seuraavista: {methods:list}", method="keskiarvo",
                                     methods=["mean", "median"]),
    "scenario.combine.problems": _e(_joined, _joined,
                                    problems=[Message.of("scenario.combine.trim", trim=0.6)]),
    "scenario.combine.method": _e("unknown method {method!r}.{hits:suggest} Use one of "
                                  "{methods:list}",
                                  "tuntematon tapa {method!r}.{hits:suggest} Käytä jotakin "
                                  "seuraavista: {methods:list}", method="mediaani",
                                  hits=["median"], methods=["mean", "median"]),
    "scenario.combine.trim": _e("trim must be at least 0 and below 0.5 (value: {trim!r})",
                                "trim on oltava vähintään 0 ja alle 0,5 (arvo: {trim!r})",
                                trim=0.6),
    "scenario.combine.spread": _e("spread must be 0 or more scale points (value: {spread!r})",
                                  "spread on oltava 0 tai enemmän asteikon pistettä (arvo: "
                                  "{spread!r})", spread=-1.0),
    "scenario.combine.no_sheets": _e("combine needs at least one scoring sheet",
                                     "yhdistäminen tarvitsee vähintään yhden "
                                     "arviointilomakkeen"),
    "input.combine.evaluator": _e("evaluator {name!r} also appears in {file}",
                                  "arvioija {name!r} on myös tiedostossa {file}",
                                  name="Arvioija A", file="lomake2.csv"),
    "input.combine.evaluator.hint": _e(
        "Give each evaluator one sheet, or name them in an 'evaluator' column (a sheet "
        "without one is named after its file)",
        "Anna kullekin arvioijalle yksi lomake tai nimeä arvioijat sarakkeessa 'evaluator' "
        "(lomake ilman sitä nimetään tiedoston mukaan)"),
    "input.sheet.not_found": _e("scoring sheet not found", "arviointilomaketta ei löydy"),
    "input.sheet.not_found.hint": _e(
        "Give 'proxy' or the path of a scoring sheet: absolute, relative to the scenario file "
        "or to the round folder; `{command}` writes one to fill in",
        "Anna 'proxy' tai arviointilomakkeen polku: absoluuttinen tai suhteessa "
        "skenaariotiedostoon tai hakukansioon; `{command}` kirjoittaa täytettävän lomakkeen",
        command="grantopt"),
    "scenario.weights.problems": _e(*_lines("Scoring weights:", "Pisteytyksen painot:"),
                                    problems=[Message.of("scenario.weights.zero")]),
    "scenario.weights.default_zero": _e(
        "Scoring weights: the default weights are all zero. Give at least one criterion a "
        "positive weight",
        "Pisteytyksen painot: oletuspainot ovat kaikki nollia. Anna ainakin yhdelle "
        "kriteerille positiivinen paino"),
    "scenario.weights.zero": _e(
        "the weights are all zero. Give at least one criterion a positive weight",
        "painot ovat kaikki nollia. Anna ainakin yhdelle kriteerille positiivinen paino"),
    "scenario.weights.not_number": _e(
        "weight {key!r} is not a number (value: {value!r}). Give a number such as 0.25",
        "paino {key!r} ei ole luku (arvo: {value!r}). Anna luku, esim. 0,25",
        key="vaikuttavuus", value="paljon"),
    "scenario.weights.negative": _e(
        "weight {key!r} is negative (value: {value!r}). Weights must be 0 or more; 0 leaves "
        "a criterion out",
        "paino {key!r} on negatiivinen (arvo: {value!r}). Painojen on oltava 0 tai enemmän; "
        "0 jättää kriteerin pois", key="vaikuttavuus", value=-0.2),
    "scenario.weights.unknown": _e(
        lambda a, w: f"unknown weight key {a['key']!r}.{_hits(a, w)} Valid keys: the "
        f"criteria {', '.join(a['criteria'])}"
        + (f"; the groups {', '.join(a['groups'])}" if a["groups"] else ""),
        lambda a, w: f"tuntematon painon avain {a['key']!r}.{_hits(a, w)} Sallitut avaimet: "
        f"kriteerit {', '.join(a['criteria'])}"
        + (f"; ryhmät {', '.join(a['groups'])}" if a["groups"] else ""),
        key="vaikutus", hits=["vaikuttavuus"], criteria=["vaikuttavuus", "yhteistyo"],
        groups=["laatu"]),
    "scenario.weights.group_all": _e(
        "group {group!r} has weight {total:g}, but all its criteria are given individually "
        "and add up to {taken:g}. Give the group or its criteria, not both",
        "ryhmän {group!r} paino on {total:g}, mutta kaikki sen kriteerit on annettu erikseen "
        "ja niiden summa on {taken:g}. Anna ryhmä tai sen kriteerit, ei molempia",
        group="laatu", total=0.5, taken=0.4),
    "scenario.weights.group_over": _e(
        "criteria of group {group!r} given individually add up to {taken:g}, more than the "
        "group's weight {total:g}. The group weight is the group's total: raise it, or lower "
        "{individual:list}",
        "ryhmän {group!r} erikseen annettujen kriteerien summa on {taken:g}, enemmän kuin "
        "ryhmän paino {total:g}. Ryhmän paino on ryhmän kokonaismäärä: nosta sitä tai laske "
        "painoja {individual:list}", group="laatu", taken=0.6, total=0.5,
        individual=["vaikuttavuus"]),
    "scenario.weights.over_one": _e(
        "the weights given add up to {total:g}, more than 1, while {unset:list} have none. "
        "Give those a weight too (0 leaves a criterion out), or make the given weights add "
        "up to at most 1",
        "annettujen painojen summa on {total:g}, enemmän kuin 1, ja kriteereillä "
        "{unset:list} ei ole painoa. Anna niillekin paino (0 jättää kriteerin pois) tai "
        "tee annettujen painojen summaksi enintään 1", total=1.2, unset=["yhteistyo"]),
}

def _pb_at(a: Mapping[str, Any], w: Words) -> str:
    """'section PROJECTS, line 12: <problem>' ('osio PROJECTS, rivi 12: ...')."""
    fi = w.lang == "fi"
    parts = [f"{'osio' if fi else 'section'} {a['section']}" if a["section"] else "",
             f"{'rivi' if fi else 'line'} {a['line']}" if a["line"] else ""]
    where = ", ".join(p for p in parts if p)
    said = a["problem"].text(w.lang)
    return f"{where}: {said}" if where else said


def _ballots_break(a: Mapping[str, Any], w: Words) -> str:
    """'3 ballots break max_length (voter v12, line 40; ...); they are counted as cast'."""
    fi = w.lang == "fi"
    shown = "; ".join(f"{'äänestäjä' if fi else 'voter'} {voter}, {'rivi' if fi else 'line'} "
                      f"{line}" for voter, line in a["first"])
    more = ", …" if a["count"] > len(a["first"]) and shown else ""
    where = f" ({shown}{more})" if shown else ""
    if fi:
        return (f"{a['count']} äänestyslippua rikkoo rajaa {a['key']}{where}; ne lasketaan "
                "sellaisinaan")
    ballots = "ballot breaks" if a["count"] == 1 else "ballots break"
    return f"{a['count']} {ballots} {a['key']}{where}; they are counted as cast"


def _threshold_note(a: Mapping[str, Any], w: Words) -> str:
    """The threshold, and how many projects it puts out of scope where that is known."""
    level = w.num(a["threshold"], 2 if a["threshold"] % 1 else 0)
    if w.lang == "fi":
        out = (f" ({w.count(a['below'], 'project')} rajautuu pois)"
               if a.get("below") else "")
        return (f"hanketta, jonka pistemäärä on alle {level} ({a['key']}), ei voi valita: se "
                f"ei kuulu haun piiriin{out}")
    out = f" ({a['below']} {'project' if a['below'] == 1 else 'projects'} out)" if a.get(
        "below") else ""
    return (f"a project scoring below {level} ({a['key']}) may not be selected: it is out of "
            f"scope{out}")


def _cost_outside(a: Mapping[str, Any], w: Words) -> str:
    """The projects outside the file's cost range, and the bounds it gives."""
    bounds = ", ".join(f"{key} {a[k]}" for key, k in (("min_project_cost", "low"),
                                                      ("max_project_cost", "high")) if a[k])
    shown = list(a["ids"][:10])
    ids = joined(shown, "and", w.lang) + (f" … ({len(a['ids'])})" if len(a["ids"]) > 10
                                          else "")
    one = len(a["ids"]) == 1
    if w.lang == "fi":
        return (f"{'hankkeen' if one else 'hankkeiden'} {ids} kustannus on tiedoston "
                f"hankekohtaisen välin ulkopuolella ({bounds}); "
                f"{'se pidetään rahoituskelpoisena' if one else 'ne pidetään rahoituskelpoisina'}")
    return (f"{'project' if one else 'projects'} {ids} {'costs' if one else 'cost'} outside "
            f"the file's range for a project ({bounds}); kept as fundable")


# --- pabulib .pb files --------------------------------------------------------------------
PABULIB: Mapping[str, Mapping[str, Any]] = {
    "input.pb.at": _e(_pb_at, _pb_at, section="META", line=4,
                      problem=Message.of("input.pb.no_budget")),
    "input.pb.second": _e("a second {section} section (the first is on line {first})",
                          "toinen {section}-osio (ensimmäinen on rivillä {first})",
                          section="META", first=1),
    "input.pb.sections": _e(lambda a, w: "A file has one " + ", one ".join(a["sections"][:-1])
                            + f" and one {a['sections'][-1]} section",
                            lambda a, w: "Tiedostossa on yksi osio kutakin: "
                            + joined(list(a["sections"]), "and", "fi"),
                            sections=["META", "VOTES"]),
    "input.pb.before_meta": _e("text before the {meta} section",
                               "tekstiä ennen {meta}-osiota", meta="META"),
    "input.pb.before_meta.hint": _e("A .pb file starts with a line {meta}",
                                    ".pb-tiedosto alkaa rivillä {meta}", meta="META"),
    "input.pb.no_section": _e("the file has no {section} section (it ends at line {last})",
                              "tiedostossa ei ole {section}-osiota (se päättyy riville "
                              "{last})", section="VOTES", last=120),
    "input.pb.no_section.hint": _e(
        lambda a, w: "A .pb file has the sections "
        + joined(list(a["sections"]), "and", "en") + ", each on a line of its own",
        lambda a, w: ".pb-tiedostossa ovat osiot "
        + joined(list(a["sections"]), "and", "fi") + ", kukin omalla rivillään",
        sections=["META", "VOTES"]),
    "input.pb.no_header": _e("the section has no header row", "osiossa ei ole otsikkoriviä"),
    "input.pb.no_header.hint": _e("Write the header ({columns};...) on the next line",
                                  "Kirjoita otsikkorivi ({columns};...) seuraavalle riville",
                                  columns="voter_id;vote"),
    "input.pb.no_column": _e("the header has no column {column!r}",
                             "otsikkorivillä ei ole saraketta {column!r}", column="cost"),
    "input.pb.column_twice": _e("the header names column {column!r} twice",
                                "otsikkorivillä on sarake {column!r} kahdesti", column="cost"),
    "input.pb.fields": _e("the row has {fields} fields, the header {width}",
                          "rivillä on {fields} kenttää, otsikkorivillä {width}",
                          fields=4, width=3),
    "input.pb.fields.hint": _e("Separate fields with ';' and quote a field that holds one",
                               "Erota kentät merkillä ';' ja lainaa kenttä, jossa se on"),
    "input.pb.key_twice": _e("the key {key!r} is given twice (also on line {other})",
                             "avain {key!r} annetaan kahdesti (myös rivillä {other})",
                             key="unit", other=3),
    "input.pb.no_budget": _e("no budget", "määräraha puuttuu"),
    "input.pb.no_budget.hint": _e("Add a row {key};AMOUNT", "Lisää rivi {key};SUMMA",
                                  key="kokonaissumma"),
    "input.pb.budget": _e("the budget is not a number above 0",
                          "määräraha ei ole nollaa suurempi luku"),
    "input.pb.budget.hint": _e("Write e.g. {key};804828.79", "Kirjoita esim. {key};804828.79",
                               key="kokonaissumma"),
    "input.pb.no_vote_type": _e("no vote_type", "vote_type puuttuu"),
    "input.pb.no_vote_type.hint": _e("Add a row vote_type;TYPE ({types:list})",
                                     "Lisää rivi vote_type;TYYPPI ({types:list})",
                                     types=["approval", "cumulative"]),
    "input.pb.vote_type": _e("unknown vote_type", "tuntematon vote_type"),
    "input.pb.vote_type.hint": _e("Known: {types:list}", "Tunnetut: {types:list}",
                                  types=["approval", "cumulative"]),
    "input.pb.no_categories": _e("{key} without categories", "{key} ilman luokkia (categories)",
                                 key="budget_per_category"),
    "input.pb.no_categories.hint": _e("Add a row categories;NAME,NAME,... in the same order",
                                      "Lisää rivi categories;NIMI,NIMI,... samassa "
                                      "järjestyksessä"),
    "input.pb.cap_count": _e("{key} gives {amounts} amounts for {categories} categories",
                             "{key} antaa {amounts} summaa {categories} luokalle",
                             key="budget_per_category", amounts=2, categories=3),
    "input.pb.cap": _e("{key}: the amount of {name!r} is not a number of 0 or more",
                       "{key}: luokan {name!r} summa ei ole luku, 0 tai enemmän",
                       key="budget_per_category", name="liikunta"),
    "input.pb.no_id": _e("the project_id is empty", "project_id puuttuu"),
    "input.pb.id_twice": _e("project {id} is listed twice (also on line {other})",
                            "hanke {id} on luettelossa kahdesti (myös rivillä {other})",
                            id="12", other=8),
    "input.pb.cost": _e("the cost of project {id} is not a number above 0",
                        "hankkeen {id} kustannus ei ole nollaa suurempi luku", id="12"),
    "input.pb.cost.hint": _e("Write the cost as a number, e.g. 24700",
                             "Kirjoita kustannus lukuna, esim. 24700"),
    "input.pb.selected": _e("selected of project {id} is not 0 or 1",
                            "hankkeen {id} selected ei ole 0 tai 1", id="12"),
    "input.pb.voter_twice": _e("voter {voter} votes twice (also on line {other})",
                               "äänestäjä {voter} äänestää kahdesti (myös rivillä {other})",
                               voter="77", other=140),
    "input.pb.unlisted": _e("the ballot of voter {voter} names project {id}, which {section} "
                            "does not list",
                            "äänestäjän {voter} äänestyslippu nimeää hankkeen {id}, jota "
                            "{section}-osio ei luettele", voter="77", id="99",
                            section="HANKKEET"),
    "input.pb.ballot_twice": _e("the ballot of voter {voter} names project {ids:list} twice",
                                "äänestäjän {voter} äänestyslippu nimeää hankkeen {ids:list} "
                                "kahdesti", voter="77", ids=["12"]),
    "input.pb.points_count": _e("the ballot of voter {voter} gives {values} points for {count} "
                                "projects",
                                "äänestäjän {voter} äänestyslippu antaa {values} pistettä "
                                "{count} hankkeelle", voter="77", values=2, count=3),
    "input.pb.points": _e("the points of voter {voter} are not numbers of 0 or more",
                          "äänestäjän {voter} pisteet eivät ole lukuja, 0 tai enemmän",
                          voter="77"),
    "input.pb.points_large": _e("the points of voter {voter} are above {most:num}",
                                "äänestäjän {voter} pisteet ovat yli {most:num}",
                                voter="77", most=1e12),
    "input.pb.not_found.hint": _e("Give a pabulib .pb file", "Anna pabulib-muotoinen "
                                  ".pb-tiedosto"),
    "input.pb.too_large": _e("the file is larger than {mb} MB", "tiedosto on suurempi kuin "
                             "{mb} MB", mb=50),
    "input.pb.utf8_hint": _e("Save it as UTF-8 (pabulib files are UTF-8)",
                             "Tallenna se UTF-8-merkistössä (pabulib-tiedostot ovat UTF-8)"),
    "input.pb.cents.what": _e("the cost of project {id} has more than two decimals",
                              "hankkeen {id} kustannuksessa on yli kaksi desimaalia", id="12"),
    "input.pb.cents.hint": _e("Costs are amounts of money: write at most cents",
                              "Kustannukset ovat rahamääriä: kirjoita enintään sentit"),
    "input.pb.not_projects": _e(lambda a, w: f"applications {', '.join(a['ids'])} are not "
                                f"projects of {a['file']}",
                                lambda a, w: f"hakemukset {', '.join(a['ids'])} eivät ole "
                                f"tiedoston {a['file']} hankkeita",
                                ids=["12", "13"], file="poznan.pb"),
    "input.pb.not_projects.hint": _e(
        "The round's applications.csv no longer matches its .pb file",
        "Haun hakemustiedosto ei enää vastaa sen .pb-tiedostoa"),
    "input.pb.not_imported": _e(
        "the round was not imported from a pabulib file: its call.toml has no [source] with "
        "format = \"pabulib\" and file",
        "hakua ei tuotu pabulib-tiedostosta: sen call.toml-tiedostossa ei ole [source]-osiota, "
        "jossa on format = \"pabulib\" ja file"),
    "input.pb.not_imported.hint": _e("Import the .pb file with {command}",
                                     "Tuo .pb-tiedosto komennolla {command}",
                                     command="grantopt import pabulib"),
    "input.pb.missing": _e("the pabulib file named in call.toml [source] is missing",
                           "call.toml-tiedoston [source]-osiossa nimettyä pabulib-tiedostoa "
                           "ei löydy"),
    "input.pb.missing.hint": _e("Import the .pb file again", "Tuo .pb-tiedosto uudelleen"),
    # --- pabulib META (P2) ---
    "input.pb.no_neighbourhoods": _e("{key} without neighborhoods",
                                     "{key} ilman kaupunginosia (neighborhoods)",
                                     key="budget_per_neighborhood"),
    "input.pb.no_neighbourhoods.hint": _e(
        "Add a row neighborhoods;NAME,NAME,... in the same order",
        "Lisää rivi neighborhoods;NIMI,NIMI,... samassa järjestyksessä"),
    "input.pb.place_cap_count": _e("{key} gives {amounts} amounts for {categories} "
                                   "neighbourhoods",
                                   "{key} antaa {amounts} summaa {categories} kaupunginosalle",
                                   key="budget_per_neighborhood", amounts=2, categories=3),
    "input.pb.threshold": _e("{key} is not a number of 0 or more",
                             "{key} ei ole luku, 0 tai enemmän",
                             key="min_project_score_threshold"),
    "input.pb.neighbourhood": _e("{name} (neighbourhood)", "{name} (kaupunginosa)",
                                 name="Centrum"),
    "input.pb.threshold_scope": _e(
        "a score below the file's threshold of {threshold:num} ({key}): the city may not "
        "select the project",
        "pistemäärä alle tiedoston kynnyksen {threshold:num} ({key}): kaupunki ei voi valita "
        "hanketta", threshold=300, key="min_project_score_threshold"),
    "input.pb.note.not_read": _e(
        "not read from the file's META: {keys:list} (neither the optimum nor the tables "
        "apply them)",
        "tiedoston META-osiosta ei lueta: {keys:list} (optimi ja taulukot eivät sovella "
        "niitä)", keys=["scoring_fn", "default_score"]),
    "input.pb.note.ballot_limits": _e(
        "ballot limits {keys:list}: they limit each ballot, not the selection; the ballots "
        "are checked against them, the optimum is not capped by them",
        "äänestyslipun rajat {keys:list}: ne rajaavat kutakin äänestyslippua eivätkä "
        "valintaa; äänet tarkistetaan niitä vasten, optimia ne eivät rajaa",
        keys=["max_length", "max_sum_cost"]),
    "input.pb.note.ballots_break": _e(_ballots_break, _ballots_break, key="max_length",
                                      count=3, first=[["v12", 40], ["v13", 41]]),
    "input.pb.note.threshold": _e(_threshold_note, _threshold_note,
                                  key="min_project_score_threshold", threshold=300, below=4),
    "input.pb.note.cost_outside": _e(_cost_outside, _cost_outside, ids=["12", "40"],
                                     low="5000", high="100000"),
    "input.pb.note.neighbourhoods": _e(
        "{count} neighbourhood caps ({key}) bind the utilitarian optimum, each neighbourhood a "
        "target area named {prefix}NAME",
        "{count} kaupunginosakohtaista enimmäismäärää ({key}) rajaa utilitaristista optimia; "
        "kukin kaupunginosa on avustuksen kohde {prefix}NIMI", count=4,
        key="budget_per_neighborhood", prefix="neighbourhood:"),
}

# --- where outputs may go; drawn (synthetic) rounds; score templates ----------------------
OUTPUTS: Mapping[str, Mapping[str, Any]] = {
    "output.target.file": _e("--out {target}: that is a file, not a folder; give a folder (new, "
                             "or one that holds an earlier result)",
                             "--out {target}: se on tiedosto eikä kansio; anna kansio (uusi "
                             "tai sellainen, jossa on aiempi tulos)", target="tulos.csv"),
    "output.target.inputs": _e(
        "--out {target}: that folder holds your input files ({path}); outputs replace the "
        "whole folder, so choose another one (e.g. out/), even with --force; nothing was "
        "written",
        "--out {target}: kansiossa ovat syötetiedostosi ({path}); tulokset korvaavat koko "
        "kansion, joten valitse toinen (esim. out/), myös --force-valitsimella; mitään ei "
        "kirjoitettu", target="haku2020", path="haku2020/hakemukset.csv"),
    "output.file.input": _e(
        lambda a, w: f"{a['target']} {'is' if a['is_input'] else 'would go into'} one of your "
        f"inputs ({a['path']}); write it elsewhere, even with --force; nothing was written",
        lambda a, w: f"{a['target']} {'on' if a['is_input'] else 'menisi kansioon, jossa on'} "
        f"yksi syötteistäsi ({a['path']}); kirjoita se muualle, myös --force-valitsimella; "
        "mitään ei kirjoitettu",
        target="haku2020/tulos.csv", is_input=False, path="haku2020"),
    "output.file.folder": _e("{target} is a folder; give a file name",
                             "{target} on kansio; anna tiedoston nimi", target="tulokset"),
    "output.file.exists": _e("{target} exists; add --force to replace it, or choose another "
                             "name; nothing was written",
                             "{target} on jo olemassa; lisää --force korvataksesi sen tai "
                             "valitse toinen nimi; mitään ei kirjoitettu",
                             target="tulos.csv"),
    "output.target.foreign": _e(
        "--out {target}: the folder holds files grantopt did not write ({shown}); choose a new "
        "or empty folder, even with --force; nothing was written",
        "--out {target}: kansiossa on tiedostoja, joita grantopt ei kirjoittanut ({shown}); "
        "valitse uusi tai tyhjä kansio, myös --force-valitsimella; mitään ei kirjoitettu",
        target="tulokset", shown="muistio.txt"),
    "output.target.earlier": _e(
        "--out {target}: the folder holds an earlier result; add --force to replace it, or "
        "choose another folder; nothing was written",
        "--out {target}: kansiossa on aiempi tulos; lisää --force korvataksesi sen tai valitse "
        "toinen kansio; mitään ei kirjoitettu", target="tulokset"),
    "output.target.locked": _e(
        "--out {target}: another grantopt run is writing that folder right now; wait for it, "
        "or choose another folder",
        "--out {target}: toinen grantopt-ajo kirjoittaa kansioon juuri nyt; odota sitä tai "
        "valitse toinen kansio", target="tulokset"),
    "input.synth.few": _e("a template round needs at least two applications",
                          "mallihaussa on oltava vähintään kaksi hakemusta"),
    "input.synth.appropriation": _e("the template round's call.toml has no appropriation_eur",
                                    "mallihaun call.toml-tiedostossa ei ole avainta "
                                    "appropriation_eur"),
    "input.synth.count": _e("the number of applications must be 1 to {most:num}",
                            "hakemusten määrän on oltava 1–{most:num}", most=1_000_000),
    "input.synth.criteria": _e("the template round's call.toml defines no criteria",
                               "mallihaun call.toml ei määrittele arviointikriteerejä"),
    "input.synth.too_large": _e(
        "{name} of {n:num} applications would be more than the {mb} MB the readers take from "
        "one file",
        "{n:num} hakemuksen {name} olisi suurempi kuin {mb} MB, jonka työkalu lukee yhdestä "
        "tiedostosta", name="hakemukset.csv", n=2_000_000, mb=50),
    "input.synth.too_large.hint": _e("Draw fewer applications", "Arvo vähemmän hakemuksia"),
    "scenario.template.suffix": _e("a template is .xlsx or .csv, not {name!r}",
                                   "lomakepohja on .xlsx tai .csv, ei {name!r}",
                                   name="pohja.txt"),
}

# ---------------------------------------------------------------------------------------
MESSAGES: Mapping[str, Mapping[str, Any]] = {
    **_PLACES, **FILES, **CELLS, **XLSX, **ROUND, **REGISTER, **CALL, **GEO, **FOLDER, **SHEETS,
    **SCORING, **PABULIB, **OUTPUTS,
    # --- issue 19: what `data check` finds in a links file as `run` does ------------------
    "input.links.bonus_range": _e("not between 0 and {most:g} score points",
                                  "ei ole 0–{most:g} pistettä", most=100.0),
    # --- issue 19: a .pb file named as a file of the round it becomes -------------------
    "input.pabulib.round_name": _e(
        "the file is named {name!r}, as a file of the round folder the import writes: its copy "
        "there would replace that file; nothing was written",
        "tiedoston nimi on {name!r}, sama kuin tuonnin kirjoittaman hakukierroksen kansion "
        "tiedoston: sen kopio korvaisi tiedoston; mitään ei kirjoitettu", name="call.toml"),
    "input.pabulib.round_name.hint": _e("Rename it, e.g. to {name!r}",
                                        "Nimeä se uudelleen, esim. {name!r}", name="call.pb"),
    "output.target.mount_point": _e(
        "--out {target}: that folder is a mount point (or otherwise in use), which cannot be "
        "replaced, and a result replaces its whole folder; write into a folder inside it, "
        "e.g. --out {target}/results; nothing was written",
        "--out {target}: kansio on liitospiste (tai muuten käytössä), eikä sitä voi korvata, "
        "ja tulos korvaa koko kansionsa; kirjoita kansioon sen sisällä, esim. --out "
        "{target}/tulokset; mitään ei kirjoitettu", target="/mnt/tulokset"),
}
