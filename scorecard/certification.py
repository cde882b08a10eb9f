"""Certified figures: the figure an institution answers for in a unit-month of an indicator.

The planning office certifies one source's figure there, or a reconciled figure it types, with a reason.
The scorecard, its roll-ups and the reports read a certified figure as the unit-month's own figure (it
wins over the official source's and over the children's, as any figure filed at a unit does).  The
certification keeps every source's figure as it stood (``basis``): a later edition that gives another
figure does not change the certified one, it is a *pending revision* until someone certifies again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import give_reason, record
from scorecard.domain import Kind
from scorecard.errors import UserError
from scorecard.models import Certification, Indicator, Unit, UnitClosure, utcnow
from scorecard.periods import Period

if TYPE_CHECKING:
    from scorecard.store import Store

FRAME = ["indicator_id", "unit_id", "month", "value", "num", "den", "nobs", "source", "certified_at"]


def frame(session: Session, root_unit_id: int | None, indicator_ids: list[int], first: int, last: int) -> pd.DataFrame:
    """Certified figures for months first..last under ``root_unit_id`` (None: anywhere)."""
    c = Certification
    q = select(
        c.indicator_id,
        c.unit_id,
        c.month,
        c.value,
        c.numerator,
        c.denominator,
        c.observations,
        c.source,
        c.certified_at,
    ).where(c.indicator_id.in_(indicator_ids), c.month >= first, c.month <= last)
    if root_unit_id is not None:
        q = q.join(UnitClosure, UnitClosure.descendant_id == c.unit_id).where(UnitClosure.ancestor_id == root_unit_id)
    out = pd.DataFrame(session.execute(q).all(), columns=FRAME)
    for col in ("indicator_id", "unit_id", "month"):
        out[col] = out[col].astype(np.int64)
    for col in ("value", "num", "den", "nobs"):
        out[col] = out[col].astype(float)
    return out


def overlay(results: pd.DataFrame, certified: pd.DataFrame) -> pd.DataFrame:
    """``results`` (Figures.result_frame's columns) with each certified unit-month's figure in place of
    the filed one, or added where none was filed (on time: the office certified it)."""
    if certified.empty:
        return results
    key = ["indicator_id", "unit_id", "month"]
    cert = certified[[*key, "value", "num", "den", "nobs"]].assign(on_time=True)
    kept = results.merge(cert[key], on=key, how="left", indicator=True)
    kept = results[(kept["_merge"] == "left_only").to_numpy()]
    out = pd.concat([kept, cert[results.columns]], ignore_index=True)
    out["on_time"] = out["on_time"].astype(bool)
    return out


@dataclass(frozen=True)
class Certified:
    unit: str
    indicator: str
    period: str
    value: float
    source: str | None
    reason: str
    certified_by: str | None
    certified_at: str
    basis: dict[str, float | None]

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "indicator": self.indicator,
            "period": self.period,
            "value": self.value,
            "source": self.source,
            "reason": self.reason,
            "certified_by": self.certified_by,
            "certified_at": self.certified_at,
            "basis": self.basis,
        }


def certify(
    store: Store,
    institution: str,
    indicator: str,
    unit: str,
    period: str,
    *,
    source: str | None = None,
    value: float | None = None,
    reason: str,
) -> Certified:
    """Certify a unit-month's figure: one source's as it stands there (filed or aggregated from below), or
    ``value`` typed by the planning office.  A ratio keeps the official denominator (its numerator follows
    the certified rate); an average keeps the official number of observations."""
    from scorecard import reconciliation  # reconciliation reads certifications: imported when certifying

    if (source is None) == (value is None):
        raise UserError("certify.what")
    reason = (reason or "").strip()
    if not reason:
        raise UserError("certify.reason")
    p = Period.parse(period)
    if len(p.months) != 1:
        raise UserError("certify.month", period=period)
    month = p.months[0]
    if value is not None and (not math.isfinite(value) or value < 0):
        raise UserError("certify.value", value=value)
    figures = reconciliation.Reconciliation(store).cell(institution, indicator, unit, month)
    if source is not None:
        source = figures.source_code(source)
        chosen = figures.by_source.get(source)
        if chosen is None or chosen.value is None:
            raise UserError(
                "certify.no_figure", source=source, unit=figures.unit, period=p.code, indicator=figures.indicator
            )
        num, den, nobs, val = chosen.num, chosen.den, chosen.nobs, chosen.value
    else:
        assert value is not None
        base = figures.by_source.get(figures.official)
        num = den = nobs = None
        val = float(value)
        if figures.kind is Kind.RATIO:
            den = base.den if base is not None else None
            if den is None or not den:
                raise UserError("certify.ratio_denominator", indicator=figures.indicator, unit=figures.unit)
            num = val * den / figures.factor
        elif figures.kind is Kind.AVERAGE:
            nobs = base.nobs if base is not None else None
    basis = {code: f.value for code, f in figures.by_source.items()}
    with store.transaction() as s:
        inst = store.institution(s, institution)
        access.require_planner(s, store.actor, inst.id, "certify")
        give_reason(s, reason)
        row = s.scalar(
            select(Certification).where(
                Certification.indicator_id == figures.indicator_id,
                Certification.unit_id == figures.unit_id,
                Certification.month == month,
            )
        )
        old = None if row is None else {"value": row.value, "source": row.source, "reason": row.reason}
        if row is None:
            row = Certification(
                institution_id=inst.id, indicator_id=figures.indicator_id, unit_id=figures.unit_id, month=month
            )
            s.add(row)
        row.value, row.numerator, row.denominator, row.observations = val, num, den, nobs
        row.source, row.reason, row.basis = source, reason, basis
        row.certified_by, row.certified_at = store.actor.name, utcnow()
        s.flush()
        record(
            s,
            store.actor.name,
            [
                {
                    "action": "certify",
                    "entity": "certification",
                    "entity_key": f"{figures.indicator_id}/{figures.unit_id}/{month}",
                    "institution_id": inst.id,
                    "unit_id": figures.unit_id,
                    "indicator_id": figures.indicator_id,
                    "month": month,
                    "old": old,
                    "new": {"value": val, "source": source, "basis": basis},
                    "reason": reason,
                }
            ],
        )
        view_cache.invalidate(s, inst.id)
        at = row.certified_at
    return Certified(
        figures.unit,
        figures.indicator,
        p.code,
        val,
        source,
        reason,
        store.actor.name,
        at.isoformat(timespec="seconds"),
        basis,
    )


def listed(store: Store, institution: str, period: str | None = None) -> list[dict[str, Any]]:
    """Every certification of the institution (of a period's months), newest month first."""
    with store.reading() as s:
        inst = store.institution(s, institution)
        access.require_reader(s, store.actor, inst.id)
        c = Certification
        q = (
            select(c, Unit.code, Indicator.code)
            .join(Unit, Unit.id == c.unit_id)
            .join(Indicator, Indicator.id == c.indicator_id)
            .where(c.institution_id == inst.id)
        )
        if period:
            months = Period.parse(period).months
            q = q.where(c.month >= months[0], c.month <= months[-1])
        out = []
        for row, unit, ind in s.execute(q.order_by(c.month.desc(), Indicator.code, Unit.code)):
            out.append(
                {
                    "unit": unit,
                    "indicator": ind,
                    "period": Period.of_month(row.month).code,
                    "value": row.value,
                    "source": row.source,
                    "reason": row.reason,
                    "certified_by": row.certified_by,
                    "certified_at": row.certified_at.isoformat(timespec="seconds"),
                    "basis": row.basis,
                }
            )
        return out
