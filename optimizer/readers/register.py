"""The municipality register: codes, Finnish and Swedish names, regions, population.

Municipality classification and population: Statistics Finland (2020).

Name resolution follows how names appear in real documents, and never guesses:

1. The text is normalised: Unicode NFC, case-folded, every kind of white space
   (no-break, thin, narrow no-break spaces included) collapsed to one space.
2. An exact register name (Finnish or Swedish) resolves, so a name that itself ends
   in an organisation-like word (Kristiinankaupunki, "Pedersören kunta") is found
   before anything is stripped.
3. An entry of the alias table (``data/name_aliases.csv``: typos of documents) resolves,
   and its note tells the caller an alias was used.
4. Otherwise a trailing organisation word (kaupunki, kunta, stad, kommun) is stripped
   and the stem must equal a register name in the nominative ("Nykarleby stad",
   "Pedersöre kommun"), an alias, or one of the Finnish genitive forms generated for
   each register name by the rules of `genitive_forms` ("Akaan kaupunki", "Iin kunta").
   A bare genitive without an organisation word ("Helsingin") is not a name.

A form generated for two municipalities is ambiguous and never resolves. Anything
else raises InputError naming the three closest register names; nothing is accepted
by similarity alone.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from optimizer.errors import InputError, Problem
from optimizer.readers.domain import Municipality
from optimizer.readers.text import decode_text, read_bytes
from optimizer.vocabulary.message import Message

ATTRIBUTION = "Municipality classification and population: Statistics Finland (2020)"

# Words that name the organisation after the municipality's name.
ORG_WORDS = ("kaupunki", "kunta", "stad", "kommun")

REGISTER_COLUMNS = ("code", "name_fi", "name_sv", "region_code", "region_fi", "population_2019")
ALIAS_COLUMNS = ("alias", "code", "note")
FOUND_CACHE = 1 << 16  # names whose look-up a Register remembers

_SPACE = re.compile(r"\s+")
_VOWELS = "aeiouyäöå"
_BACK_VOWELS = "aou"


@functools.lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Case-folded NFC text with every run of white space (incl. no-break) as one space.

    Cached: a round names the same few hundred municipalities over and over."""
    text = unicodedata.normalize("NFC", str(name))
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return _SPACE.sub(" ", text).strip().casefold()


# --- Finnish genitive forms --------------------------------------------------------
#
# Place names inflect only their last part ("Mänttä-Vilppulan", "Kristiinankaupungin").
# The rules below produce the few candidate genitives of a name's last part; several
# candidates per name are fine, because a form shared by two municipalities never
# resolves (see Register.ambiguous) and the tests resolve every name of the 2020 data.
#
#   ending            genitive               example
#   any vowel         + n                    Akaa -> Akaan, Ii -> Iin, Oulu -> Oulun,
#                                            Pori -> Porin, Raahe -> Raahen
#   consonant gradation of the last syllable (kk->k, pp->p, tt->t, nk->ng, mp->mm,
#   lt->ll, nt->nn, rt->rr, ht->hd, rk->r, lk->l, vowel+t->d, vowel+k->-)
#                     weak stem + vowel + n  Liminka -> Limingan, Hanko -> Hangon,
#                                            Turku -> Turun, Kurikka -> Kurikan,
#                                            Iitti -> Iitin, Vihti -> Vihdin,
#                                            Lieto -> Liedon, Juuka -> Juuan,
#                                            Helsinki -> Helsingin (-nki -> -ngin)
#   -i (old e-stems)  weak stem + en         Lahti -> Lahden (-hti -> -hden),
#                                            Riihimäki -> Riihimäen (-ki -> -en),
#                                            Valkeakoski -> Valkeakosken,
#                                            Hausjärvi -> Hausjärven (-vi -> -ven),
#                                            Iisalmi -> Iisalmen, Taipalsaari ->
#                                            Taipalsaaren (-ri -> -ren),
#                                            Toholampi -> Toholammen (-mpi -> -mmen)
#   -si               -den                   Pielavesi -> Pielaveden
#   -e                -een                   Pälkäne -> Pälkäneen (and Raahen by +n)
#   -nen              -sen, -sten            Kaskinen -> Kaskisen,
#                                            Kauniainen -> Kauniaisten
#   -s                -den, -ksen            Alavus -> Alavuden, Muhos -> Muhoksen
#   -das              -taan                  Pihtipudas -> Pihtiputaan
#   -rrat             -rtain                 Virrat -> Virtain
#   -laidun           -laitumen              Punkalaidun -> Punkalaitumen
#   Uusi-, Iso-       Uuden-, Ison-          Uusikaupunki -> Uudenkaupungin,
#                                            Isokyrö -> Isonkyrön (Isojoki -> Isojoen too)
#   abbreviation      :n                     Koski Tl -> Koski Tl:n

# (strong, weak) consonant gradation of the last syllable, longest first.
_GRADATION = (
    ("kk", "k"), ("pp", "p"), ("tt", "t"), ("nk", "ng"), ("mp", "mm"), ("lt", "ll"),
    ("nt", "nn"), ("rt", "rr"), ("ht", "hd"), ("rk", "r"), ("lk", "l"),
)


def _weak_stems(stem: str) -> set[str]:
    """`stem` (a word without its final vowel) with its last consonant weakened."""
    out = set()
    for strong, weak in _GRADATION:
        if stem.endswith(strong):
            out.add(stem[: -len(strong)] + weak)
    if len(stem) >= 2 and stem[-2] in _VOWELS:
        if stem[-1] == "t":
            out.add(stem[:-1] + "d")
        elif stem[-1] == "k":
            out.add(stem[:-1])
    return out


def _word_genitives(word: str) -> set[str]:
    """Candidate genitives of one (case-folded) Finnish word."""
    out: set[str] = set()
    if not word:
        return out
    last = word[-1]
    if last in _VOWELS:
        out.add(word + "n")
        stem = word[:-1]
        weak = _weak_stems(stem)
        out |= {w + last + "n" for w in weak}
        if last == "i":
            out |= {w + "en" for w in weak | {stem}}
            if word.endswith("si"):
                out.add(word[:-2] + "den")
        if last == "e":
            out.add(word + "en")
    if word.endswith("nen"):
        out |= {word[:-3] + "sen", word[:-3] + "sten"}
    elif last == "s":
        out |= {word[:-1] + "den", word[:-1] + "ksen"}
        if word.endswith("das"):
            out.add(word[:-3] + "taan")
    if word.endswith("rrat"):
        out.add(word[:-4] + "rtain")
    if word.endswith("laidun"):
        out.add(word[:-6] + "laitumen")
    return out


def genitive_forms(name: str) -> frozenset[str]:
    """Candidate Finnish genitives of a municipality name (normalised), see module notes."""
    text = normalise(name)
    if not text:
        return frozenset()
    head, sep, last = max(
        (text.rpartition(" "), text.rpartition("-")), key=lambda parts: len(parts[0])
    )
    out: set[str] = set()
    if sep == " " and len(last) <= 3 and head:  # an abbreviation: Koski Tl -> Koski Tl:n
        out.add(text + ":n")
        return frozenset(out)
    word = last
    forms = _word_genitives(word)
    for prefix, genitive in (("uusi", "uuden"), ("iso", "ison")):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            forms |= {genitive + f[len(prefix):] for f in set(forms)}
    return frozenset(head + sep + f for f in forms)


def _strip_org_word(text: str) -> str | None:
    head, _, last = text.rpartition(" ")
    return head if head and last in ORG_WORDS else None


@dataclass(frozen=True)
class Alias:
    """Another spelling of a municipality, and the code it stands for."""

    alias: str
    code: str
    note: str = ""


@dataclass(frozen=True)
class Register:
    """The municipalities of one year, immutable. Build it with `load_register`."""

    municipalities: tuple[Municipality, ...]
    aliases: tuple[Alias, ...] = ()
    source: str = ""
    _by_code: Mapping[str, Municipality] = field(init=False, repr=False, compare=False)
    _exact: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _stems: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _alias: Mapping[str, Alias] = field(init=False, repr=False, compare=False)
    _regions: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # name as written -> what _lookup found: a round names the same few hundred over and over
    _found: dict[str, tuple[Municipality | None, str] | None] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code = {m.code: m for m in self.municipalities}
        exact: dict[str, set[str]] = {}
        genitive: dict[str, set[str]] = {}
        for m in self.municipalities:
            for name in {m.name_fi, m.name_sv}:
                exact.setdefault(normalise(name), set()).add(m.code)
            base = _strip_org_word(normalise(m.name_fi))  # "Pedersören kunta"
            if base is not None:
                genitive.setdefault(base, set()).add(m.code)
                continue
            for form in genitive_forms(m.name_fi):
                genitive.setdefault(form, set()).add(m.code)
        # Nominatives win over generated genitives; forms shared by two are ambiguous.
        stems = {k: frozenset(v) for k, v in genitive.items() if k not in exact}
        stems.update({k: frozenset(v) for k, v in exact.items()})
        aliases = {}
        for a in self.aliases:
            if a.code not in by_code:
                raise ValueError(f"alias {a.alias!r} points to unknown code {a.code!r}")
            aliases[normalise(a.alias)] = a
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))
        object.__setattr__(
            self, "_exact", MappingProxyType({k: frozenset(v) for k, v in exact.items()})
        )
        object.__setattr__(self, "_stems", MappingProxyType(stems))
        object.__setattr__(self, "_alias", MappingProxyType(aliases))
        regions = {m.region_code: m.region_fi for m in self.municipalities}
        object.__setattr__(self, "_regions", tuple(regions[c] for c in sorted(regions)))
        object.__setattr__(self, "_found", {})

    # --- look-ups ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.municipalities)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def by_code(self, code: str) -> Municipality:
        """The municipality with this 3-digit code; InputError if there is none."""
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise InputError(
                Problem(Message.of("input.register.no_code", given=code), value=code,
                        hint=Message.of("input.register.no_code.hint"))
            ) from None

    def get(self, code: str | None) -> Municipality | None:
        return self._by_code.get(code) if code is not None else None

    def regions(self) -> tuple[str, ...]:
        """Distinct region_fi names, in region-code order."""
        return self._regions

    def names(self) -> tuple[str, ...]:
        """Finnish names of every municipality, in register (code) order."""
        return tuple(m.name_fi for m in self.municipalities)

    @property
    def ambiguous(self) -> tuple[str, ...]:
        """Generated forms shared by more than one municipality (they never resolve)."""
        return tuple(sorted(k for k, v in self._stems.items() if len(v) > 1))

    # --- resolution ---------------------------------------------------------------

    def resolve(self, name: str) -> Municipality:
        """The municipality a name in a document means; InputError if none or unclear."""
        return self.resolve_with_note(name)[0]

    def find(self, name: str) -> Municipality | None:
        """Like `resolve`, but None instead of an error."""
        hit = self._lookup(name)
        return hit[0] if hit is not None and hit[0] is not None else None

    def resolve_with_note(self, name: str) -> tuple[Municipality, str]:
        """(municipality, note); the note is the alias table's note when an alias was used."""
        hit = self._lookup(name)
        if hit is not None and hit[0] is not None:
            return hit  # type: ignore[return-value]
        if hit is not None:  # ambiguous
            codes = hit[1].split(",")
            names = ", ".join(f"{self._by_code[c].name_fi} ({c})" for c in codes)
            raise InputError(Problem(
                Message.of("input.register.ambiguous", name=name, names=names), value=name,
                hint=Message.of("input.register.ambiguous.hint")))
        options = self.closest(name)
        raise InputError(Problem(
            Message.of("input.register.unknown", name=name), value=name,
            hint=Message.of("input.register.did_you_mean", options=[repr(o) for o in options])
            if len(options) > 1 else ""))

    def _lookup(self, name: str) -> tuple[Municipality | None, str] | None:
        """(municipality, note), (None, "code,code") when ambiguous, None when unknown."""
        try:
            return self._found[name]
        except (KeyError, TypeError):
            pass
        hit = self._find(name)
        if isinstance(name, str):
            if len(self._found) >= FOUND_CACHE:
                self._found.clear()
            self._found[name] = hit
        return hit

    def _find(self, name: str) -> tuple[Municipality | None, str] | None:
        text = normalise(name)
        if not text:
            return None
        codes = self._exact.get(text)
        if codes is not None:
            return self._one(codes)
        alias = self._alias.get(text)
        if alias is not None:
            return self._by_code[alias.code], alias.note
        stem = _strip_org_word(text)
        if stem is None:
            return None
        alias = self._alias.get(stem)
        if alias is not None:
            return self._by_code[alias.code], alias.note
        codes = self._stems.get(stem)
        return self._one(codes) if codes is not None else None

    def _one(self, codes: frozenset[str]) -> tuple[Municipality | None, str]:
        if len(codes) == 1:
            return self._by_code[next(iter(codes))], ""
        return None, ",".join(sorted(codes))

    def closest(self, name: str, n: int = 3) -> tuple[str, ...]:
        """The n register names (name_fi) closest to `name`, its forms and stems considered."""
        text = normalise(name)
        probes = {text}
        stem = _strip_org_word(text)
        if stem:
            probes.add(stem)
        best: dict[str, float] = {}
        matcher = difflib.SequenceMatcher()
        keys: list[tuple[str, Iterable[str]]] = [(k, v) for k, v in self._stems.items()]
        keys += [(k, (a.code,)) for k, a in self._alias.items()]
        for probe in probes:
            matcher.set_seq2(probe)
            for key, codes in keys:
                matcher.set_seq1(key)
                if matcher.real_quick_ratio() < 0.3:
                    continue
                score = matcher.ratio()
                for code in codes:
                    if score > best.get(code, 0.0):
                        best[code] = score
        ranked = sorted(best, key=lambda c: (-best[c], self._by_code[c].name_fi))
        return tuple(self._by_code[c].name_fi for c in ranked[:n])


def _read_csv_text(text: str, source: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise InputError(Problem(Message.of("input.register.columns", missing=missing),
                                 file=source))
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def _municipalities(text: str, source: str) -> tuple[Municipality, ...]:
    problems = []
    out = []
    for number, row in enumerate(_read_csv_text(text, source, REGISTER_COLUMNS), start=2):
        try:
            population = int(row["population_2019"])
        except ValueError:
            problems.append(Problem(Message.of("input.register.population"), file=source,
                                    row=number, column="population_2019",
                                    value=row["population_2019"]))
            continue
        out.append(Municipality(row["code"], row["name_fi"], row["name_sv"],
                                row["region_code"], row["region_fi"], population))
    if problems:
        raise InputError(problems)
    return tuple(out)


def _aliases(text: str, source: str) -> tuple[Alias, ...]:
    return tuple(
        Alias(row["alias"], row["code"], row.get("note", ""))
        for row in _read_csv_text(text, source, ALIAS_COLUMNS[:2])
    )


@functools.lru_cache(maxsize=4)
def _load(path: str | None) -> Register:
    package = resources.files("optimizer") / "data"
    if path is None:
        text = (package / "municipalities_2020.csv").read_text(encoding="utf-8-sig")
        source = "municipalities_2020.csv"
    else:  # a register of the user's: its problems are InputErrors, as of any input
        source = Path(path).name
        if not Path(path).is_file():
            raise InputError(Problem(Message.of("input.register.not_found"), file=source,
                                     value=path))
        text = decode_text(read_bytes(Path(path), source), source)
    aliases = _aliases(
        (package / "name_aliases.csv").read_text(encoding="utf-8-sig"), "name_aliases.csv"
    )
    return Register(_municipalities(text, source), aliases, source)


def load_register(path: str | Path | None = None) -> Register:
    """The register (default: the packaged 2020 register), with the packaged aliases.

    Loaded once per path and cached; the Register is immutable.
    """
    return _load(str(path) if path is not None else None)
