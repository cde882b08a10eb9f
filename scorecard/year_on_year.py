"""This year beside last year: every figure of a scorecard with the same period a year earlier.

The previous figure is what last year's scorecard showed for the same unit and months: the same
:meth:`scorecard.scoring.Scoring.prepare` and :func:`scorecard.evaluate.evaluate` (roll-up over the tree,
aggregation over time per kind), run over the months a year back and scored with the definitions in force
then (domain-decisions: every month is scored with the version in force at that month).  A year to date
compares with the previous year's year to date up to the same month.

``change`` is in the indicator's own units (homicides, a rate per 100 000…); ``change_pct`` is the change
as a percentage of the previous figure (−12.5 means 12.5 % less), null when either figure is missing or
the previous one is 0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from scorecard import certification
from scorecard.domain import Polarity
from scorecard.figures import Figures
from scorecard.formatting import signed_number, signed_percent
from scorecard.rollup import finish, over_time, result_components, rollup_units

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from scorecard.scoring import Prepared
    from scorecard.store import Store

FloatArray = npt.NDArray[np.float64]


def previous_months(months: list[int]) -> list[int]:
    """The same months a year earlier (month keys are ``year × 100 + month``)."""
    return [m - 100 for m in months]


def previous_values(store: Store, session: Session, prepared: Prepared, months: list[int]) -> FloatArray:
    """Per (indicator, unit) of ``prepared`` (the period's own preparation): the value of the same months
    a year earlier, NaN where last year has no figure or the indicator was not defined yet.

    The figure :func:`scorecard.evaluate.evaluate` gives for those months, computed by its own steps —
    components rolled up the tree, aggregated over time, finished — over the period's tree (the tree has
    no history: last year's scorecard, computed today, rolls up the same), with the definitions in force
    at the last of those months.  Only the values: no targets, statuses or scores, nothing read twice."""
    back = previous_months(months)
    plan, _ = store.plans.shape(session, prepared.institution, back[-1])
    out = np.full((prepared.plan.size, prepared.tree.size), np.nan)
    if plan.size == 0:  # nothing was defined yet
        return out
    ids = [d.indicator_id for d in plan.definitions]
    scope = None if prepared.at_root else prepared.units[0].id
    frame = Figures.result_frame(session, scope, ids, back[0], back[-1], prepared.institution.deadline_days)
    frame = certification.overlay(frame, certification.frame(session, scope, ids, back[0], back[-1]))  # as shown
    unit_index = prepared.tree.index_of()
    frame = frame[frame["unit_id"].isin(unit_index)]
    if frame.empty:
        return out
    ind_index = {iid: k for k, iid in enumerate(ids)}
    results = frame.assign(
        ind=frame["indicator_id"].map(ind_index).astype("int64"),
        unit=frame["unit_id"].map(unit_index).astype("int64"),
    ).drop(columns=["indicator_id", "unit_id"])
    kinds, factor = plan.kind_codes, plan.array("factor", 1.0)
    comps = rollup_units(result_components(results, kinds), prepared.tree, kinds)
    agg = finish(comps if len(back) == 1 else over_time(comps, kinds), kinds, factor)  # as evaluate does
    now = {d.indicator_id: k for k, d in enumerate(prepared.plan.definitions)}
    rows = np.array([now.get(iid, -1) for iid in ids], dtype=np.int64)[agg["ind"].to_numpy(np.int64)]
    kept = rows >= 0
    out[rows[kept], agg["unit"].to_numpy(np.int64)[kept]] = agg["value"].to_numpy(float)[kept]
    return out


def change(value: float | None, previous: float | None) -> tuple[float | None, float | None]:
    """``(value − previous, that change as a percentage of previous)``; None where it cannot be said."""
    if value is None or previous is None or math.isnan(value) or math.isnan(previous):
        return None, None
    diff = value - previous
    return diff, (diff / previous * 100.0 if previous != 0 else None)


def verdict(polarity: Polarity, change_: float | None) -> int:
    """+1 when the change is an improvement for the indicator's polarity (a fall in homicides), −1 when
    a worsening, 0 for neither (no change, no figure, an in-band indicator: its better lies in a band)."""
    if change_ is None or change_ == 0 or polarity is Polarity.IN_BAND:
        return 0
    return 1 if (change_ > 0) == (polarity is Polarity.HIGHER_IS_BETTER) else -1


def arrow_text(change_: float | None, change_pct: float | None, lang: str) -> str:
    """``▼ −19,2 %``: the way it went and the percentage (the change in the indicator's units where there
    is no percentage, last year being 0), ``—`` where last year has no figure."""
    if change_ is None:
        return "—"
    arrow = "▲ " if change_ > 0 else "▼ " if change_ < 0 else "= "
    return arrow + (signed_percent(change_pct, lang) if change_pct is not None else signed_number(change_, lang))
