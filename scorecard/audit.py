"""The append-only audit log: who, when, what (old → new), why, in which batch; hash-chained."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from scorecard.audit_chain import Verdict, chain, verify
from scorecard.models import AuditEntry, utcnow

if TYPE_CHECKING:
    from scorecard.store import Store


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime
    user: str | None
    action: str
    entity: str
    entity_key: str
    old: Any
    new: Any
    reason: str | None
    batch: int | None
    # where the change happened, as codes (search() fills them; not part of the CLI's JSON)
    unit: str | None = None
    indicator: str | None = None
    month: int | None = None
    db_user: str | None = None  # the database login that made it (a server's), where known

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="seconds") + "Z",
            "user": self.user,
            "action": self.action,
            "entity": self.entity,
            "key": self.entity_key,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
            "batch": self.batch,
            "db_user": self.db_user,
        }


def record(session: Session, user: str | None, entries: list[dict[str, Any]]) -> int:
    """Append entries (dicts of AuditEntry columns) inside the caller's transaction, chained.

    On a PostgreSQL server the server writes the audit itself (``scorecard.server_security``: a trigger on
    every audited table, the reason from :func:`give_reason`), so the app's own entries are not needed
    there and it could not insert them anyway."""
    if not entries or _on_server(session):
        return 0
    now = utcnow()
    rows = [{"at": now, "user": user, **e} for e in entries]
    chain(session, rows)
    session.execute(insert(AuditEntry), rows)
    return len(rows)


def give_reason(session: Session, reason: str | None) -> None:
    """The reason the server's audit triggers record for this transaction's changes (PostgreSQL)."""
    if reason and _on_server(session):
        session.execute(text("SELECT set_config('gpr.reason', :r, true)"), {"r": reason})


def _on_server(session: Session) -> bool:
    return session.connection().dialect.name == "postgresql"


class AuditLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def verify(self) -> Verdict:
        """Walk the hash chain (see :mod:`scorecard.audit_chain`)."""
        with self.store.reading() as s:
            return verify(s)

    def search(
        self,
        *,
        institution: str | None = None,
        unit: str | None = None,
        indicator: str | None = None,
        period: str | None = None,
        user: str | None = None,
        action: str | None = None,
        limit: int = 100,
    ) -> list[AuditRecord]:
        """The newest ``limit`` entries, newest first: of an institution, of a unit and everything below
        it, of an indicator, of the months of a period, by a user, of an action.  Codes without
        ``institution`` match in any."""
        from scorecard.models import Indicator, Unit, UnitClosure
        from scorecard.periods import Period

        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(limit, 1))
        with self.store.reading() as s:
            inst_ids = None
            if institution is not None:
                inst_ids = [self.store.institution(s, institution).id]
                q = q.where(AuditEntry.institution_id == inst_ids[0])
            if unit is not None:
                units = self._ids(s, Unit, unit, inst_ids)
                below = select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id.in_(units))
                q = q.where(AuditEntry.unit_id.in_(below))
            if indicator is not None:
                q = q.where(AuditEntry.indicator_id.in_(self._ids(s, Indicator, indicator, inst_ids)))
            if period is not None:
                q = q.where(AuditEntry.month.in_(Period.parse(period).months))
            if user:
                q = q.where(AuditEntry.user == user.strip())
            if action:
                q = q.where(AuditEntry.action == action.strip())
            found = list(s.scalars(q))
            unit_codes = _codes(s, Unit, {e.unit_id for e in found})
            ind_codes = _codes(s, Indicator, {e.indicator_id for e in found})
            return [
                _record(e, unit_codes.get(e.unit_id or 0), ind_codes.get(e.indicator_id or 0), e.month) for e in found
            ]

    @staticmethod
    def _ids(session: Session, model: Any, code: str, inst_ids: list[int] | None) -> list[int]:
        from sqlalchemy import func

        from scorecard.errors import UserError

        q = select(model.id).where(func.upper(model.code) == code.strip().upper())
        if inst_ids is not None:
            q = q.where(model.institution_id.in_(inst_ids))
        found = list(session.scalars(q))
        if not found:
            raise UserError(f"{model.__tablename__[:-1]}.unknown", code=code, institution="*", candidates=[])
        return found

    def entries(
        self,
        *,
        entity: str | None = None,
        unit_id: int | None = None,
        indicator_id: int | None = None,
        month: int | None = None,
        limit: int = 10_000,
    ) -> list[AuditRecord]:
        q = select(AuditEntry).order_by(AuditEntry.id)
        if entity:
            q = q.where(AuditEntry.entity == entity)
        if unit_id is not None:
            q = q.where(AuditEntry.unit_id == unit_id)
        if indicator_id is not None:
            q = q.where(AuditEntry.indicator_id == indicator_id)
        if month is not None:
            q = q.where(AuditEntry.month == month)
        with self.store.reading() as s:
            return [_record(e) for e in s.scalars(q.limit(limit))]


def _codes(session: Session, model: Any, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {int(i): str(c) for i, c in session.execute(select(model.id, model.code).where(model.id.in_(wanted)))}


def _record(
    e: AuditEntry, unit: str | None = None, indicator: str | None = None, month: int | None = None
) -> AuditRecord:
    return AuditRecord(
        e.at,
        e.user,
        e.action,
        e.entity,
        e.entity_key,
        e.old,
        e.new,
        e.reason,
        e.batch_id,
        unit,
        indicator,
        month,
        e.db_user,
    )
