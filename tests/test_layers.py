"""The house: imports run one way through the layers, with no circle; PuLP lives in model/;
and every portfolio the knapsack DP returns is verified like a solver's."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "optimizer"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS = (
    ("constants", "version"),
    ("vocabulary",),
    ("errors", "money", "frames"),
    ("readers",),
    ("scenario",),
    ("scoring",),
    ("formats",),
    ("model",),
    ("analysis",),
    ("plots",),
    ("report",),
    ("study",),
    ("cli", "web", "__main__"),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "optimizer" or len(parts) == 1:
        return None  # the package itself re-exports lazily
    return next(i for i, names in enumerate(LAYERS) if parts[1] in names)


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported when the code runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
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


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        graph[name] = {m for m in _runtime_imports(path)
                       if m.startswith("optimizer.") and m in MODULES and m != name}
    return graph


def test_imports_run_one_way():
    wrong = []
    for name, targets in _graph().items():
        own = _layer(name)
        for target in targets:
            layer = _layer(target)
            if own is not None and layer is not None and layer > own:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_circle():
    graph, state, cycles = _graph(), {}, []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if nxt in ("optimizer",) or nxt.endswith(".__init__"):
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
    real = [c for c in cycles if not _package_reexport(c)]
    assert not real, "\n".join(real)


def _package_reexport(cycle: str) -> bool:
    names = cycle.split(" -> ")
    packages = [n for n in names if (ROOT / Path(*n.split("."))).is_dir()]
    return bool(packages) and all(
        any(n.startswith(p + ".") or n == p for p in packages) for n in names)


def test_pulp_is_imported_only_in_model():
    users = sorted(name for name, path in MODULES.items()
                   if any(m == "pulp" or m.startswith("pulp.")
                          for m in _runtime_imports(path)))
    assert users and all(u.startswith("optimizer.model.") for u in users), users


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
