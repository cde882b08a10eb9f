"""Next year's targets from history (``scorecard targets derive``, the plan screen's dialog).

For every indicator and every unit that files it, the reference is the ``from`` year's figure of each due
month, or with ``years`` = N the mean of that month over the N years ending there (a year that lacks the
month is left out of that month's mean).  Then, with ``change`` = PCT:

- ``seasonal``: each month's target is its reference × (1 + PCT/100); a ratio's reference is the month's
  pooled rate (Σ numerators / Σ denominators × factor over the years), an average's the month's mean
  weighted by its observations where they are known;
- ``even``: one figure for the year, × (1 + PCT/100): a count's yearly total (the mean over the reference
  years that have every due month) spread evenly by the app's own annual distribution; a stock's level at
  the year's last month with a figure (its annual figure); a ratio's rate and an average's mean over the
  whole reference period — the same in every due month.

Units are those at the indicator's reporting levels and any other unit that filed it.  A unit, or a month
of it, with no reference is listed (``without_history``) and gets no target: nothing is invented.  A
negative PCT never takes a target below zero.  Written targets go through the core's target writing (roles,
frozen months, audit with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlalchemy import select

from scorecard import access
from scorecard.domain import Definition, Kind
from scorecard.errors import UserError
from scorecard.figures import Figures, TargetRow
from scorecard.models import Unit
from scorecard.periods import Period
from scorecard.reprogramming import note_plan
from scorecard.target_writes import distribute_annual

if TYPE_CHECKING:
    from scorecard.store import Store

PROFILES = ("seasonal", "even")


@dataclass
class Derived:
    year: int
    start: int
    years: int
    change: float
    profile: str
    dry_run: bool
    rows: list[dict[str, Any]] = field(default_factory=list)
    without_history: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    batch: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "targets": len(self.rows),
            "units": len({r["unit"] for r in self.rows}),
            "indicators": self.indicators,
            "without_history": self.without_history,
            "dry_run": self.dry_run,
            "year": self.year,
            "from": self.start,
            "years": self.years,
            "change": self.change,
            "profile": self.profile,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "batch": self.batch,
            "rows": self.rows,
        }


class _DryRun(Exception):
    pass


def derive_targets(
    store: Store,
    institution: str,
    year: int,
    start: int,
    *,
    change: float,
    reason: str,
    years: int = 1,
    indicators: list[str] | None = None,
    profile: str = "seasonal",
    dry_run: bool = False,
) -> Derived:
    """Derive ``year``'s targets from the history ending in ``start`` (see the module); written in one
    transaction unless ``dry_run``."""
    if not (reason or "").strip():
        raise UserError("derive.reason")
    if profile not in PROFILES:
        raise UserError("derive.profile", value=profile, options=", ".join(PROFILES))
    if not 1 <= years <= 50:
        raise UserError("derive.years", value=years)
    if year <= start:
        raise UserError("derive.year_order", year=year, start=start)
    if change <= -100:
        raise UserError("derive.change", value=change)
    out = Derived(year, start, years, change, profile, dry_run)
    factor = 1 + change / 100
    first_ref = (start - years + 1) * 100 + 1
    try:
        with store.transaction() as s:
            inst = store.institution(s, institution)
            access.require_planner(s, store.actor, inst.id, "targets.derive")
            shape, _ = store.plans.shape(s, inst, year * 100 + 1)
            chosen = _chosen(shape.definitions, indicators, inst.code)
            units = {uid: (code, level) for uid, code, level in s.execute(
                select(Unit.id, Unit.code, Unit.level).where(Unit.institution_id == inst.id)
            )}  # fmt: skip
            frame = Figures.result_frame(
                s, None, [d.indicator_id for d in chosen], first_ref, start * 100 + 12, inst.deadline_days
            )
            rows: list[TargetRow] = []
            for d in chosen:
                due = [m for m in range(1, 13) if d.frequency.is_due_in(year * 100 + m)]
                mine = frame[frame["indicator_id"] == d.indicator_id]
                filers = set(mine["unit_id"].unique().tolist())
                wanted = sorted(
                    {uid for uid, (_c, level) in units.items() if level in d.levels} | filers,
                    key=lambda uid: units[uid][0],
                )
                by_unit = dict(tuple(mine.groupby("unit_id"))) if len(mine) else {}
                made = 0
                for uid in wanted:
                    history = by_unit.get(uid)
                    targets, missing = _unit_targets(d, history, due, factor, profile, year)
                    code = units[uid][0]
                    if missing:
                        out.without_history.append(
                            {
                                "indicator": d.code,
                                "unit": code,
                                "missing": [Period.of_month(year * 100 + m).code for m in missing],
                            }
                        )
                    for m, (reference, target) in sorted(targets.items()):
                        rows.append(TargetRow(d.indicator_id, uid, year * 100 + m, target))
                        out.rows.append(
                            {
                                "indicator": d.code,
                                "unit": code,
                                "period": Period.of_month(year * 100 + m).code,
                                "reference": reference,
                                "target": target,
                            }
                        )
                        made += 1
                if made:
                    out.indicators.append(d.code)
            text = reason.strip()
            report = store.figures.write_targets(s, inst.id, rows, reason=text, batch_kind="derive")
            out.new, out.changed, out.unchanged, out.batch = report.new, report.changed, report.unchanged, report.batch
            note_plan(
                s, store.user, report, "derive", f"{inst.code}/{year}", inst.id, text,
                {"year": year, "from": start, "years": years, "change": change, "profile": profile,
                 "indicators": out.indicators, "targets": len(rows)},
            )  # fmt: skip
            if dry_run:
                raise _DryRun
    except _DryRun:
        out.batch = None
    return out


def _chosen(definitions: tuple[Definition, ...], codes: list[str] | None, institution: str) -> list[Definition]:
    if not codes:
        return list(definitions)
    by_code = {d.code.upper(): d for d in definitions}
    unknown = [c for c in codes if c.strip().upper() not in by_code]
    if unknown:
        raise UserError(
            "indicator.unknown", code=unknown[0], institution=institution, candidates=[d.code for d in definitions]
        )
    return [by_code[c.strip().upper()] for c in dict.fromkeys(codes)]


def _unit_targets(
    d: Definition, history: pd.DataFrame | None, due: list[int], factor: float, profile: str, year: int
) -> tuple[dict[int, tuple[float, float]], list[int]]:
    """month → (reference, target) for one unit, and the due months it has no reference for."""
    if history is None or history.empty:
        return {}, due
    h = history.assign(m=history["month"].to_numpy() % 100, y=history["month"].to_numpy() // 100)
    h = h[h["m"].isin(due)]
    if profile == "seasonal":
        out: dict[int, tuple[float, float]] = {}
        for m, group in h.groupby("m"):
            ref = _figure(d, group)
            if ref is not None:
                out[int(m)] = (ref, max(ref * factor, 0.0))
        return out, [m for m in due if m not in out]
    ref = _annual(d, h, due)
    if ref is None:
        return {}, due
    annual = max(ref * factor, 0.0)
    if d.kind is Kind.COUNT:
        if len(due) == 12:
            monthly = [t.value for t in distribute_annual(annual, year, Kind.COUNT)]
            return {m: (ref, monthly[m - 1]) for m in due}, []
        return {m: (ref, annual / len(due)) for m in due}, []
    return dict.fromkeys(due, (ref, annual)), []


def _figure(d: Definition, rows: pd.DataFrame) -> float | None:
    """One month's reference over the years that have it (see the module)."""
    if d.kind is Kind.RATIO:
        num, den = rows["num"].to_numpy(float), rows["den"].to_numpy(float)
        ok = ~np.isnan(num) & ~np.isnan(den)
        if ok.any() and den[ok].sum() > 0:
            return float(num[ok].sum() / den[ok].sum() * d.factor)
    values = rows["value"].to_numpy(float)
    values = values[~np.isnan(values)]
    if not len(values):
        return None
    if d.kind is Kind.AVERAGE:
        nobs = rows["nobs"].to_numpy(float)[~np.isnan(rows["value"].to_numpy(float))]
        if len(nobs) and not np.isnan(nobs).any() and nobs.sum() > 0:
            return float((values * nobs).sum() / nobs.sum())
    return float(values.mean())


def _annual(d: Definition, h: pd.DataFrame, due: list[int]) -> float | None:
    """The reference year's single figure (``even``), averaged over the reference years where it can be."""
    if d.kind is Kind.COUNT:
        totals = [
            float(g["value"].sum()) for _y, g in h.groupby("y") if set(g.loc[g["value"].notna(), "m"]) >= set(due)
        ]
        return sum(totals) / len(totals) if totals else None
    if d.kind is Kind.STOCK:
        levels = [
            float(g.sort_values("m")["value"].dropna().iloc[-1]) for _y, g in h.groupby("y") if g["value"].notna().any()
        ]
        return sum(levels) / len(levels) if levels else None
    return _figure(d, h)
