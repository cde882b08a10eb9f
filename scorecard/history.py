"""An indicator's year month by month, for a unit and the units right below it (sparklines and the trend
chart of the desktop app).  The figures are the scorecard's own: the same frames, the same roll-up and
the same :func:`scorecard.evaluate.evaluate`, run once per month of the year.

The definitions in force at the period's last month score every month (what the chart explains is the
scorecard the user is looking at).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from scorecard.domain import Definition, Polarity, Status, Thresholds
from scorecard.evaluate import evaluate
from scorecard.periods import Period, month_key

if TYPE_CHECKING:
    from scorecard.store import Store

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class YearHistory:
    """``value``/``target``/``status`` are indexed [indicator, unit, month]: indicators in plan order,
    unit 0 the selected unit and then its children (by code), months January..December."""

    institution: str
    year: int
    months: tuple[int, ...]
    unit_codes: tuple[str, ...]
    unit_names: tuple[str, ...]
    indicator_codes: tuple[str, ...]
    definitions: tuple[Definition, ...]
    thresholds: tuple[Thresholds, ...]  # per indicator, the institution's default filled in
    value: FloatArray
    target: FloatArray
    status: IntArray

    def index(self, indicator_code: str) -> int:
        return self.indicator_codes.index(indicator_code)

    def series(self, indicator_code: str, unit: int = 0) -> FloatArray:
        return self.value[self.index(indicator_code), unit]


def year_history(store: Store, institution: str, period: Period | str, unit: str | None = None) -> YearHistory:
    """Every month of ``period``'s year for the selected unit and its children, filed months only."""
    period = Period.parse(period) if isinstance(period, str) else period
    year = period.year
    months = [month_key(year, m) for m in range(1, 13)]
    with store.reading() as s:
        # the scorecard's own preparation (and its read-scope check), rolled up once for the year
        prepared = store.scoring.prepare(s, institution, months[0], months[-1], unit)
    tree, plan, infos, rolled = prepared.tree, prepared.plan, prepared.units, prepared.rolled
    shown = [0, *(int(j) for j in np.nonzero(tree.parent == 0)[0])]
    shown = [0, *sorted(shown[1:], key=lambda j: infos[j].code)]
    n_ind = plan.size
    value = np.full((n_ind, len(shown), 12), np.nan)
    target = np.full((n_ind, len(shown), 12), np.nan)
    status = np.zeros((n_ind, len(shown), 12), dtype=np.int64)
    last_filed = int(rolled.filed["month"].max()) if not rolled.filed.empty else 0
    root_index = 0 if prepared.at_root else -1
    for m, month in enumerate(months):
        frame = evaluate(tree, plan, rolled, [month], institution_root=root_index).indicators
        n_units = tree.size
        for k in range(n_ind):
            rows = frame.iloc[[k * n_units + j for j in shown]]
            value[k, :, m] = rows["value"].to_numpy(float)
            target[k, :, m] = rows["target"].to_numpy(float)
            status[k, :, m] = rows["status"].to_numpy(np.int64)
        if month > max(last_filed, period.last):  # the future: targets to aim at, nothing due yet
            status[:, :, m] = int(Status.NOT_DUE)
    return YearHistory(
        institution=prepared.institution.code,
        year=year,
        months=tuple(months),
        unit_codes=tuple(infos[j].code for j in shown),
        unit_names=tuple(infos[j].name for j in shown),
        indicator_codes=tuple(d.code for d in plan.definitions),
        definitions=plan.definitions,
        thresholds=tuple(d.thresholds or plan.thresholds for d in plan.definitions),
        value=value,
        target=target,
        status=status,
    )


def status_bands(
    target: FloatArray, definition: Definition, thresholds: Thresholds, top: float
) -> list[tuple[FloatArray, FloatArray, Status]]:
    """The value ranges that score green, yellow and red, month by month, in the indicator's own units:
    the performance formulas of spec/domain.md solved for the value (target method).

    Higher is better: green from ``green × target`` up, yellow from ``yellow × target``.  Lower is better:
    green up to ``target / green``, yellow up to ``target / yellow``.  In band [lo, hi]: green from
    ``green × lo`` to ``hi / green``, yellow around it, red outside.  ``top`` closes the open ranges.
    """
    t = np.asarray(target, dtype=float)
    g, y = thresholds.green, thresholds.yellow
    zero = np.zeros_like(t)
    up = np.full_like(t, top)

    def over(x: FloatArray | float, k: float) -> FloatArray:
        return np.minimum(np.asarray(x, dtype=float) / k, top) if k > 0 else up

    if definition.polarity is Polarity.IN_BAND and definition.band_min is not None and definition.band_max is not None:
        lo, hi = zero + definition.band_min, zero + definition.band_max
        return [
            (zero, lo * y, Status.RED),
            (lo * y, lo * g, Status.YELLOW),
            (lo * g, over(hi, g), Status.GREEN),
            (over(hi, g), over(hi, y), Status.YELLOW),
            (over(hi, y), up, Status.RED),
        ]
    if definition.polarity is Polarity.LOWER_IS_BETTER:
        return [(zero, over(t, g), Status.GREEN), (over(t, g), over(t, y), Status.YELLOW), (over(t, y), up, Status.RED)]
    return [
        (zero, t * y, Status.RED),
        (t * y, np.minimum(t * g, top), Status.YELLOW),
        (np.minimum(t * g, top), up, Status.GREEN),
    ]
