"""Several sources of one indicator side by side: every source's figure per unit, the differences to the
official source, the disagreements beyond the institution's tolerance, the certified figure, and the
figure as each edition gave it.

A source's figure at a unit is the one it filed there, else its figures below aggregated by the
indicator's rules: the same roll-up the scorecard uses (:func:`scorecard.evaluate.roll`), fed with that
source's figures instead of the results.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import access
from scorecard.domain import Kind
from scorecard.editions import editions_covering
from scorecard.errors import UserError
from scorecard.evaluate import Rolled, evaluate, roll
from scorecard.fetch import fetch_frame
from scorecard.figures import Figures
from scorecard.models import (
    Certification,
    Edition,
    EditionValue,
    Indicator,
    Institution,
    Source,
    SourceFigure,
    UnitClosure,
)
from scorecard.periods import Period
from scorecard.scoring import Prepared, dense_frame
from scorecard.sources import IMPLICIT, official_of, same_code

if TYPE_CHECKING:
    from scorecard.store import Store

COLUMNS = ["indicator_id", "unit_id", "month", "value", "num", "den", "nobs", "on_time"]


@dataclass(frozen=True)
class Fig:
    value: float | None
    num: float | None
    den: float | None
    nobs: float | None = None


@dataclass
class Cell:
    """Every source's figure at one unit-month (what a certification is made from)."""

    institution: str
    indicator: str
    indicator_id: int
    unit: str
    unit_id: int
    kind: Kind
    factor: float
    official: str
    by_source: dict[str, Fig] = field(default_factory=dict)

    def source_code(self, code: str) -> str:
        for c in self.by_source:
            if same_code(c, code):
                return c
        raise UserError("source.unknown", value=code, institution=self.institution, candidates=list(self.by_source))


def _opt(x: Any) -> float | None:
    if x is None:
        return None
    f = float(x)
    return None if math.isnan(f) else f


def disagreement(official: float | None, other: float | None, tol_pct: float, tol_abs: float) -> dict[str, Any]:
    """The difference of ``other`` to ``official`` and whether it passes both tolerances."""
    if official is None or other is None:
        return {"abs": None, "pct": None, "disagree": False}
    diff = other - official
    pct = diff / official * 100 if official else (0.0 if diff == 0 else math.inf)
    beyond = abs(diff) > tol_abs + 1e-9 and abs(pct) > tol_pct + 1e-9
    return {"abs": diff, "pct": None if math.isinf(pct) else pct, "disagree": beyond}


class _Context:
    """One indicator over a subtree and months: the prepared scorecard plus a roll-up per source."""

    def __init__(
        self, store: Store, s: Session, institution: str, indicator: str, unit: str | None, months: list[int]
    ) -> None:
        self.s, self.months = s, months
        self.inst: Institution = store.institution(s, institution)
        access.require_reader(s, store.actor, self.inst.id)
        first, last = months[0], months[-1]
        self.p: Prepared = store.scoring.prepare(s, institution, first, last, unit, indicator=indicator)
        if not self.p.plan.definitions:
            codes = list(s.scalars(select(Indicator.code).where(Indicator.institution_id == self.inst.id)))
            raise UserError("indicator.unknown", code=indicator, institution=self.inst.code, candidates=codes)
        self.d = self.p.plan.definitions[0]
        self.ind: Indicator = self.p.indicators[0]
        self.official = official_of(self.ind)
        self.scope = self.p.units[0].id
        root_scope = None if self.p.at_root else self.scope
        self.root_scope = root_scope
        filed = Figures.result_frame(s, root_scope, [self.d.indicator_id], first, last, self.inst.deadline_days)
        self.rolled: dict[str, Rolled] = {self.official: self._roll(filed)}
        for code, sid in self._other_sources():
            self.rolled[code] = self._roll(self._source_frame(sid))
        self._values: dict[tuple[str, tuple[int, ...]], pd.DataFrame] = {}

    def _roll(self, frame: pd.DataFrame) -> Rolled:
        empty = pd.DataFrame({"ind": [], "unit": [], "month": [], "target": []})
        return roll(self.p.tree, self.p.plan, dense_frame(frame, self.p.plan, self.p.tree), empty)

    def _other_sources(self) -> list[tuple[str, int]]:
        q = (
            select(Source.code, Source.id)
            .join(SourceFigure, SourceFigure.source_id == Source.id)
            .where(
                Source.institution_id == self.inst.id,
                SourceFigure.indicator_id == self.d.indicator_id,
                SourceFigure.month >= self.months[0],
                SourceFigure.month <= self.months[-1],
            )
            .distinct()
        )
        return sorted((c, i) for c, i in self.s.execute(q) if not same_code(c, self.official))

    def _in_scope(self, q: Any, unit_column: Any) -> Any:
        if self.root_scope is None:
            return q
        return q.join(UnitClosure, UnitClosure.descendant_id == unit_column).where(
            UnitClosure.ancestor_id == self.root_scope
        )

    def _source_frame(self, source_id: int) -> pd.DataFrame:
        f = SourceFigure
        q = select(f.indicator_id, f.unit_id, f.month, f.value, f.numerator, f.denominator, f.observations).where(
            f.source_id == source_id,
            f.indicator_id == self.d.indicator_id,
            f.month >= self.months[0],
            f.month <= self.months[-1],
        )
        frame = fetch_frame(self.s, self._in_scope(q, f.unit_id), COLUMNS[:-1]).assign(on_time=True)
        return _int_keys(frame)

    def edition_frame(self, e: Edition) -> pd.DataFrame:
        """The source's figures as of edition ``e``: for each cell the latest value logged at or before it."""
        v = EditionValue
        q = (
            select(
                v.edition_id, v.indicator_id, v.unit_id, v.month, v.value, v.numerator, v.denominator, v.observations
            )
            .join(Edition, Edition.id == v.edition_id)
            .where(
                Edition.institution_id == self.inst.id,
                Edition.source == e.source,
                Edition.id <= e.id,
                v.indicator_id == self.d.indicator_id,
                v.month >= self.months[0],
                v.month <= self.months[-1],
            )
        )
        frame = fetch_frame(self.s, self._in_scope(q, v.unit_id), ["edition", *COLUMNS[:-1]])
        frame = frame.sort_values("edition", kind="stable").drop_duplicates(["unit_id", "month"], keep="last")
        return _int_keys(frame.drop(columns=["edition"]).assign(on_time=True))

    def values(self, rolled: Rolled | None, months: list[int], key: str = "") -> pd.DataFrame:
        """Per dense unit: value, num, den of the indicator over ``months``."""
        cache_key = (key, tuple(months))
        if key and cache_key in self._values:
            return self._values[cache_key]
        r = self.p.rolled if rolled is None else rolled
        ev = evaluate(self.p.tree, self.p.plan, r, months, institution_root=0 if self.p.at_root else -1)
        out = ev.indicators[ev.indicators["ind"] == 0][["unit", "value", "num", "den"]].reset_index(drop=True)
        if key:
            self._values[cache_key] = out
        return out

    def source_values(self, months: list[int]) -> dict[str, pd.DataFrame]:
        return {code: self.values(r, months, code) for code, r in self.rolled.items()}


def _int_keys(frame: pd.DataFrame) -> pd.DataFrame:
    for c in ("indicator_id", "unit_id", "month"):
        frame[c] = frame[c].astype(np.int64)
    return frame


class Reconciliation:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- one unit-month -----------------------------------------------------------------------------

    def cell(self, institution: str, indicator: str, unit: str, month: int) -> Cell:
        with self.store.reading() as s:
            c = _Context(self.store, s, institution, indicator, unit, [month])
            out = Cell(
                c.inst.code,
                c.d.code,
                c.d.indicator_id,
                c.p.units[0].code,
                c.p.units[0].id,
                c.d.kind,
                float(c.d.factor or 1.0),
                c.official,
            )
            for code, frame in c.source_values([month]).items():
                row = frame.iloc[0]
                out.by_source[code] = Fig(_opt(row["value"]), _opt(row["num"]), _opt(row["den"]))
            return out

    # --- the reconciliation -------------------------------------------------------------------------

    def reconcile(
        self,
        institution: str,
        indicator: str,
        period: str,
        unit: str | None = None,
        *,
        level: str | None = None,
        ytd: bool = False,
    ) -> dict[str, Any]:
        p = Period.parse(period)
        months = list((p.year_to_date() if ytd else p).months)
        with self.store.reading() as s:
            c = _Context(self.store, s, institution, indicator, unit, months)
            return self._rows(s, c, p, ytd, level)

    def _rows(
        self, s: Session, c: _Context, p: Period, ytd: bool, level: str | None, only_top: bool = False
    ) -> dict[str, Any]:
        tree, units = c.p.tree, c.p.units
        if only_top:
            wanted = [0]
        elif level:
            wanted = [i for i in range(tree.size) if units[i].level.lower() == level.strip().lower()]
            if not wanted:
                levels = sorted({u.level for u in units})
                raise UserError("reconcile.level", value=level, candidates=levels)
        else:
            wanted = [0, *[int(j) for j in np.nonzero(tree.parent == 0)[0]]]
        per_source = c.source_values(c.months)
        used = c.values(None, c.months, "__used__")
        certs = self._certifications(s, c)
        pending_at, certified_under = self._pending(c, certs)
        tol_pct, tol_abs = float(c.inst.tolerance_pct), float(c.inst.tolerance_abs)
        rows = []
        for i in wanted:
            values = {code: _opt(f.iloc[i]["value"]) for code, f in per_source.items()}
            official = values.get(c.official)
            differences = {
                code: disagreement(official, v, tol_pct, tol_abs) for code, v in values.items() if code != c.official
            }
            present = [v for v in values.values() if v is not None]
            exact = certs.get((i, c.months[0])) if len(c.months) == 1 else None
            certified = _opt(used.iloc[i]["value"]) if certified_under[i] else None
            disagree = any(d["disagree"] for d in differences.values())
            pending = bool(pending_at[i])
            rows.append(
                {
                    "unit": units[i].code,
                    "name": units[i].name,
                    "level": units[i].level,
                    "values": values,
                    "official": official,
                    "differences": {k: {"abs": d["abs"], "pct": d["pct"]} for k, d in differences.items()},
                    "spread": (max(present) - min(present)) if len(present) > 1 else 0.0,
                    "disagree": disagree,
                    "certified": certified,
                    "certification": exact,
                    "pending": pending,
                    "open": (disagree and certified is None) or pending,
                }
            )
        return {
            "institution": c.inst.code,
            "indicator": c.d.code,
            "indicator_name": c.ind.name,
            "unit": units[0].code,
            "period": p.code,
            "ytd": ytd,
            "months": [Period.of_month(m).code for m in (c.months[0], c.months[-1])],
            "official": c.official,
            "sources": list(per_source),
            "tolerance": {"pct": tol_pct, "abs": tol_abs},
            "rows": rows,
        }

    def _certifications(self, s: Session, c: _Context) -> dict[tuple[int, int], dict[str, Any]]:
        index = c.p.tree.index_of()
        q = select(Certification).where(
            Certification.indicator_id == c.d.indicator_id,
            Certification.month >= c.months[0],
            Certification.month <= c.months[-1],
        )
        out = {}
        for row in s.scalars(c._in_scope(q, Certification.unit_id)):
            out[(index[row.unit_id], row.month)] = {
                "value": row.value,
                "source": row.source,
                "reason": row.reason,
                "certified_by": row.certified_by,
                "certified_at": row.certified_at.isoformat(timespec="seconds"),
                "basis": dict(row.basis or {}),
            }
        return out

    def _pending(self, c: _Context, certs: dict[tuple[int, int], dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
        """Per dense unit: a certification below it whose sources now say otherwise (a pending revision),
        and any certification below it at all."""
        n = c.p.tree.size
        pending, under = np.zeros(n, bool), np.zeros(n, bool)
        for (i, month), cert in certs.items():
            now = {code: _opt(f.iloc[i]["value"]) for code, f in c.source_values([month]).items()}
            basis = cert["basis"]
            revised = {k: v for k, v in now.items() if not _same(v, basis.get(k))}
            cert["pending"] = bool(revised)
            cert["revised"] = revised
            j = i
            while j >= 0:
                under[j] = True
                pending[j] |= bool(revised)
                j = int(c.p.tree.parent[j])
        return pending, under

    def disagreements(
        self, institution: str, period: str, unit: str | None = None, *, ytd: bool = False
    ) -> dict[str, dict[str, Any]]:
        """Per indicator with a second source or a certification in the period: the unit's reconciliation
        row (what the scorecard marks)."""
        return {code: rows[0] for code, rows in self._each(institution, period, unit, ytd, only_top=True)}

    def open_disagreements(
        self, institution: str, period: str, unit: str | None = None, *, ytd: bool = False
    ) -> list[dict[str, Any]]:
        """Disagreements still open at the unit and its children, for each indicator that has several
        sources or a certification: the report's annex."""
        found: list[dict[str, Any]] = []
        for code, rows in self._each(institution, period, unit, ytd, only_top=False):
            found += [{"indicator": code, **r} for r in rows if r["open"]]
        return found

    def _each(
        self, institution: str, period: str, unit: str | None, ytd: bool, *, only_top: bool
    ) -> list[tuple[str, list[dict[str, Any]]]]:
        p = Period.parse(period)
        months = list((p.year_to_date() if ytd else p).months)
        out = []
        with self.store.reading() as s:
            inst = self.store.institution(s, institution)
            access.require_reader(s, self.store.actor, inst.id)
            in_months = (months[0], months[-1])
            ids = set(
                s.scalars(
                    select(SourceFigure.indicator_id)
                    .join(Source, Source.id == SourceFigure.source_id)
                    .where(Source.institution_id == inst.id, SourceFigure.month.between(*in_months))
                    .distinct()
                )
            )
            ids |= set(
                s.scalars(
                    select(Certification.indicator_id)
                    .where(Certification.institution_id == inst.id, Certification.month.between(*in_months))
                    .distinct()
                )
            )
            if not ids:  # the usual case: one source, nothing certified — no roll-up needed
                return []
            codes = dict(s.execute(select(Indicator.id, Indicator.code).where(Indicator.id.in_(ids))).all())
            for iid in sorted(ids, key=lambda k: codes[k]):
                try:
                    c = _Context(self.store, s, institution, codes[iid], unit, months)
                except UserError:
                    continue  # not in force in the period
                out.append((codes[iid], self._rows(s, c, p, ytd, None, only_top=only_top)["rows"]))
        return out

    # --- editions -----------------------------------------------------------------------------------

    def editions(
        self, institution: str, indicator: str, unit: str, period: str, source: str | None = None
    ) -> dict[str, Any]:
        """The figure at the unit over the period as each edition of a source gave it, oldest first."""
        p = Period.parse(period)
        months = list(p.months)
        with self.store.reading() as s:
            c = _Context(self.store, s, institution, indicator, unit, months)
            if source is not None:
                declared = [
                    code for (code,) in s.execute(select(Source.code).where(Source.institution_id == c.inst.id))
                ]
                if not any(same_code(source, k) for k in [*declared, IMPLICIT, c.official]):
                    raise UserError(
                        "source.unknown", value=source, institution=c.inst.code, candidates=[*declared, IMPLICIT]
                    )
            out = []
            for e in editions_covering(s, c.inst, c.d.indicator_id, months[0], months[-1], source):
                value = _opt(c.values(c._roll(c.edition_frame(e)), months).iloc[0]["value"])
                out.append(
                    {
                        "source": e.source,
                        "edition": e.id,
                        "batch": e.batch_id,
                        "file": e.file,
                        "imported_at": e.imported_at.isoformat(timespec="seconds"),
                        "value": value,
                    }
                )
            return {
                "institution": c.inst.code,
                "indicator": c.d.code,
                "unit": c.p.units[0].code,
                "period": p.code,
                "editions": out,
            }

    # --- register against register ------------------------------------------------------------------

    def events(self, institution: str, unit: str | None, period: str, sources: list[str]) -> dict[str, Any]:
        """The events one register has and the other lacks (:func:`scorecard.register_comparison.compare`)."""
        from scorecard.register_comparison import compare

        return compare(self.store, institution, unit, period, sources)


def _same(a: float | None, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, float(b), rel_tol=1e-9, abs_tol=1e-9)
