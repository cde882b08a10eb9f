"""The laws of domain.md, checked on random trees against a plain-Python reference written from the spec.

- a parent's value aggregates the underlying values (sum; ratio of sums; weighted mean; last stock);
- a parent's status comes from its aggregated value and target, never from its children's colours;
- a ratio is a ratio of sums, never a sum or mean of ratios;
- aggregating children then scoring equals scoring the aggregate (units then time = time then units).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.arithmetic import performance_of
from scorecard.domain import Definition, Frequency, Kind, ObjectiveKind, Polarity, Status, Thresholds
from scorecard.evaluate import ObjectiveShape, PlanShape, evaluate, roll
from scorecard.rollup import Tree

KINDS = [Kind.COUNT, Kind.STOCK, Kind.AVERAGE, Kind.RATIO]
POLS = [Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER]
MONTHS = [202501, 202502, 202503]


@dataclass
class Case:
    parents: list[int]
    levels: list[str]
    kind: Kind
    polarity: Polarity
    reporting: tuple[str, ...]
    results: dict[tuple[int, int], tuple[float, float | None, float | None, float | None]]
    targets: dict[tuple[int, int], float]
    factor: float


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(2, 14))
    parents = [-1] + [draw(st.integers(0, i - 1)) for i in range(1, n)]
    depth = [0] * n
    for i in range(1, n):
        depth[i] = depth[parents[i]] + 1
    levels = [f"L{d}" for d in depth]
    kind = draw(st.sampled_from(KINDS))
    polarity = draw(st.sampled_from(POLS))
    present = sorted(set(levels))
    reporting = tuple(draw(st.lists(st.sampled_from(present), min_size=1, max_size=2, unique=True)))
    results: dict[tuple[int, int], tuple[float, float | None, float | None, float | None]] = {}
    targets: dict[tuple[int, int], float] = {}
    with_nobs = draw(st.booleans())
    for u in range(n):
        for m in MONTHS:
            if levels[u] in reporting and draw(st.booleans()):
                if kind is Kind.RATIO:
                    den = float(draw(st.integers(1, 500)))
                    num = float(draw(st.integers(0, int(den))))
                    results[(u, m)] = (num / den, num, den, None)
                elif kind is Kind.AVERAGE:
                    nobs = float(draw(st.integers(1, 40))) if with_nobs else None
                    results[(u, m)] = (float(draw(st.integers(1, 60))), None, None, nobs)
                else:
                    results[(u, m)] = (float(draw(st.integers(0, 90))), None, None, None)
            if levels[u] in reporting and draw(st.booleans()):
                targets[(u, m)] = float(draw(st.integers(0, 80)))
    return Case(parents, levels, kind, polarity, reporting, results, targets, 100.0 if kind is Kind.RATIO else 1.0)


# --- the reference, written from domain.md without the engine ------------------------------------------


def ref_components(c: Case, u: int, m: int) -> tuple[float, float, float, float, float] | None:
    """(Σ value·n, Σ n, Σ value, count, unknown-n count) — or (Σ num, Σ den) for ratios — for unit u, month m.

    A unit's own filed figure wins; otherwise its children's components add up."""
    own = c.results.get((u, m))
    if own is not None:
        value, num, den, nobs = own
        if c.kind is Kind.RATIO:
            return (num or 0.0, den or 0.0, 0.0, 0.0, 0.0)
        if c.kind is Kind.AVERAGE:
            if nobs is None:
                return (0.0, 0.0, value, 1.0, 1.0)
            return (value * nobs, nobs, value, 1.0, 0.0)
        return (value, 0.0, 0.0, 0.0, 0.0)
    kids = [ref_components(c, k, m) for k in range(len(c.parents)) if c.parents[k] == u]
    found = [k for k in kids if k is not None]
    if not found:
        return None
    return tuple(sum(x[i] for x in found) for i in range(5))  # type: ignore[return-value]


def ref_value_of(c: Case, comps: tuple[float, ...] | None) -> float:
    if comps is None:
        return math.nan
    if c.kind is Kind.RATIO:
        return comps[0] / comps[1] * c.factor if comps[1] > 0 else math.nan
    if c.kind is Kind.AVERAGE:
        return comps[0] / comps[1] if comps[4] == 0 and comps[1] > 0 else comps[2] / comps[3]
    return comps[0]


def ref_value(c: Case, u: int, months: list[int]) -> float:
    per_month = {m: ref_components(c, u, m) for m in months}
    filed = {m: x for m, x in per_month.items() if x is not None}
    if not filed:
        return math.nan
    if c.kind is Kind.STOCK:
        return ref_value_of(c, filed[max(filed)])
    return ref_value_of(c, tuple(sum(x[i] for x in filed.values()) for i in range(5)))


def ref_weight(c: Case, u: int, m: int) -> float | None:
    """What weighs a child's ratio / average target: its denominator / observations that month."""
    comps = ref_components(c, u, m)
    if comps is None or comps[1] <= 0 or (c.kind is Kind.AVERAGE and comps[4] > 0):
        return None
    return comps[1]


def ref_target_components(c: Case, u: int, m: int) -> tuple[float, float, float, float, float] | None:
    """(Σ t·w, Σ w, Σ t, count, unknown-w count) over the underlying targets; an own target wins."""
    own = c.targets.get((u, m))
    if own is not None:
        w = ref_weight(c, u, m) if c.kind in (Kind.RATIO, Kind.AVERAGE) else 1.0
        return (own * (w or 1.0), w or 1.0, own, 1.0, 0.0 if w is not None else 1.0)
    kids = [ref_target_components(c, k, m) for k in range(len(c.parents)) if c.parents[k] == u]
    found = [k for k in kids if k is not None]
    if not found:
        return None
    return tuple(sum(x[i] for x in found) for i in range(5))  # type: ignore[return-value]


def ref_target_month(c: Case, u: int, m: int) -> float:
    comps = ref_target_components(c, u, m)
    if comps is None:
        return math.nan
    if c.kind in (Kind.COUNT, Kind.STOCK):
        return comps[2]
    return comps[0] / comps[1] if comps[4] == 0 and comps[1] > 0 else comps[2] / comps[3]


def ref_target(c: Case, u: int, months: list[int]) -> float:
    if c.kind is Kind.STOCK:
        per = {m: ref_target_month(c, u, m) for m in months}
        per = {m: t for m, t in per.items() if not math.isnan(t)}
        if not per:
            return math.nan
        filed = [m for m in months if ref_components(c, u, m) is not None]
        last = max(filed) if filed else None
        return per[last] if last in per else per[max(per)]
    found = [x for m in months if (x := ref_target_components(c, u, m)) is not None]
    if not found:
        return math.nan
    comps = tuple(sum(x[i] for x in found) for i in range(5))
    if c.kind is Kind.COUNT:
        return comps[2]
    return comps[0] / comps[1] if comps[4] == 0 and comps[1] > 0 else comps[2] / comps[3]


def ref_due(c: Case, u: int) -> bool:
    """Due where the unit or someone below it reports the indicator."""
    return c.levels[u] in c.reporting or any(ref_due(c, k) for k in range(len(c.parents)) if c.parents[k] == u)


# --- the engine -----------------------------------------------------------------------------------------


def run_engine(c: Case, months: list[int]) -> pd.DataFrame:
    tree = Tree.build(list(range(len(c.parents))), [None if p < 0 else p for p in c.parents], c.levels)
    d = Definition(1, "X", c.kind, c.polarity, Frequency.MONTHLY, factor=c.factor, levels=c.reporting)
    plan = PlanShape((d,), (0,), (ObjectiveShape(1, "O", "O", ObjectiveKind.STRATEGIC, -1, 1.0),))
    res = pd.DataFrame(
        [
            {"ind": 0, "unit": u, "month": m, "value": v, "num": n, "den": dd, "nobs": o}
            for (u, m), (v, n, dd, o) in c.results.items()
        ],
        columns=["ind", "unit", "month", "value", "num", "den", "nobs"],
    ).astype({"value": float, "num": float, "den": float, "nobs": float})
    tgt = pd.DataFrame(
        [{"ind": 0, "unit": u, "month": m, "target": t} for (u, m), t in c.targets.items()],
        columns=["ind", "unit", "month", "target"],
    ).astype({"target": float})
    return evaluate(tree, plan, roll(tree, plan, res, tgt), months, institution_root=0).indicators


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


LAWS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LAWS
@given(cases(), st.sampled_from([[202502], MONTHS]))
def test_every_unit_aggregates_the_underlying_values(c: Case, months: list[int]) -> None:
    got = run_engine(c, months)
    for u in range(len(c.parents)):
        row = got.iloc[u]
        assert same(row["value"], ref_value(c, u, months)), (u, row["value"], ref_value(c, u, months))
        assert same(row["target"], ref_target(c, u, months)), (u, row["target"], ref_target(c, u, months))


@LAWS
@given(cases(), st.sampled_from([[202502], MONTHS]))
def test_a_status_comes_from_the_aggregated_value_and_target(c: Case, months: list[int]) -> None:
    got = run_engine(c, months)
    th = Thresholds()
    for u in range(len(c.parents)):
        value, target = ref_value(c, u, months), ref_target(c, u, months)
        p = performance_of(None if math.isnan(value) else value, None if math.isnan(target) else target, c.polarity)
        if not ref_due(c, u):
            expected = Status.NOT_DUE
        elif math.isnan(value):
            expected = Status.NO_DATA
        elif p is None:
            expected = Status.NO_TARGET
        else:
            expected = th.status_of(min(p, 1.0))
        assert Status(int(got.iloc[u]["status"])) is expected


@LAWS
@given(cases())
def test_units_then_time_equals_time_then_units(c: Case) -> None:
    """For flows, ratios and means the year-to-date figure of a parent is the same whichever way it is
    summed: the engine's YTD equals the reference built month by month from the leaves."""
    if c.kind is Kind.STOCK:
        return
    got = run_engine(c, MONTHS)
    for u in range(len(c.parents)):
        assert same(got.iloc[u]["value"], ref_value(c, u, MONTHS))


def test_a_ratio_is_a_ratio_of_sums_never_a_mean_of_ratios() -> None:
    # two districts: 1 homicide in 10,000 people, 9 in 990,000
    c = Case(
        [-1, 0, 0],
        ["n", "d", "d"],
        Kind.RATIO,
        Polarity.LOWER_IS_BETTER,
        ("d",),
        {(1, 202501): (0.0, 1.0, 10_000.0, None), (2, 202501): (0.0, 9.0, 990_000.0, None)},
        {},
        100_000.0,
    )
    value = run_engine(c, [202501]).iloc[0]["value"]
    assert value == pytest.approx(1.0)  # 10 per 1,000,000 → 1 per 100,000
    mean_of_rates = (10.0 + 9 / 990_000 * 100_000) / 2
    assert value != pytest.approx(mean_of_rates)


def test_a_parent_is_not_the_average_of_its_childrens_colours() -> None:
    # child A: 10 homicides against 5 (red, p = 0.5); child B: 0 against 5 (green, p = 1)
    # the parent: 10 against 10 → green, though the mean of the children's p (0.75) would be yellow
    c = Case(
        [-1, 0, 0],
        ["n", "d", "d"],
        Kind.COUNT,
        Polarity.LOWER_IS_BETTER,
        ("d",),
        {(1, 202501): (10.0, None, None, None), (2, 202501): (0.0, None, None, None)},
        {(1, 202501): 5.0, (2, 202501): 5.0},
        1.0,
    )
    got = run_engine(c, [202501])
    assert [Status(int(s)) for s in got["status"]] == [Status.GREEN, Status.RED, Status.GREEN]
    assert got.iloc[0]["performance"] == pytest.approx(1.0)


def test_own_figure_of_a_reporting_parent_wins_over_its_children() -> None:
    c = Case(
        [-1, 0, 0],
        ["n", "d", "d"],
        Kind.COUNT,
        Polarity.HIGHER_IS_BETTER,
        ("n", "d"),
        {
            (0, 202501): (7.0, None, None, None),
            (1, 202501): (3.0, None, None, None),
            (2, 202501): (2.0, None, None, None),
        },
        {},
        1.0,
    )
    assert run_engine(c, [202501]).iloc[0]["value"] == 7.0


def test_a_stock_keeps_its_last_month_with_data_over_time() -> None:
    c = Case(
        [-1, 0],
        ["n", "d"],
        Kind.STOCK,
        Polarity.HIGHER_IS_BETTER,
        ("d",),
        {(1, 202501): (100.0, None, None, None), (1, 202502): (120.0, None, None, None)},
        {(1, 202501): 90.0, (1, 202502): 125.0, (1, 202503): 200.0},
        1.0,
    )
    row = run_engine(c, MONTHS).iloc[0]
    assert (row["value"], row["target"]) == (120.0, 125.0)  # March has no data: February's target


def test_averages_weight_by_observations_and_fall_back_to_a_plain_mean() -> None:
    weighted = Case(
        [-1, 0, 0],
        ["n", "d", "d"],
        Kind.AVERAGE,
        Polarity.LOWER_IS_BETTER,
        ("d",),
        {(1, 202501): (10.0, None, None, 90.0), (2, 202501): (20.0, None, None, 10.0)},
        {},
        1.0,
    )
    assert run_engine(weighted, [202501]).iloc[0]["value"] == pytest.approx(11.0)
    plain = Case(
        [-1, 0, 0],
        ["n", "d", "d"],
        Kind.AVERAGE,
        Polarity.LOWER_IS_BETTER,
        ("d",),
        {(1, 202501): (10.0, None, None, 90.0), (2, 202501): (20.0, None, None, None)},
        {},
        1.0,
    )
    assert run_engine(plain, [202501]).iloc[0]["value"] == pytest.approx(15.0)


def test_average_targets_without_weights_are_a_plain_mean_of_the_underlying_targets() -> None:
    # district 1 has two circuits with targets 10 and 20; district 2 one circuit with 60
    c = Case(
        [-1, 0, 0, 1, 1, 2],
        ["n", "d", "d", "c", "c", "c"],
        Kind.AVERAGE,
        Polarity.LOWER_IS_BETTER,
        ("c",),
        {
            (3, 202501): (5.0, None, None, None),
            (4, 202501): (5.0, None, None, None),
            (5, 202501): (5.0, None, None, None),
        },
        {(3, 202501): 10.0, (4, 202501): 20.0, (5, 202501): 60.0},
        1.0,
    )
    assert run_engine(c, [202501]).iloc[0]["target"] == pytest.approx(30.0)  # not (15 + 60) / 2


def test_ratio_targets_set_as_rates_are_weighted_by_denominators() -> None:
    c = Case(
        [-1, 0, 0],
        ["n", "d", "d"],
        Kind.RATIO,
        Polarity.LOWER_IS_BETTER,
        ("d",),
        {(1, 202501): (0.0, 1.0, 10_000.0, None), (2, 202501): (0.0, 9.0, 990_000.0, None)},
        {(1, 202501): 20.0, (2, 202501): 1.0},
        100_000.0,
    )
    # (20 × 10,000 + 1 × 990,000) / 1,000,000
    assert run_engine(c, [202501]).iloc[0]["target"] == pytest.approx(1.19)


def test_engine_scales_to_a_national_tree() -> None:
    """Sanity on size, not speed: 1,900 units × 1 indicator × 12 months aggregate to the grand total."""
    rng = np.random.default_rng(1)
    parents = [-1] + [int(rng.integers(0, max(1, i // 3 + 1))) for i in range(1, 1900)]
    children = {p for p in parents if p >= 0}
    leaves = [u for u in range(1900) if u not in children]
    levels = ["leaf" if u in set(leaves) else "node" for u in range(1900)]
    results = {(u, m): (float(rng.integers(0, 5)), None, None, None) for u in leaves for m in range(202501, 202513)}
    c = Case(parents, levels, Kind.COUNT, Polarity.LOWER_IS_BETTER, ("leaf",), results, {}, 1.0)
    got = run_engine(c, list(range(202501, 202513)))
    assert got.iloc[0]["value"] == sum(v[0] for v in results.values())
