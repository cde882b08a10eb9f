"""Every year of one indicator's history for a unit and the units right below it (the indicator sheet's
multi-year chart): month by month, and each year's total with its target.

Each year is the scorecard's own figures for that year: the same :meth:`Scoring.prepare` (narrowed to the
indicator) and :func:`scorecard.evaluate.evaluate`, with the definitions in force at the year's last
month, as that year's trend chart shows them (years under one definition are read and rolled up at
once).  The annual figure is the aggregate over time per the indicator's kind (counts summed, stocks at
the last month with data, ratios Σnum/Σden × factor, averages weighted): the year's scorecard with
``--period YYYY``.  The selected period's year runs only up to the period's last month (its year to
date), so a year still under way is not set against a whole year's target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select

from scorecard.domain import Status
from scorecard.models import IndicatorVersion, Result, UnitClosure
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


def _span(store: Store, institution: str, indicator: str, unit: str | None, at: int) -> tuple[int | None, list[int]]:
    """The year of the indicator's first figure filed in the unit's subtree (None: nothing filed, or the
    indicator is not defined at month ``at``), and the months its definition changed."""
    with store.reading() as s:
        prepared = store.scoring.prepare(s, institution, at, at, unit, indicator=indicator)  # and the read check
        if not prepared.plan.definitions:
            return None, []
        indicator_id = prepared.plan.definitions[0].indicator_id
        first = s.scalar(
            select(func.min(Result.month))
            .join(UnitClosure, UnitClosure.descendant_id == Result.unit_id)
            .where(UnitClosure.ancestor_id == prepared.units[0].id, Result.indicator_id == indicator_id)
        )
        changes = list(
            s.scalars(select(IndicatorVersion.valid_from).where(IndicatorVersion.indicator_id == indicator_id))
        )
    return (None if first is None else int(first) // 100), sorted(changes)


def _runs(years: list[int], changes: list[int]) -> list[list[int]]:
    """Consecutive years whose last month has the same definition in force: each run is read once."""

    def version(year: int) -> int:
        return sum(1 for c in changes if c <= month_key(year, 12))

    runs: list[list[int]] = []
    for year in years:
        if runs and version(runs[-1][-1]) == version(year):
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def years_history(
    store: Store, institution: str, period: Period | str, indicator: str, unit: str | None = None
) -> YearsHistory:
    """From the first year with a figure to ``period``'s year (just that year when nothing was filed)."""
    period = Period.parse(period) if isinstance(period, str) else period
    code = indicator.strip().upper()
    start, changes = _span(store, institution, code, unit, period.last)
    years = list(range(min(start or period.year, period.year), period.year + 1))
    shown: list[int] = []
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    inst_code = institution
    monthly_value = monthly_target = annual_value = annual_target = np.empty(0)
    annual_status = np.empty(0, dtype=np.int64)
    for run in _runs(years, changes):
        with store.reading() as s:  # the run's years at once, defined as at its last year's end
            p = store.scoring.prepare(
                s, institution, month_key(run[0], 1), month_key(run[-1], 12), unit, indicator=code
            )
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
        if not p.plan.definitions:  # not defined in those years
            continue
        rows = {u: r for r, u in enumerate(shown)}
        # a month alone: the figure is its own components finished, as evaluate does for one month
        one = finish(p.rolled.results, p.plan.kind_codes, p.plan.array("factor", 1.0))
        for frame, out, column in ((one, monthly_value, "value"), (p.rolled.targets, monthly_target, "target")):
            picked = frame[frame["unit"].isin(rows)]
            r = picked["unit"].map(rows).to_numpy(np.int64)
            y = picked["month"].to_numpy(np.int64) // 100 - years[0]
            m = picked["month"].to_numpy(np.int64) % 100 - 1
            out[r, y, m] = picked[column].to_numpy(float)
        for year in run:
            y = year - years[0]
            months = [month_key(year, m) for m in range(1, 13)]
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
