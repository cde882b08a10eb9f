"""A unit over time (spec/statistics.md §3): the band a count is expected in, month by month, from the
unit's own previous 24 months, and whether a month falls outside it by more than chance allows.

μ = the mean of the filed values among the 24 months before month m, when at least 12 are filed (fewer:
no band, no flag).  Band: the 0.001 and 0.999 quantiles of Poisson(μ).  ``high`` when P(X ≥ O | μ) < 0.001,
``low`` when P(X ≤ O | μ) < 0.001.  μ = 0 means X = 0 surely: any event is ``high``, 0 is within.
Only whole counts get a flag: a figure with decimals is not a number of events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from scorecard.domain import Kind
from scorecard.periods import Period, add_months, months_between
from scorecard.rollup import finish

if TYPE_CHECKING:
    from scorecard.store import Store

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

WINDOW = 24  # months of history before the month judged
MIN_FILED = 12  # fewer filed months than this: no band
TAIL = 0.001
HIGH, LOW = 1, -1  # codes of tail_flags
FLAG_WORDS = {HIGH: "high", LOW: "low"}


@dataclass(frozen=True)
class Band:
    mu: float
    lower: float
    upper: float
    flag: str | None  # "high", "low" or None


def is_whole(x: FloatArray) -> npt.NDArray[np.bool_]:
    return np.isfinite(x) & (np.abs(x - np.round(x)) < 1e-9)


def expected(history: FloatArray) -> FloatArray:
    """μ per row of ``history`` ([series, months], NaN = not filed): NaN where fewer than 12 are filed."""
    filed = np.isfinite(history)
    count = filed.sum(axis=-1)
    total = np.where(filed, history, 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count >= MIN_FILED, total / np.maximum(count, 1), np.nan)


def tail_flags(observed: FloatArray, mu: FloatArray) -> npt.NDArray[np.int8]:
    """HIGH, LOW or 0 per value; 0 where μ is NaN or the value is not a whole count (the tails are
    computed for the judged values only: most of a first import has no history)."""
    o = np.asarray(observed, dtype=float)
    m = np.asarray(mu, dtype=float)
    out = np.zeros(o.shape, dtype=np.int8)
    judged = np.nonzero(is_whole(o) & np.isfinite(m) & (m >= 0))[0]
    if judged.size == 0:
        return out
    from scipy.stats import poisson  # lazily: an import without history never needs it

    o_j, m_j = o[judged], m[judged]
    zero = m_j == 0  # X = 0 surely: P(X ≥ O) is 0 for any event, P(X ≤ O) is 1
    p_high = np.where(zero, np.where(o_j > 0, 0.0, 1.0), poisson.sf(o_j - 1, np.where(zero, 1.0, m_j)))
    p_low = np.where(zero, 1.0, poisson.cdf(o_j, np.where(zero, 1.0, m_j)))
    out[judged] = np.where(p_high < TAIL, HIGH, np.where(p_low < TAIL, LOW, 0))
    return out


def limits(mu: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The band's lower and upper counts (NaN where μ is)."""
    from scipy.stats import poisson

    m = np.asarray(mu, dtype=float)
    ok = np.isfinite(m)
    safe = np.where(ok, m, 1.0)
    lower = np.where(ok, poisson.ppf(TAIL, safe), np.nan)
    upper = np.where(ok, poisson.ppf(1 - TAIL, safe), np.nan)
    return np.where(ok & (m == 0), 0.0, lower), np.where(ok & (m == 0), 0.0, upper)


def band(history: Sequence[float | None], observed: float | None) -> Band | None:
    """The band of one month from the unit's 24 previous months (None = not filed); None when fewer than
    12 of them are filed.  ``observed`` None: the band without a flag."""
    h = np.array([np.nan if v is None else float(v) for v in history], dtype=float)
    mu = float(expected(h[None, :])[0])
    if not np.isfinite(mu):
        return None
    lower, upper = limits(np.array([mu]))
    o = np.nan if observed is None else float(observed)
    code = int(tail_flags(np.array([o]), np.array([mu]))[0])
    return Band(mu, float(lower[0]), float(upper[0]), FLAG_WORDS.get(code))


def rolling(series: FloatArray, at: IntArray, rows: IntArray | None = None) -> FloatArray:
    """μ at position ``at[k]`` of row ``rows[k]`` of ``series`` ([rows, months], NaN = not filed; ``rows``
    defaults to one per row), from the 24 positions before it: prefix sums over the series once, so a
    national file's 76,000 series cost two cumulative sums whatever the number of values asked."""
    filed = np.isfinite(series)
    zeros = np.zeros((series.shape[0], 1))
    total = np.concatenate([zeros, np.cumsum(np.where(filed, series, 0.0), axis=1)], axis=1)
    count = np.concatenate([zeros, np.cumsum(filed, axis=1)], axis=1)
    r = np.arange(series.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
    end = np.asarray(at, dtype=np.int64)
    start = np.maximum(end - WINDOW, 0)
    s, n = total[r, end] - total[r, start], count[r, end] - count[r, start]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n >= MIN_FILED, s / np.maximum(n, 1), np.nan)


def month_index(month: IntArray | int) -> IntArray:
    """yyyymm → months since year 0, so windows are plain subtraction."""
    m = np.asarray(month, dtype=np.int64)
    return (m // 100) * 12 + m % 100 - 1


def control_chart(
    store: Store, institution: str, indicator: str, unit: str | None, first_month: int, last_month: int
) -> list[dict[str, Any]]:
    """The unit's count month by month from ``first_month`` to ``last_month``, as the scorecard shows it,
    with its band and flag: [{period, value, mu, lower, upper, flag}].  Not a count indicator: []."""
    start = add_months(first_month, -WINDOW)
    with store.reading() as s:
        p = store.scoring.prepare(s, institution, start, last_month, unit, indicator=indicator.strip().upper())
    if not p.plan.definitions or p.plan.definitions[0].kind is not Kind.COUNT:
        return []
    months = months_between(start, last_month)
    series = np.full(len(months), np.nan)
    one = finish(p.rolled.results, p.plan.kind_codes, p.plan.array("factor", 1.0))
    mine = one[one["unit"] == 0]  # unit 0: the selected unit, its children rolled up into it
    at = month_index(mine["month"].to_numpy(np.int64)) - month_index(start)
    series[at] = mine["value"].to_numpy(float)
    shown = np.arange(WINDOW, len(months))
    mu = rolling(np.broadcast_to(series, (len(shown), len(months))), shown)
    lower, upper = limits(mu)
    flags = tail_flags(series[shown], mu)
    out = []
    for i, k in enumerate(shown):
        value = series[k]
        out.append(
            {
                "period": Period.of_month(months[k]).code,
                "month": months[k],
                "value": None if np.isnan(value) else float(value),
                "mu": None if np.isnan(mu[i]) else float(mu[i]),
                "lower": None if np.isnan(lower[i]) else float(lower[i]),
                "upper": None if np.isnan(upper[i]) else float(upper[i]),
                "flag": FLAG_WORDS.get(int(flags[i])),
            }
        )
    return out


def flagged_figures(store: Store, institution: str, month: int, units: Sequence[str]) -> dict[str, int]:
    """For the review queue: per unit code, how many count figures filed in its subtree for ``month`` fall
    outside their own unit's band (each against the stored 24 months before).  Two queries in all."""
    from sqlalchemy import select

    from scorecard.fetch import fetch_frame
    from scorecard.models import Result, Unit, UnitClosure

    if not units:
        return {}
    first = add_months(month, -WINDOW)
    with store.reading() as s:
        inst = store.institution(s, institution)
        plan, _ = store.plans.shape(s, inst, month)
        counts = [d.indicator_id for d in plan.definitions if d.kind is Kind.COUNT]
        wanted = dict(
            s.execute(
                select(Unit.id, Unit.code).where(Unit.institution_id == inst.id, Unit.code.in_(list(units)))
            ).all()
        )
        out = dict.fromkeys(wanted.values(), 0)
        if not counts or not wanted:
            return out
        below = select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id.in_(list(wanted)))
        q = select(Result.indicator_id, Result.unit_id, Result.month, Result.value).where(
            Result.indicator_id.in_(counts), Result.month >= first, Result.month <= month, Result.unit_id.in_(below)
        )
        h = fetch_frame(s, q, ["ind", "unit", "month", "value"]).to_numpy()
        pairs = s.execute(
            select(UnitClosure.ancestor_id, UnitClosure.descendant_id).where(UnitClosure.ancestor_id.in_(list(wanted)))
        ).all()
    if not h.size:
        return out
    key = (h[:, 0].astype(np.int64) << 32) | h[:, 1].astype(np.int64)
    series, row = np.unique(key, return_inverse=True)
    t = month_index(h[:, 2].astype(np.int64)) - month_index(first)
    grid = np.full((series.size, WINDOW + 1), np.nan)
    grid[row, t] = h[:, 3]
    now = np.isfinite(grid[:, WINDOW])  # the series filed this month
    mu = rolling(grid[now], np.full(int(now.sum()), WINDOW))
    hit = tail_flags(grid[now, WINDOW], mu) != 0
    per_unit = np.bincount((series[now][hit] & 0xFFFFFFFF).astype(np.int64))
    for ancestor, descendant in pairs:
        if descendant < per_unit.size:
            out[wanted[ancestor]] += int(per_unit[descendant])
    return out
