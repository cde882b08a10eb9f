"""The roll-up's grid engine (scorecard/rollup_grid.py) against a plain-Python roll-up written here, on a
random tree with figures filed at several levels, several indicators and months; and its three ways of
giving the same figures: one grid or many slices of columns, a month read off the grids or from rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard import evaluate as evaluate_module
from scorecard import rollup_grid
from scorecard.domain import Definition, Frequency, Kind, ObjectiveKind, Polarity
from scorecard.evaluate import ObjectiveShape, PlanShape, evaluate, roll
from scorecard.rollup import COMPONENTS, Tree, components, rollup

MONTHS = [202411, 202412, 202501, 202502]
KINDS = [Kind.COUNT, Kind.STOCK, Kind.AVERAGE, Kind.RATIO, Kind.COUNT]


def _world(seed: int) -> tuple[Tree, PlanShape, pd.DataFrame, pd.DataFrame, list[int]]:
    rng = np.random.default_rng(seed)
    n = 60
    parents = [-1] + [int(rng.integers(0, i)) for i in range(1, n)]
    depth = [0] * n
    for i in range(1, n):
        depth[i] = depth[parents[i]] + 1
    levels = [f"L{d}" for d in depth]
    tree = Tree.build(list(range(n)), [None if p < 0 else p for p in parents], levels)
    definitions = tuple(
        Definition(
            indicator_id=k + 1,
            code=f"I{k}",
            kind=kind,
            polarity=Polarity.HIGHER_IS_BETTER,
            frequency=Frequency.MONTHLY,
            factor=100.0 if kind is Kind.RATIO else 1.0,
        )
        for k, kind in enumerate(KINDS)
    )
    plan = PlanShape(
        definitions, tuple(0 for _ in KINDS), (ObjectiveShape(1, "O1", "O", ObjectiveKind.STRATEGIC, -1, 1.0),)
    )
    rows, targets = [], []
    for k, kind in enumerate(KINDS):
        for u in range(n):
            for m in MONTHS:
                # leaves mostly file; a few units above file too (their own figure wins over their children's)
                is_leaf = u not in parents
                if rng.random() < (0.8 if is_leaf else 0.15):
                    if kind is Kind.RATIO:
                        den = float(rng.integers(1, 50))
                        num = float(rng.integers(0, int(den) + 1))
                        rows.append((k, u, m, num / den * 100, num, den, np.nan))
                    elif kind is Kind.AVERAGE:
                        nobs = float(rng.integers(1, 9)) if rng.random() < 0.8 else np.nan
                        rows.append((k, u, m, round(float(rng.normal(10, 3)), 2), np.nan, np.nan, nobs))
                    else:
                        rows.append((k, u, m, float(rng.poisson(5)), np.nan, np.nan, np.nan))
                if rng.random() < (0.7 if is_leaf else 0.1):
                    targets.append((k, u, m, round(float(rng.uniform(1, 20)), 2)))
    results = pd.DataFrame(rows, columns=["ind", "unit", "month", "value", "num", "den", "nobs"])
    results["on_time"] = True
    return tree, plan, results, pd.DataFrame(targets, columns=["ind", "unit", "month", "target"]), parents


def _plain_rollup(results: pd.DataFrame, kinds: np.ndarray, parents: list[int]) -> dict[tuple[int, int, int], list]:
    """Components per (ind, unit, month): a unit's own, else the sum of its children's (deepest first)."""
    comps = components(results, kinds)
    own = {
        (int(i), int(u), int(m)): [float(x) for x in comps[r]]
        for r, (i, u, m) in enumerate(zip(results["ind"], results["unit"], results["month"], strict=True))
    }
    depth = [0] * len(parents)
    for u in range(1, len(parents)):
        depth[u] = depth[parents[u]] + 1
    out = dict(own)
    for u in sorted(range(len(parents)), key=lambda x: -depth[x]):
        p = parents[u]
        if p < 0:
            continue
        for (i, unit, m), c in list(out.items()):
            if unit == u and (i, p, m) not in own:
                acc = out.setdefault((i, p, m), [0.0] * 5)
                for j in range(5):
                    acc[j] += c[j]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_grid_rolls_up_as_a_plain_loop_does(seed: int) -> None:
    tree, plan, results, _targets, parents = _world(seed)
    kinds = plan.kind_codes
    keys = tuple(results[k].to_numpy(np.int64) for k in ("ind", "unit", "month"))
    rolled, _ = rollup(tree, (keys, components(results, kinds)), None, kinds)  # type: ignore[arg-type]
    expected = _plain_rollup(results, kinds, parents)
    got = {
        (int(r.ind), int(r.unit), int(r.month)): [getattr(r, c) for c in COMPONENTS]
        for r in rolled.itertuples(index=False)
    }
    assert got.keys() == expected.keys()
    for key, comps in expected.items():
        assert got[key] == pytest.approx(comps, rel=1e-12, abs=1e-12), key
    # rows come out ordered by month: a period is a slice
    assert (np.diff(rolled["month"].to_numpy()) >= 0).all()


def _figures(tree: Tree, plan: PlanShape, results: pd.DataFrame, targets: pd.DataFrame) -> list[pd.DataFrame]:
    rolled = roll(tree, plan, results, targets)
    periods = [[m] for m in MONTHS] + [MONTHS[:2], MONTHS]
    return [evaluate(tree, plan, rolled, months).indicators for months in periods] + [rolled.results, rolled.targets]


@pytest.mark.parametrize("seed", [4, 5])
def test_slices_of_columns_and_months_read_from_rows_give_the_same_figures(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree, plan, results, targets, _parents = _world(seed)
    whole = _figures(tree, plan, results, targets)
    # one column per slice at most: every month spread over several slices, so each month is read
    # from rows (the grids cannot give a month that straddles slices)
    monkeypatch.setattr(rollup_grid, "GRID_BYTES", 1)
    sliced = _figures(tree, plan, results, targets)
    # slices of whole months: each month read off its slice's grid
    monkeypatch.setattr(rollup_grid, "GRID_BYTES", tree.size * 6 * 8 * len(KINDS))
    by_month = _figures(tree, plan, results, targets)
    monkeypatch.undo()
    monkeypatch.setattr(evaluate_module, "month_figures", lambda *_a, **_k: None)  # always from rows
    from_rows = _figures(tree, plan, results, targets)
    for other in (sliced, by_month, from_rows):
        for first, second in zip(whole, other, strict=True):
            by = ["ind", "unit", "month"] if "month" in first else ["ind", "unit"]
            a, b = (f.sort_values(by, ignore_index=True) for f in (first, second))
            assert list(a.columns) == list(b.columns)
            for c in a.columns:
                assert np.array_equal(a[c].to_numpy(float), b[c].to_numpy(float), equal_nan=True), c
