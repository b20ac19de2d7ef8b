"""The house: imports run one way through the layers, with no circle; no module imports the
package itself; the faces (cli, web, report, plots) read no model or case internals; the
model is pure; the vocabulary stands alone; PuLP lives in model/; and every portfolio the
knapsack DP returns is verified like a solver's. Each rule is a function of an import graph,
tested on the package and on a planted violation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "optimizer"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS = (
    ("constants", "version", "caching"),
    ("vocabulary",),
    ("errors", "money", "frames"),
    ("readers",),
    ("scenario",),
    ("scoring",),
    ("formats",),
    ("model",),
    ("case",),
    ("analysis",),
    ("plots",),
    ("report",),
    ("study",),
    ("cli", "web", "__main__"),
)


# The faces and the outputs: they parse, ask the API and render; they read no model or case
# internals, only the API's types (the results in analysis/, the Case the package
# `optimizer.case` exports, study) and the vocabulary.
FACES = ("cli", "web", "report", "plots")
INTERNALS = ("model", "case")
PUBLIC = ("optimizer.case",)  # an internal package's public face: its __init__


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "optimizer" or len(parts) == 1:
        return None  # the package itself: see upward_package_imports
    return next(i for i, names in enumerate(LAYERS) if parts[1] in names)


def _imports(path: Path, typing_too: bool = False) -> set[str]:
    """Modules a file imports (by default only when the code runs: imports under
    `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if not typing_too and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(
                node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _runtime_imports(path: Path) -> set[str]:
    return _imports(path)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _graph(typing_too: bool = False) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (the package itself as "optimizer")."""
    graph = {}
    for name, path in MODULES.items():
        graph[name] = {m for m in _imports(path, typing_too)
                       if (m == "optimizer" or m.startswith("optimizer.")) and m != name}
    return graph


# --- the rules, each a function of an import graph (so a planted graph can test it) ----


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """A module imports only from its own layer and the layers below it."""
    wrong = []
    for name, targets in graph.items():
        own = _layer(name)
        for target in targets:
            layer = _layer(target)
            if own is not None and layer is not None and layer > own:
                wrong.append(f"{name} imports {target}")
    return sorted(wrong)


def upward_package_imports(graph: dict[str, set[str]]) -> list[str]:
    """No module imports the package itself (its __init__ sits above everything: even the
    version comes from optimizer.version)."""
    return sorted(f"{name} imports optimizer" for name, targets in graph.items()
                  if "optimizer" in targets and name != "optimizer")


def faces_reading_internals(graph: dict[str, set[str]]) -> list[str]:
    """No face or output module imports model/ or the modules of case/, not even for a
    type."""
    wrong = []
    for name, targets in graph.items():
        if name.split(".")[1:2] and name.split(".")[1] in FACES:
            wrong += [f"{name} imports {t}" for t in targets if t not in PUBLIC
                      and t.split(".")[1:2] and t.split(".")[1] in INTERNALS]
    return sorted(wrong)


def faces_reaching_into_the_instance(sources: dict[str, str]) -> list[str]:
    """No face or output module reads the model's instance (`.instance`) of a case or a
    result: it asks the case's and the results' views."""
    wrong = []
    for name, text in sources.items():
        if name.split(".")[1:2] and name.split(".")[1] in FACES:
            wrong += [f"{name}:{node.lineno} reads .instance"
                      for node in ast.walk(ast.parse(text))
                      if isinstance(node, ast.Attribute) and node.attr == "instance"]
    return sorted(wrong)


# What the pure model may use: it takes an Instance and returns results and message codes.
MODEL_MAY_USE = ("optimizer.model", "optimizer.constants", "optimizer.vocabulary",
                 "optimizer.errors", "optimizer.money", "optimizer.caching")


def impure_model(graph: dict[str, set[str]]) -> list[str]:
    """model/ reads no round, scenario, scoring sheet or file: the case assembles them."""
    return sorted(f"{name} imports {t}" for name, targets in graph.items()
                  if name.startswith("optimizer.model") for t in targets
                  if not t.startswith(MODEL_MAY_USE))


def vocabulary_leaning_on_others(graph: dict[str, set[str]]) -> list[str]:
    """The vocabulary imports nothing of the package but itself and the constants below it:
    every layer may use it."""
    return sorted(f"{name} imports {t}" for name, targets in graph.items()
                  if name.startswith("optimizer.vocabulary") for t in targets
                  if not t.startswith(("optimizer.vocabulary", "optimizer.constants")))


def import_circles(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, str] = {}
    cycles: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if nxt == "optimizer" or nxt.endswith(".__init__"):
                continue
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*stack[stack.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package's __init__ re-exporting its own modules is not a circle of code.
    return [c for c in cycles if not _package_reexport(c)]


def _package_reexport(cycle: str) -> bool:
    names = cycle.split(" -> ")
    packages = [n for n in names if (ROOT / Path(*n.split("."))).is_dir()]
    return bool(packages) and all(
        any(n.startswith(p + ".") or n == p for p in packages) for n in names)


def test_imports_run_one_way():
    assert not upward_imports(_graph()), "\n".join(upward_imports(_graph()))


def test_no_module_imports_the_package_itself():
    found = upward_package_imports(_graph(typing_too=True))
    assert not found, "\n".join(found)


def test_faces_read_no_model_or_case_internals():
    found = faces_reading_internals(_graph(typing_too=True))
    assert not found, "\n".join(found)


def test_faces_read_no_instance():
    sources = {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
    found = faces_reaching_into_the_instance(sources)
    assert not found, "\n".join(found)


def test_the_model_is_pure():
    found = impure_model(_graph(typing_too=True))
    assert not found, "\n".join(found)


def test_the_vocabulary_stands_alone():
    found = vocabulary_leaning_on_others(_graph(typing_too=True))
    assert not found, "\n".join(found)


def test_no_import_circle():
    found = import_circles(_graph())
    assert not found, "\n".join(found)


def test_pulp_is_imported_only_in_model():
    users = sorted(name for name, path in MODULES.items()
                   if any(m == "pulp" or m.startswith("pulp.")
                          for m in _runtime_imports(path)))
    assert users and all(u.startswith("optimizer.model.") for u in users), users


@pytest.mark.parametrize(("rule", "planted"), [
    (upward_imports, {"optimizer.model.solve": {"optimizer.analysis.compare"}}),
    (upward_imports, {"optimizer.readers.folder": {"optimizer.scenario.core"}}),
    (upward_package_imports, {"optimizer.analysis.audit": {"optimizer"}}),
    (faces_reading_internals, {"optimizer.cli.run": {"optimizer.model.funds"}}),
    (faces_reading_internals, {"optimizer.report.html.page": {"optimizer.case.assemble"}}),
    (faces_reading_internals, {"optimizer.web.serialise": {"optimizer.model.verify"}}),
    (faces_reading_internals, {"optimizer.plots.frontier": {"optimizer.model.instance"}}),
    (faces_reading_internals, {"optimizer.cli.run": {"optimizer.case.assemble"}}),
    (faces_reaching_into_the_instance, {"optimizer.report.html.rules": "case.instance.rules"}),
    (impure_model, {"optimizer.model.funds": {"optimizer.scenario"}}),
    (impure_model, {"optimizer.model.instance": {"optimizer.readers.domain"}}),
    (vocabulary_leaning_on_others, {"optimizer.vocabulary.words": {"optimizer.errors"}}),
    (import_circles, {"optimizer.analysis.a": {"optimizer.analysis.b"},
                      "optimizer.analysis.b": {"optimizer.analysis.a"}}),
])
def test_each_rule_catches_a_planted_violation(rule, planted):
    assert rule(planted), f"{rule.__name__} missed {planted}"


# --- the DP is a solver like the others: its answers are verified ---------------------


def _inst():
    from tests.factories import make

    return make([("A", .9, 6), ("B", .8, 5), ("C", .7, 5)], budget=10)


def test_a_broken_dp_is_caught_by_the_verification(monkeypatch):
    import optimizer.model.solve as solve_module
    from optimizer.errors import VerificationError
    from optimizer.model.instance import OPTIMAL, Result

    def broken(instance, budget_units=None):  # funds all three: 16 units on a budget of 10
        units = {it.id: it.max_units for it in instance.items}
        return Result(OPTIMAL, instance.value(units), units, "dp", gap=0.0)

    monkeypatch.setattr(solve_module, "knapsack_solve", broken)
    with pytest.raises(VerificationError, match="over the budget"):
        solve_module.solve(_inst(), method="dp")


def test_a_broken_dp_table_is_caught_in_the_frontier(monkeypatch):
    from optimizer.analysis.frontier import frontier
    from optimizer.errors import VerificationError
    from optimizer.model.knapsack import KnapsackTable

    monkeypatch.setattr(KnapsackTable, "units_at",
                        lambda self, b: {"A": 6, "B": 5, "C": 5})
    with pytest.raises(VerificationError, match="over the budget"):
        frontier(_inst(), budgets=[1000])


def test_a_broken_dp_is_caught_in_robustness(monkeypatch):
    import optimizer.model.solve as solve_module
    from optimizer.analysis.robustness import robustness
    from optimizer.errors import VerificationError
    from optimizer.model.instance import Instance, Item, Rules

    def broken(instance, budget_units=None):
        from optimizer.model.instance import OPTIMAL, Result

        units = {it.id: it.max_units for it in instance.items}
        return Result(OPTIMAL, instance.value(units), units, "dp", gap=0.0)

    items = tuple(Item(id=i, score=0.5, max_units=5, criteria=(0.5, 0.5)) for i in "ABC")
    inst = Instance(items=items, rules=Rules(budget_units=10), criteria_ids=("x", "y"),
                    weights=(0.5, 0.5))
    monkeypatch.setattr(solve_module, "knapsack_solve", broken)
    with pytest.raises(VerificationError):
        robustness(inst, samples=3, seed=1, method="dp")
