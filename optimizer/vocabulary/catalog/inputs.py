"""Problems in a user's input files (readers, scoring sheets, call.toml, boundaries): where
they are and what is wrong, in English and Finnish. Codes start with "input."; like the
scenario's, they may name a file's column or key, which the person edits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
        "the file is not UTF-8 (byte 0x{byte:02x} on line {line}{legacy})",
        "tiedosto ei ole UTF-8-merkistössä (tavu 0x{byte:02x} rivillä {line}{legacy})",
        byte=0xe4, line=3, legacy=""),
    "input.text.legacy": _e(", which reads {text!r} if the file is Windows-1252 (Latin-1)",
                            ", joka on {text!r}, jos tiedosto on Windows-1252 (Latin-1)",
                            text="Hämeenlinna"),
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

# ---------------------------------------------------------------------------------------
MESSAGES: Mapping[str, Mapping[str, Any]] = {**_PLACES, **FILES, **CELLS, **XLSX}
