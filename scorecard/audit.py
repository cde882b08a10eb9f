"""The append-only audit log: who, when, what (old → new), why, in which batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

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
        }


def record(session: Session, user: str | None, entries: list[dict[str, Any]]) -> int:
    """Append entries (dicts of AuditEntry columns) inside the caller's transaction."""
    if not entries:
        return 0
    now = utcnow()
    rows = [{"at": now, "user": user, **e} for e in entries]
    session.execute(insert(AuditEntry), rows)
    return len(rows)


class AuditLog:
    def __init__(self, store: Store) -> None:
        self.store = store

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
            return [
                AuditRecord(e.at, e.user, e.action, e.entity, e.entity_key, e.old, e.new, e.reason, e.batch_id)
                for e in s.scalars(q.limit(limit))
            ]
