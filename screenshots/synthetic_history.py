"""SYNTHETIC history for the screenshots of the year-on-year views — invented figures, not real data.

The demo has only 2025 (the real register, January–October).  To show last year beside this year and
the multi-year chart, this writes 2016–2024 for one district's subtree (09D08 Nueva Prosperina): every
2025 figure of the district's units copied back to the same month of each earlier year, scaled by a
made-up curve (homicides low until 2020, the surge of 2022–2023, a fall in 2024) and a little seeded
noise; November and December copy January and February.  Targets are copied the same way.  Only for
pictures: never load this into a real database.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from scorecard.domain import Kind
from scorecard.figures import ResultRow, TargetRow
from scorecard.models import Result, Target, UnitClosure
from scorecard.periods import month_key
from scorecard.store import Store

DISTRICT = "09D08"
YEARS = range(2016, 2025)
# made-up levels against 2025 (1.0): homicides, and every other indicator
HOMICIDES = {2016: 0.32, 2017: 0.3, 2018: 0.33, 2019: 0.38, 2020: 0.42, 2021: 0.66, 2022: 1.05, 2023: 1.45, 2024: 1.2}
OTHERS = {y: 0.86 + 0.015 * (y - 2016) for y in YEARS}


def load_synthetic_history(store: Store, institution: str = "PN") -> int:
    """Write the invented years; returns how many results were written."""
    rng = np.random.default_rng(2016)
    with store.reading() as s:
        inst = store.institution(s, institution)
        district = store.units.find(s, inst.id, DISTRICT, inst.code)
        shape, _ = store.plans.shape(s, inst, 202510)
        in_district = select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id == district.id)
        results = s.execute(
            select(Result.indicator_id, Result.unit_id, Result.month, Result.value, Result.numerator)
            .add_columns(Result.denominator, Result.observations)
            .where(Result.unit_id.in_(in_district), Result.month >= 202501, Result.month <= 202510)
        ).all()
        targets = s.execute(
            select(Target.indicator_id, Target.unit_id, Target.month, Target.value).where(
                Target.unit_id.in_(in_district), Target.month >= 202501, Target.month <= 202512
            )
        ).all()
    defs = {d.indicator_id: d for d in shape.definitions}
    # homicides and their rate follow one curve, with one draw per unit-month, so they stay consistent
    hom = {d.indicator_id for d in shape.definitions if d.code in ("HOM-01", "HOM-02")}
    draws: dict[tuple[int, int], float] = {}
    by_month: dict[tuple[int, int, int], tuple[float | None, ...]] = {
        (r[0], r[1], r[2] % 100): tuple(r[3:]) for r in results
    }
    rows: list[ResultRow] = []
    goals: list[TargetRow] = []
    for year in YEARS:
        for (ind, unit, m), (value, num, den, nobs) in by_month.items():
            d = defs.get(ind)
            if d is None:
                continue
            level = (HOMICIDES if ind in hom else OTHERS)[year]
            for month in (m, m + 10) if m <= 2 else (m,):
                if not d.frequency.is_due_in(month_key(year, month)):
                    continue
                k = level * draws.setdefault((unit, month_key(year, month)), rng.uniform(0.85, 1.15))
                if d.kind is Kind.RATIO and num is not None and den is not None:
                    share = min(num * k, den) if d.factor == 100 else num * k
                    rows.append(ResultRow(ind, unit, month_key(year, month), numerator=round(share), denominator=den))
                elif value is not None:
                    v = round(value * k) if d.kind in (Kind.COUNT, Kind.STOCK) else round(value * k, 2)
                    rows.append(ResultRow(ind, unit, month_key(year, month), v, observations=nobs))
        for ind, unit, month, value in targets:
            level = (HOMICIDES if ind in hom else OTHERS)[year]
            goal = value * level * 0.97  # each year aimed a little below its own level
            kind = defs[ind].kind if ind in defs else Kind.COUNT
            goals.append(
                TargetRow(ind, unit, month_key(year, month % 100), round(goal, 2 if kind is Kind.RATIO else 1))
            )
    with store.transaction() as s:
        store.figures.write_results(s, inst.id, rows, defs, batch_kind="import", file="SYNTHETIC history (screenshots)")
        store.figures.write_targets(s, inst.id, goals, reason="SYNTHETIC history for the screenshots")
    return len(rows)
