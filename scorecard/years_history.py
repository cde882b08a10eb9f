"""Every year of one indicator's history for a unit and the units right below it (the indicator sheet's
multi-year chart): month by month, and each year's total with its target.

Each year is the scorecard's own figures for that year: the same :meth:`Scoring.prepare` (narrowed to the
indicator) and :func:`scorecard.evaluate.evaluate`, with the definitions in force at the year's last
month, as that year's trend chart shows them.  The annual figure is the aggregate over time per the
indicator's kind (counts summed, stocks at the last month with data, ratios Σnum/Σden × factor, averages
weighted) — the year's scorecard with ``--period YYYY``; the selected period's year runs only up to the
period's last month (its year to date), so a year still under way is not set against a whole year's target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select

from scorecard.domain import Status
from scorecard.models import Result, UnitClosure
from scorecard.periods import Period, month_key
from scorecard.rollup import finish

if TYPE_CHECKING:
    from scorecard.store import Store

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class YearsHistory:
    """``monthly_*`` are indexed [unit, year, month (0–11)], ``annual_*`` [unit, year]: unit 0 the selected
    unit and then its children (by code), years oldest first, NaN where there is no figure."""

    institution: str
    indicator_code: str
    years: tuple[int, ...]
    last_month: int  # the selected period's last month: the last year's figures stop there
    unit_codes: tuple[str, ...]
    unit_names: tuple[str, ...]
    monthly_value: FloatArray
    monthly_target: FloatArray
    annual_value: FloatArray
    annual_target: FloatArray
    annual_status: IntArray  # the year's scorecard status (scorecard.domain.Status)


def first_year(store: Store, institution: str, indicator: str, unit: str | None, at: int) -> int | None:
    """The year of the indicator (as defined at month ``at``)'s first figure filed in the unit's subtree
    (None: nothing filed)."""
    with store.reading() as s:
        prepared = store.scoring.prepare(s, institution, at, at, unit, indicator=indicator)  # and the read check
        if not prepared.plan.definitions:
            return None
        first = s.scalar(
            select(func.min(Result.month))
            .join(UnitClosure, UnitClosure.descendant_id == Result.unit_id)
            .where(
                UnitClosure.ancestor_id == prepared.units[0].id,
                Result.indicator_id == prepared.plan.definitions[0].indicator_id,
            )
        )
    return None if first is None else int(first) // 100


def years_history(
    store: Store, institution: str, period: Period | str, indicator: str, unit: str | None = None
) -> YearsHistory:
    """From the first year with a figure to ``period``'s year (just that year when nothing was filed)."""
    period = Period.parse(period) if isinstance(period, str) else period
    code = indicator.strip().upper()
    start = first_year(store, institution, code, unit, period.last) or period.year
    years = list(range(min(start, period.year), period.year + 1))
    shown: list[int] = []
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    inst_code = institution
    monthly_value = monthly_target = annual_value = annual_target = np.empty(0)
    annual_status = np.empty(0, dtype=np.int64)
    for y, year in enumerate(years):
        months = [month_key(year, m) for m in range(1, 13)]
        with store.reading() as s:
            p = store.scoring.prepare(s, institution, months[0], months[-1], unit, indicator=code)
        if not shown:  # the unit and its children, as the one-year chart lists them
            inst_code = p.institution.code
            children = sorted((int(j) for j in np.nonzero(p.tree.parent == 0)[0]), key=lambda j: p.units[j].code)
            shown = [0, *children]
            codes = tuple(p.units[j].code for j in shown)
            names = tuple(p.units[j].name for j in shown)
            monthly_value = np.full((len(shown), len(years), 12), np.nan)
            monthly_target = np.full((len(shown), len(years), 12), np.nan)
            annual_value = np.full((len(shown), len(years)), np.nan)
            annual_target = np.full((len(shown), len(years)), np.nan)
            annual_status = np.full((len(shown), len(years)), int(Status.NO_DATA), dtype=np.int64)
        if not p.plan.definitions:  # not defined in that year
            continue
        rows = {u: r for r, u in enumerate(shown)}
        # a month alone: the figure is its own components finished, as evaluate does for one month
        one = finish(p.rolled.results, p.plan.kind_codes, p.plan.array("factor", 1.0))
        for frame, out, column in ((one, monthly_value, "value"), (p.rolled.targets, monthly_target, "target")):
            picked = frame[frame["unit"].isin(rows)]
            r = picked["unit"].map(rows).to_numpy(np.int64)
            m = picked["month"].to_numpy(np.int64) % 100 - 1
            out[r, y, m] = picked[column].to_numpy(float)
        until = months if year < period.year else months[: period.last % 100]
        if year == period.year:  # the future: targets only, no figure yet
            monthly_value[:, y, len(until) :] = np.nan
        ev = p.evaluate(until).indicators
        annual_value[:, y] = ev["value"].to_numpy(float)[shown]
        annual_target[:, y] = ev["target"].to_numpy(float)[shown]
        annual_status[:, y] = ev["status"].to_numpy(np.int64)[shown]
    return YearsHistory(
        institution=inst_code,
        indicator_code=code,
        years=tuple(years),
        last_month=period.last,
        unit_codes=codes,
        unit_names=names,
        monthly_value=monthly_value,
        monthly_target=monthly_target,
        annual_value=annual_value,
        annual_target=annual_target,
        annual_status=annual_status,
    )
