"""Benchmark 1: the whole national scorecard for a year, every unit × indicator × month, once loaded."""

from __future__ import annotations

import time

import numpy as np

from benchmarks.national import MONTHS, National, build, plain_python_year
from scorecard.evaluate import Evaluation, evaluate, roll

TARGET_S = 1.0


def engine_year(n: National) -> list[Evaluation]:
    rolled = roll(n.tree, n.plan, n.results, n.targets)
    return [evaluate(n.tree, n.plan, rolled, [m], institution_root=0) for m in MONTHS]


def run() -> bool:
    t = time.perf_counter()
    n = build()
    print(
        f"national year: {n.tree.size:,} units, {n.plan.size} indicators, {n.values:,} values "
        f"(generated in {time.perf_counter() - t:.1f} s)"
    )
    engine_year(n)  # warm the imports and caches once
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        evaluations = engine_year(n)
        runs.append(time.perf_counter() - t)
    engine_s = min(runs)
    t = time.perf_counter()
    plain = plain_python_year(n)
    plain_s = time.perf_counter() - t

    # the two must agree before their times mean anything
    checked = 0
    for k, month in enumerate(MONTHS):
        ind = evaluations[k].indicators
        for i in (0, 1, 2, 3, 9):
            for u in (0, 1, 50, 500):
                row = ind.iloc[i * n.tree.size + u]
                value, _status = plain[(i, u, month)]
                assert np.isclose(row["value"], value), (i, u, month, row["value"], value)
                checked += 1
    scored_cells = sum(len(e.indicators) for e in evaluations)
    print(
        f"  engine (numpy/pandas): {engine_s:.3f} s for {scored_cells:,} unit × indicator × month statuses "
        f"and {sum(len(e.objectives) for e in evaluations):,} objective scores (best of 3)"
    )
    print(
        f"  plain Python loop:     {plain_s:.3f} s  → engine is {plain_s / engine_s:.1f}× faster "
        f"(agreement checked on {checked} figures)"
    )
    met = engine_s <= TARGET_S
    print(f"  target ≤ {TARGET_S:.1f} s: {'met' if met else 'MISSED'}")
    return met
