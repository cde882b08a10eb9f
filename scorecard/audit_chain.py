"""The audit's hash chain: each entry stores the SHA-256 of the previous entry's hash and its own content,
and ``audit_chain`` keeps the head (the last position and hash).  Altering an entry breaks its own hash;
removing one breaks the next entry's link (and its position); removing the last ones shows against the head.

On SQLite the app chains the entries it appends (one writer at a time: SQLite serialises them).  On
PostgreSQL the server does, in a trigger that locks the head to the end of the transaction
(``scorecard.server_security``); the content hashed there is the server's text of each column, so the
walk asks the server for each entry's recomputed hash.  Either way ``verify`` walks the chain here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text, update
from sqlalchemy.orm import Session

from scorecard.models import AuditChain, AuditEntry, table_of

CONTENT = (
    "seq", "at", "user", "db_user", "action", "entity", "entity_key", "institution_id", "unit_id", "indicator_id",
    "month", "old", "new", "reason", "batch_id",
)  # fmt: skip


def content(entry: dict[str, Any]) -> str:
    """What an SQLite entry's hash covers: its columns as canonical JSON (the id and the chain's own left out)."""
    values = [entry.get(c) for c in CONTENT]
    at = values[1]
    if isinstance(at, dt.datetime):
        values[1] = at.isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def link(prev: str | None, entry: dict[str, Any]) -> str:
    return hashlib.sha256(((prev or "") + content(entry)).encode("utf-8")).hexdigest()


def chain(session: Session, rows: list[dict[str, Any]]) -> None:
    """Give SQLite entries about to be inserted their place and hash, and move the head past them."""
    head = session.get(AuditChain, 1)
    if head is None:
        head = AuditChain(id=1, seq=0, hash=None)
        session.add(head)
    seq, prev = head.seq, head.hash
    for row in rows:
        seq += 1
        row["seq"], row["prev_hash"] = seq, prev
        prev = row["hash"] = link(prev, row)
    head.seq, head.hash = seq, prev
    session.flush()


def chain_existing_sqlite(conn: Connection) -> None:
    """Chain the entries an older SQLite database already has, in id order (the schema upgrade)."""
    table = table_of(AuditEntry)
    seq, prev = 0, None
    rows = conn.execute(select(table).order_by(table.c.id)).mappings().all()
    for row in rows:
        seq += 1
        entry = {**row, "seq": seq}
        prev_hash, prev = prev, link(prev, entry)
        conn.execute(update(table).where(table.c.id == row["id"]).values(seq=seq, prev_hash=prev_hash, hash=prev))
    conn.execute(table_of(AuditChain).insert().values(id=1, seq=seq, hash=prev))


@dataclass(frozen=True)
class Verdict:
    entries: int
    intact: bool
    first_broken: int | None  # the id of the first entry whose hash or link does not hold
    problem: str | None  # altered | removed | head
    head: str | None  # the last hash: note it somewhere else, and a rewritten chain shows too

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "intact": self.intact,
            "first_broken": self.first_broken,
            "problem": self.problem,
            "head": self.head,
        }


def walk(
    links: Iterable[tuple[int, int | None, str | None, str | None, str | None]], head: tuple[int, str | None]
) -> Verdict:
    """``links``: (id, seq, prev_hash, hash, recomputed hash) in chain order; ``head``: (seq, hash)."""
    n, last_seq, last_hash, last_id = 0, 0, None, None
    for entry_id, seq, prev_hash, stored, computed in links:
        n += 1
        if seq is None or stored is None or computed != stored:
            return Verdict(n, False, entry_id, "altered", head[1])
        if seq != last_seq + 1 or prev_hash != last_hash:
            return Verdict(n, False, entry_id, "removed", head[1])
        last_seq, last_hash, last_id = seq, stored, entry_id
    if (last_seq, last_hash) != (head[0], head[1]):
        return Verdict(n, False, last_id, "head", head[1])
    return Verdict(n, True, None, None, head[1])


def verify(session: Session) -> Verdict:
    head_row = session.get(AuditChain, 1)
    head = (head_row.seq, head_row.hash) if head_row is not None else (0, None)
    return walk(_links(session), head)


def _links(session: Session) -> Iterator[tuple[int, int | None, str | None, str | None, str | None]]:
    conn = session.connection().execution_options(stream_results=True, yield_per=20_000)
    if conn.dialect.name == "postgresql":
        rows = conn.execute(text("SELECT id, seq, prev_hash, hash, computed FROM gpr_audit_links()"))
        for r in rows:
            yield int(r[0]), r[1], r[2], r[3], r[4]
        return
    table = table_of(AuditEntry)
    q = select(table).order_by(table.c.seq.is_not(None), table.c.seq, table.c.id)
    for row in conn.execute(q).mappings():
        entry = dict(row)
        yield int(entry["id"]), entry["seq"], entry["prev_hash"], entry["hash"], link(entry["prev_hash"], entry)
