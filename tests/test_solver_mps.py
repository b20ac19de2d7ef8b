"""The CBC path writes the MPS file and reads CBC's answer itself (model.solvers): the file
must be PuLP's own, byte for byte, and the values read the ones PuLP's reader sets."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from optimizer.model.formulation import build_model
from optimizer.model.solvers import _read_cbc_solution, write_mps
from tests.test_solve_properties import instances

QUICK = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _both(make) -> tuple[str, str]:
    """Each writer on a problem of its own: writing an empty objective leaves PuLP's dummy
    column in it (with coefficient 0), so a second write of the same problem differs."""
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp, "ours.mps"), Path(tmp, "pulp.mps")
        write_mps(make(), str(ours))
        make().writeMPS(str(theirs), rename=1)
        return ours.read_text(), theirs.read_text()


@QUICK
@given(instance=instances())
def test_mps_is_pulps_own(instance):
    for elastic in (False, True):
        ours, theirs = _both(lambda e=elastic: build_model(instance, elastic=e).prob)
        assert ours == theirs


def test_mps_of_an_empty_objective_has_pulps_dummy_column():
    import pulp

    def make():
        prob = pulp.LpProblem("p", pulp.LpMaximize)
        x = prob.add_variable("x", 0, 3, pulp.LpInteger)
        prob += pulp.LpConstraint(pulp.LpAffineExpression([(x, 2)]), pulp.LpConstraintLE,
                                  "c", 5)
        prob.setObjective(pulp.LpAffineExpression(constant=0.0))
        return prob

    ours, theirs = _both(make)
    assert ours == theirs and "__dummy" not in ours and "X0000001" in ours


def test_solution_read_like_pulps_reader(tmp_path):
    import pulp

    prob = pulp.LpProblem("p", pulp.LpMaximize)
    xs = [prob.add_variable(f"x{i}", 0, 1, pulp.LpBinary) for i in range(3)]
    prob += pulp.LpConstraint(pulp.LpAffineExpression([(x, 1) for x in xs]),
                              pulp.LpConstraintLE, "c", 2)
    prob.setObjective(pulp.LpAffineExpression([(x, 1) for x in xs]))
    columns = write_mps(prob, str(tmp_path / "p.mps"))
    sol = tmp_path / "p.sol"
    sol.write_text("Optimal - objective value 2.00000000\n"
                   "      0 C0000000             2                      1\n"
                   "      0 X0000000             1                      0\n"
                   "**    2 X0000002             1                     -1\n")
    _read_cbc_solution(str(sol), columns)
    assert [x.varValue for x in xs] == [1.0, 0, 1.0]
    assert xs[1].dj is None and xs[2].dj == -1.0


@QUICK
@given(instance=instances())
def test_mps_written_in_small_batches_is_pulps_own(instance):
    """The COLUMNS section goes out a batch of lines at a time: batches of one line and
    of three give PuLP's file too."""
    import optimizer.model.solvers as solvers

    saved = solvers.MPS_BATCH
    try:
        for batch in (0, 3):
            solvers.MPS_BATCH = batch
            ours, theirs = _both(lambda: build_model(instance, elastic=True).prob)
            assert ours == theirs
    finally:
        solvers.MPS_BATCH = saved


def test_mps_zero_coefficients_keep_their_sign():
    """0.0 and -0.0 are one key of a dict but two texts in the file (' 0.0...', '-0.0...'),
    as PuLP writes each; a repeated coefficient is written from its first text."""
    import pulp

    def make():
        prob = pulp.LpProblem("p", pulp.LpMaximize)
        xs = [prob.add_variable(f"x{i}", 0, 5, pulp.LpInteger) for i in range(4)]
        for r, coefs in enumerate(([0.0, -0.0, 1.5, 1.5], [-0.0, 0.0, -1.5, 2.0],
                                   [1.5, 1e-13, -0.0, 7.0])):
            prob += pulp.LpConstraint(pulp.LpAffineExpression(list(zip(xs, coefs, strict=True))),
                                      pulp.LpConstraintLE, f"c{r}", 10 + r)
        prob.setObjective(pulp.LpAffineExpression([(x, 1.0 + i) for i, x in enumerate(xs)]))
        return prob

    ours, theirs = _both(make)
    assert ours == theirs and "-0.000000000000e+00" in ours


def test_cbc_finds_the_optimum_its_knapsack_cover_cuts_cut_off():
    """2020 region-cap robustness draw 401 (3 rows, 56 binaries): with its knapsack cover
    cuts, CBC 2.10.3 proves a portfolio worth 18.140903 optimal; the optimum is 18.141086
    (HiGHS and the region-cap DP). grantopt runs CBC without those cuts (CBC_OPTIONS)."""
    from optimizer.analysis.robustness import draw_scores
    from optimizer.model.solve import solve
    from optimizer.study import Study

    study = Study.from_file("scenarios/2020-region-cap-25.toml")
    instance, cfg = study.case.instance, study.scenario.robustness
    row = draw_scores(instance, 402, cfg.seed, weights=cfg.weights)[401]
    model = build_model(instance)
    model.set_scores(row)
    cbc = solve(model.instance, solver="cbc", gap=0.0, model=model)
    highs = solve(instance.with_scores(row), solver="highs", gap=0.0)
    assert abs(cbc.objective - highs.objective) <= 1e-9 * highs.objective
    assert round(highs.objective, 6) == 18.141086
