"""Which months a unit may still file: the calendar behind a commander's data entry.

A month is *open* for a unit's scope while at least one of its reporting units (the units of the subtree
at a level some indicator is reported at) can still be written: no submission of that unit or of an
ancestor holds it.  For a commander a month under review (``submitted``) holds it as well as an approved
one — the rule of :func:`scorecard.access.require_open_cells`.  The month to open is the earliest open one
of the plan; when every month is closed, the month after the last closed one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from scorecard.domain import Role, SubmissionState
from scorecard.models import Indicator, Plan, Result, Submission, UnitClosure
from scorecard.periods import add_months, months_between
from scorecard.units import Units

if TYPE_CHECKING:
    from scorecard.store import Store

OPEN = SubmissionState.OPEN.value


@dataclass(frozen=True)
class FilingMonth:
    month: int
    state: str  # the state of the unit's own submission for the month (what its Submit button acts on)
    open: bool  # some reporting unit of the scope may still be written


@dataclass(frozen=True)
class FilingCalendar:
    institution: str
    unit: str
    months: tuple[FilingMonth, ...]  # oldest first
    default: int  # the month to open

    def open_months(self) -> list[int]:
        return [m.month for m in self.months if m.open]


def latest_filed_month(store: Store, institution: str) -> int | None:
    with store.reading() as s:
        inst = store.institution(s, institution)
        return s.scalar(
            select(Result.month)
            .join(Indicator, Indicator.id == Result.indicator_id)
            .where(Indicator.institution_id == inst.id)
            .order_by(Result.month.desc())
            .limit(1)
        )


def filing_calendar(store: Store, institution: str, unit: str, *, horizon: int) -> FilingCalendar:
    """The plan's months from its first January up to ``horizon`` (the month to file by default today),
    extended to the month after the last closed one, each with whether ``unit``'s scope may still file it."""
    closing = [SubmissionState.APPROVED.value, SubmissionState.SUBMITTED.value]
    if store.actor.role is not Role.COMMANDER:
        closing = [SubmissionState.APPROVED.value]  # a planner writes in months under review
    with store.reading() as s:
        inst = store.institution(s, institution)
        scope = store.units.find(s, inst.id, unit, inst.code)
        plan = s.scalar(select(Plan).where(Plan.institution_id == inst.id).order_by(Plan.id))
        first = plan.first_year * 100 + 1 if plan else horizon
        last = plan.last_year * 100 + 12 if plan else horizon
        shape, _ = store.plans.shape(s, inst, horizon)
        levels = {level for d in shape.definitions for level in d.levels}
        _, infos = Units.subtree(s, scope.id)
        reporting = {u.id for u in infos if u.level in levels} or {scope.id}
        q = (
            select(UnitClosure.descendant_id, Submission.month)
            .join(UnitClosure, UnitClosure.ancestor_id == Submission.unit_id)
            .where(Submission.month >= first, Submission.month <= last, Submission.state.in_(closing))
        )
        if len(reporting) <= 500:
            q = q.where(UnitClosure.descendant_id.in_(reporting))
        held: dict[int, set[int]] = defaultdict(set)
        for unit_id, month in s.execute(q):
            if unit_id in reporting:
                held[month].add(unit_id)
        own = dict(
            s.execute(
                select(Submission.month, Submission.state).where(
                    Submission.unit_id == scope.id, Submission.month >= first, Submission.month <= last
                )
            ).all()
        )
    closed = sorted(m for m, units in held.items() if len(units) >= len(reporting))
    upper = min(last, max(horizon, add_months(closed[-1], 1) if closed else horizon))
    months = tuple(
        FilingMonth(m, own.get(m, OPEN), len(held.get(m, ())) < len(reporting))
        for m in months_between(min(first, upper), upper)
    )
    opened = [m.month for m in months if m.open]
    default = opened[0] if opened else upper
    return FilingCalendar(inst.code, scope.code, months, default)
