"""Synthetic rounds: a round folder of any size, shaped like a real one (by default 2020's).

`synth_round(n, seed, like)` draws a round of `n` applications in memory; `write_synth_round`
writes it as a round folder (one result, formats.folder) with a scenario beside it, so that
`grantopt run DIR/scenario.toml` works at once. Same `n`, `seed` and template: the same bytes.
Every random draw comes from one `numpy.random.default_rng(seed)`, in a fixed order.

What is drawn, and from what (`Shape`, fitted to the template round `like`):

* requests: log-normal, its log-mean and log-sd those of the template's requests (2020:
  ln € mean 12.109, sd 0.933, i.e. a median of about 181,000 €), truncated to the
  template's range (2020: 18,700 to 1,090,125 €; a draw outside it is drawn again), in
  whole euros;
* the lead: a municipality of the register, uniformly, among the regions the template's
  parties come from (2020: every region but Ahvenanmaa);
* partners: their number drawn from the template's own counts (2020: 0 to 20, median 2),
  each one from the lead's region with the template's share (2020: 61 %) and else from
  anywhere, no municipality twice; every party is a municipality named as the register
  names it, so every name resolves;
* target area: the template's frequencies, "none" included (2020: 16 of 61 have none);
  an exclusion (out of the call's scope) with the template's share (2020: 3 of 61), the
  code uniformly among the call's exclusion codes;
* `call.toml`: the template's call (target areas, exclusions, criteria, proxies, joint
  rule, cost share, rounding) with the appropriation scaled so that it is the template's
  share of the total requested (2020: 10 M€ of 16.1 M€, 62.1 %), rounded down to the
  rounding unit, and [totals] declared from the drawn files;
* `scores.csv`: an integer score on each criterion's scale, per application a common
  quality (normal) plus noise per criterion, so criteria agree as evaluators' do. Long
  layout (application_id, criterion, score), or wide (one column per criterion) when the
  long sheet would have more rows than the readers take (readers.limits.MAX_ROWS);
* `awards.csv`, a plausible actual decision: the fundable applications (in scope, enough
  parties for the joint rule) by their mean score plus noise, best first, each awarded its
  request rounded down to the unit while it fits in the appropriation.

Nothing here is a real application or score; the call's name says the round is synthetic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from optimizer.errors import InputError, Problem
from optimizer.formats import toml
from optimizer.formats.files import csv_text, write_atomic
from optimizer.readers.domain import CallRules, Round
from optimizer.readers.folder import read_round
from optimizer.readers.limits import MAX_FILE_BYTES, MAX_ROWS
from optimizer.readers.profiles import profiles
from optimizer.readers.register import Register, load_register
from optimizer.vocabulary.message import Message

APPLICATION_COLUMNS = ("id", "applicant", "project", "requested_eur", "partners",
                       "target_area", "exclusion")
PARTICIPANT_COLUMNS = ("application_id", "name", "role", "kind", "municipality_code")
AWARD_COLUMNS = ("application_id", "awarded_eur", "decision_item")
SCORE_COLUMNS = ("application_id", "criterion", "score")
FILES = ("applications.csv", "participants.csv", "awards.csv", "scores.csv", "call.toml",
         "scenario.toml")
SCENARIO_FILE = "scenario.toml"
MAX_APPLICATIONS = MAX_ROWS  # the readers take at most this many rows of one table

# The quality model of the scores, on a criterion scale mapped to [0, 1]: the mean, the
# spread of the applications' common quality and of each criterion's own noise.
SCORE_CENTRE, QUALITY_SD, CRITERION_SD = 0.55, 0.18, 0.12
AWARD_NOISE_SD = 0.05  # the decision's noise on the mean normalised score


@dataclass(frozen=True)
class Shape:
    """What a synthetic round is drawn from, fitted to a template round."""

    log_mean: float  # of ln(requested €)
    log_sd: float
    min_request: float  # the template's range, in whole euros
    max_request: float
    partner_counts: tuple[int, ...]  # the template's partners per application
    local_share: float  # of partners in the lead's region
    target_areas: tuple[tuple[str | None, int], ...]  # area (None: none) -> applications
    exclusion_share: float
    budget_share: float  # appropriation / total requested
    regions: tuple[str, ...]  # the regions the template's parties come from


def fit_shape(like: Round, register: Register | None = None) -> Shape:
    """The shape of the round `like` (see the module notes)."""
    register = register or load_register()
    apps = like.applications
    if len(apps) < 2:
        raise InputError(Problem(Message.of("input.synth.few"),
                                 file=str(like.path)))
    if not like.call.appropriation_eur:
        raise InputError(Problem(Message.of("input.synth.appropriation"),
                                 file=str(Path(like.path) / "call.toml")))
    logs = np.log([a.requested_eur for a in apps])
    profs = profiles(like, register)
    partners = Counter(p.application_id for p in like.participants if p.role == "partner")
    counts = tuple(partners[a.id] if like.participants_of(a.id) else len(a.partners)
                   for a in apps)
    local = total = 0
    for p in profs.values():
        if p.lead_code is None:
            continue
        lead = register.by_code(p.lead_code).region_fi
        for code in p.municipality_codes:
            if code != p.lead_code:
                total += 1
                local += register.by_code(code).region_fi == lead
    areas = Counter(a.target_area for a in apps)
    order = [t.id for t in like.call.target_areas]
    regions = {r for p in profs.values() for r in p.regions}
    requested = math.fsum(a.requested_eur for a in apps)
    return Shape(
        log_mean=float(logs.mean()), log_sd=float(logs.std(ddof=1)),
        min_request=float(math.ceil(min(a.requested_eur for a in apps))),
        max_request=float(math.floor(max(a.requested_eur for a in apps))),
        partner_counts=counts, local_share=local / total if total else 0.0,
        target_areas=tuple((area, areas[area]) for area in [None, *order] if areas[area]),
        exclusion_share=sum(1 for a in apps if a.exclusion) / len(apps),
        budget_share=like.call.appropriation_eur / requested,
        regions=tuple(r for r in register.regions() if r in regions) or register.regions(),
    )


@dataclass(frozen=True)
class SynthRound:
    """A synthetic round in memory: the rows of each file, and the call and scenario."""

    n: int
    seed: int
    applications: tuple[tuple[str, ...], ...]  # APPLICATION_COLUMNS
    participants: tuple[tuple[str, ...], ...]  # PARTICIPANT_COLUMNS
    awards: tuple[tuple[str, ...], ...]  # AWARD_COLUMNS
    score_columns: tuple[str, ...]  # SCORE_COLUMNS (long) or id + criteria (wide)
    scores: tuple[tuple[str | int, ...], ...]
    call: CallRules
    appropriation_eur: int
    requested_eur: float  # the total, to the cent
    awarded_eur: float
    template: str  # the template round's folder name

    @property
    def layout(self) -> str:
        return "long" if self.score_columns == SCORE_COLUMNS else "wide"

    def call_toml(self) -> str:
        return _call_toml(self)

    def scenario_toml(self) -> str:
        return "\n".join([
            *toml.comments([f"A synthetic round of {self.n:,} applications (seed {self.seed}), "
                            f"shaped like {self.template}; written by",
                            f"grantopt data synth. Run it with: grantopt run {SCENARIO_FILE}"]),
            *toml.table("scenario", [
                ("name", f"Synthetic round: {self.n} applications, seed {self.seed}"),
                ("round", ".")]),
            *toml.table("scoring", [("source", "scores.csv")])])

    def files(self) -> dict[str, str]:
        """File name -> text, every file of the round folder."""
        return {
            "applications.csv": csv_text(APPLICATION_COLUMNS, self.applications),
            "participants.csv": csv_text(PARTICIPANT_COLUMNS, self.participants),
            "awards.csv": csv_text(AWARD_COLUMNS, self.awards),
            "scores.csv": csv_text(self.score_columns, self.scores),
            "call.toml": self.call_toml(),
            SCENARIO_FILE: self.scenario_toml(),
        }


def synth_round(n: int, seed: int, like: Round, register: Register | None = None,
                layout: str | None = None) -> SynthRound:
    """A synthetic round of `n` applications drawn with `seed`, shaped like the round `like`.

    `layout` of the scoring sheet: "long", "wide", or None (long unless that has more rows
    than the readers take).
    """
    if not 1 <= n <= MAX_APPLICATIONS:
        raise InputError(Problem(Message.of("input.synth.count", most=MAX_APPLICATIONS),
                                 value=n))
    if layout not in (None, "long", "wide"):
        raise ValueError(f"layout must be 'long' or 'wide', not {layout!r}")
    register = register or load_register()
    shape = fit_shape(like, register)
    call = like.call
    rng = np.random.default_rng(seed)
    width = max(5, len(str(n)))
    ids = [f"S{i:0{width}d}" for i in range(1, n + 1)]
    requests = _requests(rng, n, shape)
    leads, partners = _parties(rng, n, shape, register)
    areas, exclusions = _areas(rng, n, shape, call)
    criteria = call.criteria
    if not criteria:
        raise InputError(Problem(Message.of("input.synth.criteria"),
                                 file=str(Path(like.path) / "call.toml")))
    raw = _scores(rng, n, criteria)
    requested_cents = int(requests.sum()) * 100
    unit = float(call.rounding_eur or 1.0)
    appropriation = _floor_to(shape.budget_share * requested_cents / 100, unit)
    fundable = np.array([not exclusions[i] and 1 + len(partners[i]) >= call.min_parties
                         for i in range(n)])
    awards = _awards(rng, requests, raw, criteria, fundable, appropriation, unit)
    names = [m.name_fi for m in register.municipalities]
    codes = [m.code for m in register.municipalities]
    applications = tuple(
        (ids[i], names[leads[i]], f"Synthetic project {ids[i]}", f"{requests[i]:.2f}",
         "; ".join(names[j] for j in partners[i]), areas[i], exclusions[i])
        for i in range(n))
    participants = tuple(
        row for i in range(n) for row in (
            (ids[i], names[leads[i]], "lead", "municipality", codes[leads[i]]),
            *((ids[i], names[j], "partner", "municipality", codes[j]) for j in partners[i])))
    award_rows = tuple((ids[i], f"{eur:.2f}", str(item))
                       for item, (i, eur) in enumerate(awards, start=1))
    if layout is None:
        layout = "long" if n * len(criteria) <= MAX_ROWS else "wide"
    columns: tuple[str, ...]
    if layout == "long":
        columns = SCORE_COLUMNS
        scores: tuple[tuple[str | int, ...], ...] = tuple(
            (ids[i], c.id, int(raw[i, k])) for i in range(n) for k, c in enumerate(criteria))
    else:
        columns = ("application_id", *(c.id for c in criteria))
        scores = tuple((ids[i], *(int(v) for v in raw[i])) for i in range(n))
    return SynthRound(
        n=n, seed=seed, applications=applications, participants=participants,
        awards=award_rows, score_columns=columns, scores=scores, call=call,
        appropriation_eur=int(appropriation), requested_eur=requested_cents / 100,
        awarded_eur=math.fsum(eur for _, eur in awards), template=Path(like.path).name)


@dataclass(frozen=True)
class SynthFolder:
    """A synthetic round written as a folder: the round, and the files as named in it."""

    round: SynthRound
    folder: Path
    files: tuple[Path, ...]

    @property
    def scenario(self) -> Path:
        return self.folder / SCENARIO_FILE


def write_synth_round(out: Path | str, n: int, seed: int, like: Round | Path | str,
                      force: bool = False, register: Register | None = None,
                      layout: str | None = None) -> SynthFolder:
    """Write a synthetic round (`synth_round`) as the folder `out`, one result
    (formats.folder: refused where inputs live, an earlier result replaced only with
    `force`): the round's files and `scenario.toml` beside them. `like`: the template
    round, or its folder."""
    from optimizer.formats.folder import output_folder, relocate

    out = Path(out)
    register = register or load_register()
    template = like if isinstance(like, Round) else read_round(like, register)
    rnd = synth_round(n, seed, template, register, layout)
    inputs = [Path(template.path), *template.files]
    files = rnd.files()
    for name, text in files.items():
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise InputError(Problem(
                Message.of("input.synth.too_large", name=name, n=n, mb=MAX_FILE_BYTES // 2**20),
                file=name, value=n, hint=Message.of("input.synth.too_large.hint")))
    with output_folder(out, inputs, force) as stage:
        written = [write_atomic(stage / name, text) for name, text in files.items()]
    return SynthFolder(rnd, out, tuple(relocate(written, stage, out)))


# --- the draws ---------------------------------------------------------------------


def _requests(rng: np.random.Generator, n: int, shape: Shape) -> np.ndarray:
    """Whole euros, log-normal, truncated to the template's range by drawing again."""
    out = np.empty(n)
    todo = np.arange(n)
    while todo.size:
        draw = np.round(np.exp(rng.normal(shape.log_mean, shape.log_sd, todo.size)))
        good = (draw >= shape.min_request) & (draw <= shape.max_request)
        out[todo[good]] = draw[good]
        todo = todo[~good]
    return out


def _parties(rng: np.random.Generator, n: int, shape: Shape, register: Register
             ) -> tuple[list[int], list[list[int]]]:
    """The lead (an index into the register) and the partners of each application."""
    munis = register.municipalities
    pool = [i for i, m in enumerate(munis) if m.region_fi in shape.regions]
    by_region: dict[str, list[int]] = {}
    for i in pool:
        by_region.setdefault(munis[i].region_fi, []).append(i)
    leads = rng.integers(0, len(pool), n)
    counts = np.asarray(shape.partner_counts)[rng.integers(0, len(shape.partner_counts), n)]
    counts = np.minimum(counts, len(pool) - 1)
    slots = int(counts.sum())
    local = rng.random(slots) < shape.local_share
    where = rng.random(slots)
    lead_of: list[int] = []
    partners: list[list[int]] = []
    at = 0
    for i in range(n):
        lead = pool[int(leads[i])]
        lead_of.append(lead)
        chosen = {lead}
        mine: list[int] = []
        home = by_region[munis[lead].region_fi]
        home_left = len(home) - 1  # the lead's region, the lead taken
        for _ in range(int(counts[i])):
            options = home if local[at] and home_left > 0 else pool
            k = int(where[at] * len(options))
            while options[k] in chosen:  # taken: the next one along, deterministically
                k = (k + 1) % len(options)
            chosen.add(options[k])
            mine.append(options[k])
            home_left -= munis[options[k]].region_fi == munis[lead].region_fi
            at += 1
        partners.append(mine)
    return lead_of, partners


def _areas(rng: np.random.Generator, n: int, shape: Shape, call: CallRules
           ) -> tuple[list[str], list[str]]:
    names = [a or "" for a, _ in shape.target_areas]
    weights = np.array([c for _, c in shape.target_areas], float)
    areas = rng.choice(len(names), size=n, p=weights / weights.sum())
    codes = [e.code for e in call.exclusions]
    excluded = rng.random(n) < (shape.exclusion_share if codes else 0.0)
    which = rng.integers(0, max(1, len(codes)), n)
    return ([names[k] for k in areas],
            [codes[int(which[i])] if excluded[i] else "" for i in range(n)])


def _scores(rng: np.random.Generator, n: int, criteria: Sequence) -> np.ndarray:
    """Integer scores on each criterion's scale: common quality plus criterion noise."""
    quality = rng.normal(0.0, QUALITY_SD, n)
    noise = rng.normal(0.0, CRITERION_SD, (n, len(criteria)))
    unit = np.clip(SCORE_CENTRE + quality[:, None] + noise, 0.0, 1.0)
    lo = np.array([math.ceil(c.scale[0]) for c in criteria], float)
    hi = np.array([math.floor(c.scale[1]) for c in criteria], float)
    scale_lo = np.array([c.scale[0] for c in criteria], float)
    scale_hi = np.array([c.scale[1] for c in criteria], float)
    return np.clip(np.rint(scale_lo + unit * (scale_hi - scale_lo)), lo, hi).astype(int)


def _awards(rng: np.random.Generator, requests: np.ndarray, raw: np.ndarray,
            criteria: Sequence, fundable: np.ndarray, appropriation: float,
            unit: float) -> list[tuple[int, float]]:
    """(application index, award €) in the order of the decision: greedy by a noisy mean
    score over the fundable applications, each its request rounded down to the unit."""
    lo = np.array([c.scale[0] for c in criteria], float)
    hi = np.array([c.scale[1] for c in criteria], float)
    score = ((raw - lo) / (hi - lo)).mean(axis=1)
    noisy = score + rng.normal(0.0, AWARD_NOISE_SD, len(requests))
    order = np.lexsort((np.arange(len(requests)), -noisy))
    left = appropriation
    out = []
    for i in order:
        if not fundable[i]:
            continue
        award = _floor_to(float(requests[i]), unit)
        if 0 < award <= left:
            out.append((int(i), award))
            left -= award
    return out


def _floor_to(eur: float, unit: float) -> float:
    """Euros rounded down to whole units (exact for whole-euro units)."""
    return math.floor(eur / unit + 1e-9) * unit


# --- call.toml ---------------------------------------------------------------------


def _table(name: str, items: Iterable[tuple[str, object]], array: bool = True) -> list[str]:
    """A table of the call, whole numbers written without a decimal part."""
    def plain(v: object) -> object:
        if isinstance(v, float | int) and not isinstance(v, bool):
            return toml.number(v)
        if isinstance(v, tuple | list):
            return [toml.number(x) for x in v]
        return v

    return toml.table(name, [(k, plain(v)) for k, v in items], array)


def _call_toml(rnd: SynthRound) -> str:
    call = rnd.call
    head = [*toml.comments([
        f"A synthetic round of {rnd.n:,} applications drawn with seed {rnd.seed}, shaped "
        f"like {rnd.template}",
        "(grantopt data synth; optimizer/formats/synth.py says what is drawn from what).",
        "The call's rules are the template's; the appropriation is its share of the total "
        "requested."]), ""]
    lines = head + _table("call", [
        ("name", f"{call.name} (synthetic)" if call.name else "Synthetic round"),
        ("name_en", f"{call.name_en} (synthetic)" if call.name_en else ""),
        ("year", call.year), ("language", call.language),
        ("appropriation_eur", rnd.appropriation_eur), ("rounding_eur", call.rounding_eur),
        ("max_cost_share", call.max_cost_share), ("min_parties", call.min_parties),
        ("joint_rule_fi", call.joint_rule_fi), ("joint_rule_en", call.joint_rule_en),
    ], array=False)
    lines += _table("totals", [
        ("applications", rnd.n), ("requested_eur", toml.Verbatim(f"{rnd.requested_eur:.2f}")),
        ("awards", len(rnd.awards)), ("awarded_eur", toml.Verbatim(f"{rnd.awarded_eur:.2f}"))],
        array=False)
    for area in call.target_areas:
        lines += _table("target_areas", [("id", area.id), ("fi", area.fi), ("en", area.en)])
    for rule in call.exclusions:
        lines += _table("exclusions", [("code", rule.code), ("fi", rule.fi), ("en", rule.en)])
    for group in call.criteria_groups:
        lines += _table("criteria_groups", [("id", group.id), ("fi", group.fi),
                                            ("en", group.en)])
    for c in call.criteria:
        lines += _table("criteria", [("id", c.id), ("group", c.group), ("fi", c.fi),
                                     ("en", c.en), ("scale", c.scale)])
    for p in call.proxies:
        lines += _table("proxies", [
            ("id", p.id), ("indicator", p.indicator), ("scale", p.scale),
            ("direction", p.direction), ("lower", p.lower), ("upper", p.upper),
            ("weight", p.weight), ("en", p.en), ("fi", p.fi)])
    return "\n".join(lines).rstrip("\n") + "\n"
