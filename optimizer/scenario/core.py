"""The resolved scenario: every section, where the scenario came from, and where each key's
value came from (its origin: "default", "call.toml", a scenario file, "--set",
"--budget" or "python")."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optimizer.errors import ScenarioError, suggest
from optimizer.scenario.schema import (
    SECTIONS,
    AboutSection,
    BudgetSection,
    CoverageSection,
    EligibilitySection,
    FundingSection,
    LinkSpec,
    LocksSection,
    ObjectiveSection,
    RobustnessSection,
    ScoringSection,
    Section,
    SolverSection,
    field_meta,
    link_specs,
)
from optimizer.vocabulary.message import Message, say
from optimizer.vocabulary.values import change_text, shown_value

DEFAULT, CALL, SET, BUDGET, PYTHON = "default", "call.toml", "--set", "--budget", "python"
OVERRIDES = (SET, BUDGET, PYTHON)  # origins that make a run differ from its file


@dataclass(frozen=True)
class Scenario:
    """One frozen section per table of a scenario file; `dataclasses.replace` on a section
    checks its values as `--set` does."""

    scenario: AboutSection = field(default_factory=AboutSection)
    budget: BudgetSection = field(default_factory=BudgetSection)
    scoring: ScoringSection = field(default_factory=ScoringSection)
    objective: ObjectiveSection = field(default_factory=ObjectiveSection)
    funding: FundingSection = field(default_factory=FundingSection)
    eligibility: EligibilitySection = field(default_factory=EligibilitySection)
    coverage: CoverageSection = field(default_factory=CoverageSection)
    locks: LocksSection = field(default_factory=LocksSection)
    solver: SolverSection = field(default_factory=SolverSection)
    robustness: RobustnessSection = field(default_factory=RobustnessSection)
    links: tuple[LinkSpec, ...] = ()  # the [[links]] tables (issue 14), in file order
    source: Path | None = None  # the TOML file, or None for the round's defaults
    files: tuple[Path, ...] = ()  # the files read: those it extends (base first), then itself
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.scenario.name or (self.source.stem if self.source else "defaults")

    @property
    def title(self) -> str:
        """The name, and what was changed on top of the files by its keys, for the files
        machines and the audit read ("..., with budget.appropriation = 12,000,000")."""
        over = self.overrides()
        if not over:
            return self.name
        joined = "; ".join(f"{path} = {shown_value(value)}" for path, value, _ in over)
        return f"{self.name}, with {joined}"

    def title_in(self, lang: str) -> str:
        """The title a person reads, in a language: the Finnish name (name_fi) for "fi" when
        there is one, and each change by its plain name ("...; appropriation 12,000,000 €;
        2020-47 locked in")."""
        name = self.scenario.name_fi if lang == "fi" and self.scenario.name_fi else self.name
        over = self.overrides()
        if not over:
            return name
        changes = "; ".join(change_text(path, value, lang) for path, value, _ in over)
        return say(lang, "title.changed", name=name, changes=changes)

    def description_in(self, lang: str) -> str:
        about = self.scenario
        return about.description_fi if lang == "fi" and about.description_fi else \
            about.description

    @property
    def round_path(self) -> Path:
        if not self.scenario.round:
            raise ScenarioError(Message.of("scenario.no_round"))
        return Path(self.scenario.round)

    def sections(self) -> Iterator[Section]:
        for name in SECTIONS:
            yield getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        """Every section; "links" (a list of tables) only when the scenario has links."""
        out: dict[str, Any] = {s.section: s.to_dict() for s in self.sections()}
        if self.links:
            out["links"] = [link.to_dict() for link in self.links]
        return out

    def with_links(self, links: Any, origin: str, add: bool = False) -> Scenario:
        """The scenario with these [[links]] tables (added to the current ones with `add`)."""
        new = link_specs(links)
        origins = {**self.origins, "links": origin}
        return dataclasses.replace(self, links=(*self.links, *new) if add else new,
                                   origins=origins)

    def origin(self, path: str) -> str:
        """Where the value of `section.key` came from."""
        return self.origins.get(path, DEFAULT)

    def overrides(self) -> list[tuple[str, Any, str]]:
        """(key path, value, origin) of every key set on top of the files."""
        return [(path, self.value(path), origin) for path, origin in self.origins.items()
                if origin in OVERRIDES]

    def value(self, path: str) -> Any:
        if path == "links":
            return self.links
        section, _, name = path.partition(".")
        return getattr(getattr(self, section), name)

    def with_value(self, section: str, name: str, value: Any, origin: str,
                   merge: bool = True) -> Scenario:
        """The scenario with one key set (tables merge into the current table by default)."""
        check_key(section, name)
        current = getattr(self, section)
        kind = field_meta(section, name)["kind"]
        if merge and isinstance(value, Mapping) and value and kind in ("floats", "ranges"):
            # One entry joins the current table; an empty table ({}) empties it.
            value = {**(getattr(current, name) or {}), **value}
        changed = dataclasses.replace(current, **{name: value})
        origins = {**self.origins, f"{section}.{name}": origin}
        return dataclasses.replace(self, **{section: changed}, origins=origins)


def check_key(section: str, name: str, where: str = "") -> None:
    """ScenarioError with a suggestion for an unknown section or key."""
    if section not in SECTIONS:
        problem = Message.of("scenario.key.unknown_section", section=section,
                             suggest=suggest(section, SECTIONS))
    elif name not in (keys := SECTIONS[section].key_names()):
        options = [*keys, *(f"{s}.{k}" for s, cls in SECTIONS.items() for k in cls.key_names())]
        problem = Message.of("scenario.key.unknown", key=f"{section}.{name}",
                             suggest=suggest(name, options))
    else:
        return
    raise ScenarioError(Message.of("scenario.at", where=where, problem=problem) if where
                        else problem)
