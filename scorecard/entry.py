"""Monthly data entry (registro mensual): the sheet a commander fills for the units under them and one
month, the status each figure would get, and saving it with its justifications in one transaction.

A figure that would be red needs its cause and corrective action: the rule lives here so that every
front end (the desktop grid, a future web form, the CLI) refuses the same things.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from scorecard import access
from scorecard.access import Actor
from scorecard.arithmetic import performance_of
from scorecard.audit import record
from scorecard.domain import Definition, Kind, Polarity, Status, Thresholds
from scorecard.errors import Problem, ValidationFailed
from scorecard.figures import ResultRow, WriteReport
from scorecard.models import Result, Target, UnitClosure, table_of
from scorecard.periods import Period
from scorecard.units import Units

if TYPE_CHECKING:
    from scorecard.store import Store

SHEET = "registro"


@dataclass(frozen=True)
class EntryLine:
    """One (unit, indicator) cell of the month: what is due, its target and what is filed so far."""

    unit_id: int
    unit_code: str
    unit_name: str
    indicator_id: int
    indicator_code: str
    indicator_name: str
    unit_of_measure: str
    definition: Definition
    thresholds: Thresholds
    target: float | None
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    observations: float | None = None  # averages: how many cases the mean is of (kept as filed)
    comment: str | None = None
    cause: str | None = None
    action: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.definition.kind is Kind.RATIO

    @property
    def band(self) -> tuple[float, float] | None:
        d = self.definition
        if d.polarity is Polarity.IN_BAND and d.band_min is not None and d.band_max is not None:
            return (d.band_min, d.band_max)
        return None

    def figure(self) -> float | None:
        """The value the scorecard will use: for ratios, numerator / denominator × factor."""
        if self.is_ratio:
            if self.numerator is None or not self.denominator:
                return None
            return self.numerator / self.denominator * self.definition.factor
        return self.value

    def status(self) -> Status:
        """The status this figure gets for this unit and month (the scorecard's own arithmetic)."""
        value = self.figure()
        if value is None:
            return Status.NO_DATA
        p = performance_of(value, self.target, self.definition.polarity, band=self.band)
        if p is None:
            return Status.NO_TARGET
        return self.thresholds.status_of(min(p, 1.0))

    def needs_justification(self) -> bool:
        return self.status() is Status.RED

    def filled(self) -> bool:
        return self.figure() is not None


@dataclass(frozen=True)
class EntrySheet:
    institution: str
    unit_code: str
    month: int
    lines: tuple[EntryLine, ...]

    @property
    def period(self) -> Period:
        return Period.of_month(self.month)


def open_month(store: Store, institution: str) -> int:
    """The month to file now: the one after the latest month with any result (January of this year when
    nothing was filed).  A commander's month follows the workflow: :func:`scorecard.filing.filing_calendar`."""
    import datetime as dt

    from scorecard.filing import latest_filed_month

    latest = latest_filed_month(store, institution)
    if latest is None:
        return dt.date.today().year * 100 + 1
    return latest + 1 if latest % 100 < 12 else (latest // 100 + 1) * 100 + 1


def load_sheet(store: Store, institution: str, unit: str, month: int) -> EntrySheet:
    """Every (reporting unit at or below ``unit``, indicator due in ``month``) pair, by unit then plan order."""
    with store.reading() as s:
        inst = store.institution(s, institution)
        selected = store.units.find(s, inst.id, unit, inst.code)
        plan, indicators = store.plans.shape(s, inst, month)
        _, infos = Units.subtree(s, selected.id)
        due = [
            (d, ind, d.thresholds or plan.thresholds)
            for d, ind in zip(plan.definitions, indicators, strict=True)
            if d.frequency.is_due_in(month)
        ]
        ind_ids = [d.indicator_id for d, _, _ in due]
        targets = {
            (t.indicator_id, t.unit_id): t.value
            for t in s.execute(
                select(Target.indicator_id, Target.unit_id, Target.value)
                .join(UnitClosure, UnitClosure.descendant_id == Target.unit_id)
                .where(UnitClosure.ancestor_id == selected.id, Target.month == month, Target.indicator_id.in_(ind_ids))
            )
        }
        filed = {
            (r.indicator_id, r.unit_id): r
            for r in s.execute(
                select(
                    Result.indicator_id,
                    Result.unit_id,
                    Result.value,
                    Result.numerator,
                    Result.denominator,
                    Result.observations,
                    Result.comment,
                    Result.cause,
                    Result.action,
                )
                .join(UnitClosure, UnitClosure.descendant_id == Result.unit_id)
                .where(UnitClosure.ancestor_id == selected.id, Result.month == month, Result.indicator_id.in_(ind_ids))
            )
        }
    lines = []
    for u in sorted(infos, key=lambda x: x.code):
        for d, ind, th in due:
            if u.level not in d.levels:
                continue
            old = filed.get((d.indicator_id, u.id))
            lines.append(
                EntryLine(
                    unit_id=u.id,
                    unit_code=u.code,
                    unit_name=u.name,
                    indicator_id=d.indicator_id,
                    indicator_code=d.code,
                    indicator_name=ind.name,
                    unit_of_measure=ind.unit_of_measure or "",
                    definition=d,
                    thresholds=th,
                    target=targets.get((d.indicator_id, u.id)),
                    value=old.value if old else None,
                    numerator=old.numerator if old else None,
                    denominator=old.denominator if old else None,
                    observations=old.observations if old else None,
                    comment=old.comment if old else None,
                    cause=old.cause if old else None,
                    action=old.action if old else None,
                )
            )
    return EntrySheet(inst.code, selected.code, month, tuple(lines))


def sheet_problems(lines: tuple[EntryLine, ...] | list[EntryLine]) -> list[Problem]:
    """What keeps filled lines from being saved: every red needs its cause and its corrective action."""
    problems = []
    for n, line in enumerate(lines, start=1):
        if not line.filled() or not line.needs_justification():
            continue
        for column, text in (("causa", line.cause), ("accion", line.action)):
            if not (text or "").strip():
                problems.append(
                    Problem(
                        "entry.justification",
                        sheet=SHEET,
                        row=n,
                        column=column,
                        indicator=line.indicator_code,
                        unit=line.unit_code,
                    )
                )
    return problems


def save_sheet(store: Store, sheet: EntrySheet, lines: list[EntryLine]) -> WriteReport:
    """File the filled ``lines`` of ``sheet`` and their causes and actions, all or nothing."""
    filled = [line for line in lines if line.filled()]
    problems = sheet_problems(filled)
    if problems:
        raise ValidationFailed(problems)
    rows = [
        ResultRow(
            line.indicator_id,
            line.unit_id,
            sheet.month,
            value=None if line.is_ratio else line.value,
            numerator=line.numerator if line.is_ratio else None,
            denominator=line.denominator if line.is_ratio else None,
            observations=line.observations,
            comment=line.comment or None,
            source_sheet=SHEET,
            source_row=n,
        )
        for n, line in enumerate(filled, start=1)
    ]
    with store.transaction() as s:
        inst = store.institution(s, sheet.institution)
        definitions = {line.indicator_id: line.definition for line in filled}
        report = store.figures.write_results(s, inst.id, rows, definitions, batch_kind="typed", source="typed")
        _write_justifications(s, store.user, inst.id, sheet.month, filled, store.actor)
    return report


def _write_justifications(
    session: Session,
    user: str | None,
    institution_id: int,
    month: int,
    lines: list[EntryLine],
    actor: Actor | None = None,
) -> int:
    """Causes and actions beside the figures just written; each change audited with old → new."""
    keys = [(line.indicator_id, line.unit_id) for line in lines]
    if not keys:
        return 0
    stored = {
        (r.indicator_id, r.unit_id): r
        for r in session.execute(
            select(Result.id, Result.indicator_id, Result.unit_id, Result.cause, Result.action).where(
                Result.month == month,
                Result.indicator_id.in_({k[0] for k in keys}),
                Result.unit_id.in_({k[1] for k in keys}),
            )
        )
    }
    changes = []
    for line in lines:
        old = stored[(line.indicator_id, line.unit_id)]
        cause, action = (line.cause or "").strip() or None, (line.action or "").strip() or None
        if (old.cause, old.action) != (cause, action):
            changes.append((old, cause, action, line))
    if not changes:
        return 0
    if actor is not None:  # a justification is part of the month: locked once it is approved
        access.require_open_cells(session, actor, {(line.unit_id, month) for _o, _c, _a, line in changes})
    t = table_of(Result)
    session.connection().execute(
        update(t)
        .where(t.c.id == bindparam("rid"))
        .values(cause=bindparam("c"), action=bindparam("a"), version=t.c.version + 1),
        [{"rid": old.id, "c": cause, "a": action} for old, cause, action, _ in changes],
    )
    record(
        session,
        user,
        [
            {
                "action": "justify",
                "entity": "result",
                "entity_key": f"{line.indicator_id}/{line.unit_id}/{month}",
                "institution_id": institution_id,
                "unit_id": line.unit_id,
                "indicator_id": line.indicator_id,
                "month": month,
                "old": {"cause": old.cause, "action": old.action},
                "new": {"cause": cause, "action": action},
                "reason": None,
                "batch_id": None,
            }
            for old, cause, action, line in changes
        ],
    )
    return len(changes)


def with_edit(line: EntryLine, **changes: Any) -> EntryLine:
    return replace(line, **changes)


__all__ = ["EntryLine", "EntrySheet", "load_sheet", "open_month", "save_sheet", "sheet_problems", "with_edit"]
