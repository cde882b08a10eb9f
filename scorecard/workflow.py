"""The monthly workflow of spec/domain.md: a unit's month is ``open`` → ``submitted`` → ``approved``, or
``returned`` (with a reason) → ``submitted`` again; an approved month is locked until a planner reopens
it with a reason.

A submission covers the unit and everything below it for one month.  It is refused while a red result
in that subtree lacks its cause (causa) or its corrective action (acción correctiva); the refusal lists
each one.  Every transition is audited and optimistic-locked (the submission's version column): two
people acting on the same month at once cannot both win, the second is told to reload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scorecard import access
from scorecard.audit import record
from scorecard.domain import Role, Status, SubmissionState
from scorecard.errors import UserError
from scorecard.models import Indicator, Institution, Result, Submission, Unit, UnitClosure, User, utcnow
from scorecard.periods import Period, deadline

if TYPE_CHECKING:
    from scorecard.store import Store

OPEN, SUBMITTED, APPROVED, RETURNED = (s.value for s in SubmissionState)


@dataclass(frozen=True)
class Blocker:
    """A red result that still lacks its cause or its corrective action."""

    unit: str
    indicator: str
    indicator_name: str
    value: float | None
    target: float | None
    performance: float | None
    missing: tuple[str, ...]  # "cause", "action"

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "indicator": self.indicator,
            "value": self.value,
            "target": self.target,
            "performance": self.performance,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class SubmissionInfo:
    """The state of one unit-month (``version`` 0: never touched, still open)."""

    institution: str
    unit: str
    unit_name: str
    period: str
    state: str
    reason: str | None
    version: int
    submitted_at: dt.datetime | None
    updated_by: str | None
    deadline: dt.date
    on_time: bool | None  # submitted by the deadline (None: not submitted yet)

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "period": self.period,
            "state": self.state,
            "reason": self.reason,
            "version": self.version,
            "submitted_at": _iso(self.submitted_at),
            "deadline": self.deadline.isoformat(),
            "on_time": self.on_time,
        }


@dataclass(frozen=True)
class QueueRow:
    """One line of the planner's review queue."""

    unit: str
    unit_name: str
    level: str
    state: str
    reason: str | None
    submitted_at: dt.datetime | None
    on_time: bool | None
    completeness: float | None
    results_filed: int
    results_due: int
    version: int

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "name": self.unit_name,
            "level": self.level,
            "state": self.state,
            "reason": self.reason,
            "submitted_at": _iso(self.submitted_at),
            "on_time": self.on_time,
            "completeness": self.completeness,
            "results_filed": self.results_filed,
            "results_due": self.results_due,
            "version": self.version,
        }


def _iso(at: dt.datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") + "Z" if at else None


def month_of_period(period: Period | str) -> int:
    p = Period.parse(period) if isinstance(period, str) else period
    if not p.is_month:
        raise UserError("workflow.month_only", period=p.code)
    return p.months[0]


def on_time(submitted_at: dt.datetime | None, month: int, deadline_days: int) -> bool | None:
    if submitted_at is None:
        return None
    return submitted_at.date() <= deadline(month, deadline_days)


# the transitions: action → (states it starts from, state it leads to, needs a reason)
TRANSITIONS = {
    "submit": ((OPEN, RETURNED), SUBMITTED, False),
    "approve": ((SUBMITTED,), APPROVED, False),
    "return": ((SUBMITTED,), RETURNED, True),
    "reopen": ((APPROVED,), OPEN, True),
}


class Workflow:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- reading -----------------------------------------------------------------------------------------

    def state(self, institution: str, unit: str, period: Period | str) -> SubmissionInfo:
        month = month_of_period(period)
        with self.store.reading() as s:
            inst, u = self._place(s, institution, unit)
            sub = self._submission(s, u.id, month)
            return _info(inst, u, month, sub)

    def blockers(self, institution: str, unit: str, period: Period | str) -> list[Blocker]:
        """What stops ``unit``'s month from being submitted: red results lacking cause or action."""
        month = month_of_period(period)
        with self.store.reading() as s:
            inst, u = self._place(s, institution, unit)
            return self._blockers(s, inst, u, month)

    def queue(self, institution: str, period: Period | str) -> list[QueueRow]:
        """The review queue of a month: every unit with a submission, and every commander's unit (open
        until it submits), with state, completeness of its subtree and timeliness."""
        month = month_of_period(period)
        with self.store.reading() as s:
            inst = self.store.institution(s, institution)
            subs = {
                sub.unit_id: sub
                for sub in s.scalars(
                    select(Submission)
                    .join(Unit, Unit.id == Submission.unit_id)
                    .where(Unit.institution_id == inst.id, Submission.month == month)
                )
            }
            scoped = set(
                s.scalars(
                    select(User.scope_unit_id).where(
                        User.institution_id == inst.id, User.role == Role.COMMANDER.value, User.active.is_(True)
                    )
                )
            )
            wanted = set(subs) | {u for u in scoped if u is not None}
            if not wanted:
                return []
            c = self.store.scoring.compute(s, inst.code, Period.of_month(month))
            index = {info.id: k for k, info in enumerate(c.units)}
            rows = []
            for unit_id in wanted:
                k = index[unit_id]
                info, urow, sub = c.units[k], c.evaluation.units.iloc[k], subs.get(unit_id)
                completeness = float(urow["completeness"])
                rows.append(
                    QueueRow(
                        unit=info.code,
                        unit_name=info.name,
                        level=info.level,
                        state=sub.state if sub else OPEN,
                        reason=sub.reason if sub else None,
                        submitted_at=sub.submitted_at if sub else None,
                        on_time=on_time(sub.submitted_at if sub else None, month, inst.deadline_days),
                        completeness=None if np.isnan(completeness) else completeness,
                        results_filed=int(urow["results_filed"]),
                        results_due=int(urow["results_due"]),
                        version=sub.version if sub else 0,
                    )
                )
        order = {SUBMITTED: 0, RETURNED: 1, OPEN: 2, APPROVED: 3}
        return sorted(rows, key=lambda r: (order.get(r.state, 9), r.unit))

    # --- acting ------------------------------------------------------------------------------------------

    def submit(
        self, institution: str, unit: str, period: Period | str, *, expected_version: int | None = None
    ) -> SubmissionInfo:
        return self._move("submit", institution, unit, period, None, expected_version)

    def approve(
        self, institution: str, unit: str, period: Period | str, *, expected_version: int | None = None
    ) -> SubmissionInfo:
        return self._move("approve", institution, unit, period, None, expected_version)

    def return_(
        self,
        institution: str,
        unit: str,
        period: Period | str,
        reason: str | None,
        *,
        expected_version: int | None = None,
    ) -> SubmissionInfo:
        return self._move("return", institution, unit, period, reason, expected_version)

    def reopen(
        self,
        institution: str,
        unit: str,
        period: Period | str,
        reason: str | None,
        *,
        expected_version: int | None = None,
    ) -> SubmissionInfo:
        return self._move("reopen", institution, unit, period, reason, expected_version)

    def justify(
        self, institution: str, unit: str, indicator: str, period: Period | str, cause: str, action: str
    ) -> None:
        """Record the cause and the corrective action of a filed result (audited)."""
        month = month_of_period(period)
        cause, action = (cause or "").strip(), (action or "").strip()
        if not cause or not action:
            raise UserError("workflow.justification_empty")
        with self.store.transaction() as s:
            inst, u = self._place(s, institution, unit)
            actor = self.store.actor
            access.require_unit_writer(s, actor, inst.id, [u.id], "workflow.justify")
            access.require_open_cells(s, actor, {(u.id, month)})
            ind = s.scalar(
                select(Indicator).where(
                    Indicator.institution_id == inst.id, Indicator.code == indicator.strip().upper()
                )
            )
            if ind is None:
                known = list(s.scalars(select(Indicator.code).where(Indicator.institution_id == inst.id)))
                raise UserError("indicator.unknown", code=indicator, institution=inst.code, candidates=known)
            row = s.scalar(
                select(Result).where(Result.indicator_id == ind.id, Result.unit_id == u.id, Result.month == month)
            )
            if row is None:
                code = Period.of_month(month).code
                raise UserError("workflow.nothing_filed", indicator=ind.code, unit=u.code, period=code)
            old = {"cause": row.cause, "action": row.action}
            row.cause, row.action = cause, action
            s.flush()  # the version column moves on: a concurrent edit of the same result conflicts
            record(
                s,
                self.store.user,
                [
                    {
                        "action": "justify",
                        "entity": "result",
                        "entity_key": f"{ind.id}/{u.id}/{month}",
                        "institution_id": inst.id,
                        "unit_id": u.id,
                        "indicator_id": ind.id,
                        "month": month,
                        "old": old,
                        "new": {"cause": cause, "action": action},
                    }
                ],
            )

    # --- internals ---------------------------------------------------------------------------------------

    def _move(
        self,
        action: str,
        institution: str,
        unit: str,
        period: Period | str,
        reason: str | None,
        expected_version: int | None,
    ) -> SubmissionInfo:
        month = month_of_period(period)
        sources, target, needs_reason = TRANSITIONS[action]
        reason = (reason or "").strip() or None
        try:
            with self.store.transaction() as s:
                inst, u = self._place(s, institution, unit)
                actor = self.store.actor
                if action == "submit":
                    access.require_unit_writer(s, actor, inst.id, [u.id], f"workflow.{action}")
                else:
                    access.require_planner(s, actor, inst.id, f"workflow.{action}")
                sub = self._submission(s, u.id, month)
                state = sub.state if sub else OPEN
                if expected_version is not None and expected_version != (sub.version if sub else 0):
                    raise UserError("conflict.stale")
                code = Period.of_month(month).code
                if state not in sources:
                    raise UserError(f"workflow.cannot_{action}", unit=u.code, period=code, state=state)
                if needs_reason and reason is None:
                    raise UserError("workflow.reason_required", action=action)
                if action == "submit":
                    blockers = self._blockers(s, inst, u, month)
                    if blockers:
                        listed = "; ".join(f"{b.unit} {b.indicator}" for b in blockers[:20])
                        raise UserError("workflow.blocked", unit=u.code, period=code, count=len(blockers), items=listed)
                if s.connection().dialect.name == "postgresql":
                    # the server's function is the only way a submission changes there (it checks again,
                    # locks the row and audits the move)
                    done = s.execute(
                        text("SELECT id FROM gpr_transition(:u, :m, :a, :r, :v)"),
                        {"u": u.id, "m": month, "a": action, "r": reason, "v": sub.version if sub else 0},
                    ).scalar_one()
                    moved = s.get(Submission, done, populate_existing=True)
                    return _info(inst, u, month, moved)
                now = utcnow()
                if sub is None:
                    sub = Submission(unit_id=u.id, month=month, state=OPEN)
                    s.add(sub)
                sub.state = target
                sub.reason = reason if action in ("return", "reopen") else None
                if action == "submit" and sub.submitted_at is None:
                    # timeliness is the first submission's: a return for corrections does not make a
                    # punctual unit late
                    sub.submitted_at = now
                sub.updated_at, sub.updated_by = now, self.store.user
                s.flush()
                record(
                    s,
                    self.store.user,
                    [
                        {
                            "action": action,
                            "entity": "submission",
                            "entity_key": f"{inst.code}/{u.code}/{code}",
                            "institution_id": inst.id,
                            "unit_id": u.id,
                            "month": month,
                            "old": {"state": state},
                            "new": {"state": target},
                            "reason": reason,
                        }
                    ],
                )
                return _info(inst, u, month, sub)
        except IntegrityError as exc:  # someone created this month's submission at the same time
            raise UserError("conflict.stale") from exc

    def _place(self, session: Session, institution: str, unit: str) -> tuple[Institution, Unit]:
        inst = self.store.institution(session, institution)
        return inst, self.store.units.find(session, inst.id, unit, inst.code)

    @staticmethod
    def _submission(session: Session, unit_id: int, month: int) -> Submission | None:
        return session.scalar(select(Submission).where(Submission.unit_id == unit_id, Submission.month == month))

    def _blockers(self, session: Session, inst: Institution, unit: Unit, month: int) -> list[Blocker]:
        filed = {
            (r.indicator_id, r.unit_id): r
            for r in session.execute(
                select(Result.indicator_id, Result.unit_id, Result.cause, Result.action)
                .join(UnitClosure, UnitClosure.descendant_id == Result.unit_id)
                .where(UnitClosure.ancestor_id == unit.id, Result.month == month)
            )
        }
        if not filed:
            return []
        c = self.store.scoring.compute(session, inst.code, Period.of_month(month), unit.code)
        frame = c.evaluation.indicators
        red = frame[frame["status"].to_numpy() == int(Status.RED)]
        out = []
        for ind, u, value, target, perf in red[["ind", "unit", "value", "target", "performance"]].itertuples(
            index=False
        ):
            d, info = c.plan.definitions[int(ind)], c.units[int(u)]
            r = filed.get((d.indicator_id, info.id))
            if r is None:
                continue  # an aggregate of filed figures: each filed one answers for itself
            missing = tuple(
                name for name, text in (("cause", r.cause), ("action", r.action)) if not (text or "").strip()
            )
            if missing:
                name = c.indicators[int(ind)].name
                out.append(Blocker(info.code, d.code, name, _num(value), _num(target), _num(perf), missing))
        return sorted(out, key=lambda b: (b.unit, b.indicator))


def _num(x: Any) -> float | None:
    f = float(x)
    return None if np.isnan(f) else f


def _info(inst: Institution, unit: Unit, month: int, sub: Submission | None) -> SubmissionInfo:
    return SubmissionInfo(
        institution=inst.code,
        unit=unit.code,
        unit_name=unit.name,
        period=Period.of_month(month).code,
        state=sub.state if sub else OPEN,
        reason=sub.reason if sub else None,
        version=sub.version if sub else 0,
        submitted_at=sub.submitted_at if sub else None,
        updated_by=sub.updated_by if sub else None,
        deadline=deadline(month, inst.deadline_days),
        on_time=on_time(sub.submitted_at if sub else None, month, inst.deadline_days),
    )
