"""PostgreSQL: two people editing one value do not lose an update; many clients filing at once each arrive
exactly once (each signed in as their own role)."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy import func, select

from benchmarks import load
from scorecard.errors import UserError
from scorecard.models import AuditEntry, Result
from scorecard.store import Store
from tests.builders import ids, load_small
from tests.conftest import PG_URL
from tests.people import add_people, hom, signed_in, write

pytestmark = pytest.mark.postgres

DSN = PG_URL.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def shared(pg_url: str) -> str:
    store = Store.open(pg_url, create=True)
    load_small(store)
    add_people(store)
    store.close()
    return pg_url


def test_the_second_editor_of_a_value_is_told_to_reload(shared: str) -> None:
    a, b = signed_in(shared, "planif"), signed_in(shared, "jefa_ti")
    u, i = ids(a)
    key = (i["HOM-01"], u["09D08C04"], 202501)
    seen_a, seen_b = a.figures.stored_result(*key), b.figures.stored_result(*key)
    assert seen_a is not None and seen_b is not None and seen_a.version == seen_b.version
    write(a, [hom(a, "09D08C04", 202501, 7, expected_version=seen_a.version)])
    with pytest.raises(UserError) as exc:
        write(b, [hom(b, "09D08C04", 202501, 9, expected_version=seen_b.version)])
    assert exc.value.message_id == "conflict.stale"
    now = b.figures.stored_result(*key)  # reload, then the change goes through
    assert now is not None and (now.value, now.version) == (7, seen_a.version + 1)
    write(b, [hom(b, "09D08C04", 202501, 9, expected_version=now.version)])
    with a.reading() as s:
        revisions = list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "result").order_by(AuditEntry.id)))
    assert [(e.user, e.old["value"], e.new["value"]) for e in revisions] == [("planif", 6, 7), ("jefa_ti", 7, 9)]


def _waiting_on_a_lock() -> bool:
    with psycopg.connect(DSN, autocommit=True) as conn:
        row = conn.execute(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
        ).fetchone()
    return bool(row and row[0])


def test_two_sessions_writing_the_same_value_at_once_lose_no_update(shared: str) -> None:
    """A holds its write uncommitted until B's write of the same row is blocked on it; then A commits.
    B read the value before A's commit: its update must not overwrite A's, it is a conflict."""
    a, b = signed_in(shared, "planif"), signed_in(shared, "jefa_ti")
    a_wrote = threading.Event()
    outcome: dict[str, object] = {}

    def writer_b() -> None:
        a_wrote.wait(10)
        try:
            write(b, [hom(b, "09D08C04", 202501, 9)])
            outcome["b"] = "written"
        except UserError as exc:
            outcome["b"] = exc.message_id

    tb = threading.Thread(target=writer_b)
    tb.start()
    with a.transaction() as s:
        inst = a.institution(s, "PN")
        shape, _ = a.plans.shape(s, inst, 202501)
        defs = {d.indicator_id: d for d in shape.definitions}
        a.figures.write_results(s, inst.id, [hom(a, "09D08C04", 202501, 7)], defs)
        a_wrote.set()
        deadline = time.monotonic() + 20
        while not _waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_a_lock(), "B never reached the row lock"
    tb.join(30)
    assert outcome["b"] == "conflict.stale"
    u, i = ids(a)
    with a.reading() as s:
        value = s.scalar(
            select(Result.value).where(
                Result.indicator_id == i["HOM-01"], Result.unit_id == u["09D08C04"], Result.month == 202501
            )
        )
        revisions = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "result"))
    assert (value, revisions) == (7, 1)


def test_two_sessions_filing_the_same_new_value_at_once_the_second_conflicts(shared: str) -> None:
    """Both see no value yet; A inserts and holds; B's insert of the same key waits on the unique index;
    A commits: B must not end in an error page or a duplicate, it is told to reload."""
    a, b = signed_in(shared, "planif"), signed_in(shared, "jefa_ti")
    a_wrote = threading.Event()
    outcome: dict[str, object] = {}

    def writer_b() -> None:
        a_wrote.wait(10)
        try:
            write(b, [hom(b, "09D08C04", 202506, 9)])
            outcome["b"] = "written"
        except UserError as exc:
            outcome["b"] = exc.message_id

    tb = threading.Thread(target=writer_b)
    tb.start()
    with a.transaction() as s:
        inst = a.institution(s, "PN")
        shape, _ = a.plans.shape(s, inst, 202506)
        defs = {d.indicator_id: d for d in shape.definitions}
        a.figures.write_results(s, inst.id, [hom(a, "09D08C04", 202506, 7)], defs)
        a_wrote.set()
        deadline = time.monotonic() + 20
        while not _waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_a_lock(), "B never reached the unique index"
    tb.join(30)
    assert outcome["b"] == "conflict.stale"
    u, i = ids(a)
    with a.reading() as s:
        values = list(
            s.scalars(
                select(Result.value).where(
                    Result.indicator_id == i["HOM-01"], Result.unit_id == u["09D08C04"], Result.month == 202506
                )
            )
        )
    assert values == [7]


def test_many_clients_filing_at_once_each_arrive_exactly_once(pg_url: str) -> None:
    clients, months, indicators = 12, [202501, 202502, 202503], 4
    load.prepare(pg_url, clients, indicators)
    run = load.file_concurrently(pg_url, clients, months, indicators)
    assert run.errors == []
    assert load.exactly_once(pg_url, clients, months, indicators) == []
    assert run.filings == 36 and run.values == 144 and run.seconds > 0
