"""Register against register: the events one register edition has and another lacks, by the mapping's
key columns (``register_events``), counted as multisets — two identical events are two."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import access
from scorecard.errors import UserError
from scorecard.models import Edition, RegisterEvent, Unit, UnitClosure
from scorecard.periods import Period
from scorecard.sources import same_code

if TYPE_CHECKING:
    from scorecard.store import Store


def compare(store: Store, institution: str, unit: str | None, period: str, sources: list[str]) -> dict[str, Any]:
    """The events one register has and the other lacks under ``unit`` in ``period`` (by the mapping's
    key columns, counted: two identical events are two).  Two sources: the latest edition of each;
    one source: its last two editions."""
    months = list(Period.parse(period).months)
    with store.reading() as s:
        inst = store.institution(s, institution)
        access.require_reader(s, store.actor, inst.id)
        root = store.units.find(s, inst.id, unit, inst.code) if unit else None
        with_events = (
            select(Edition)
            .where(Edition.institution_id == inst.id, Edition.id.in_(select(RegisterEvent.edition_id).distinct()))
            .order_by(Edition.id)
        )
        editions = list(s.scalars(with_events))
        picked: list[Edition] = []
        wanted = list(dict.fromkeys(sources))
        for code in wanted:
            mine = [e for e in editions if same_code(e.source, code)]
            if not mine:
                raise UserError(
                    "events.no_register",
                    source=code,
                    institution=inst.code,
                    candidates=sorted({e.source for e in editions}),
                )
            picked += mine[-2:] if len(wanted) == 1 else mine[-1:]
        if len(picked) != 2:
            raise UserError("events.two", value=", ".join(sources))
        sides = [_event_keys(s, e, root.id if root else None, months) for e in picked]
        a, b = (Counter(k for k, _r, _u, _m in side) for side in sides)
        only = [a - b, b - a]
        out_sides = []
        for e, side, extra in zip(picked, sides, only, strict=True):
            left = Counter(extra)
            events = []
            for key, row, ucode, month in side:
                if left[key] > 0:
                    left[key] -= 1
                    events.append({"key": key, "row": row, "unit": ucode, "period": Period.of_month(month).code})
            out_sides.append(
                {
                    "source": e.source,
                    "edition": e.id,
                    "file": e.file,
                    "imported_at": e.imported_at.isoformat(timespec="seconds"),
                    "events": len(side),
                    "only_here": events,
                }
            )
        return {
            "institution": inst.code,
            "unit": root.code if root else None,
            "period": Period.parse(period).code,
            "compared": out_sides,
            "common": sum((a & b).values()),
        }


def _event_keys(s: Session, e: Edition, root: int | None, months: list[int]) -> list[tuple[str, int, str, int]]:

    q = (
        select(RegisterEvent.key, RegisterEvent.row, Unit.code, RegisterEvent.month)
        .join(Unit, Unit.id == RegisterEvent.unit_id)
        .where(RegisterEvent.edition_id == e.id, RegisterEvent.month >= months[0], RegisterEvent.month <= months[-1])
    )
    if root is not None:
        q = q.join(UnitClosure, UnitClosure.descendant_id == RegisterEvent.unit_id).where(
            UnitClosure.ancestor_id == root
        )
    return [(k, r, u, m) for k, r, u, m in s.execute(q.order_by(RegisterEvent.row))]
