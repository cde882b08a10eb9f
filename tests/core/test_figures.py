"""Writing results and targets: validated, diffed, idempotent, revisions audited, bulk via executemany."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from scorecard.domain import Kind
from scorecard.errors import ValidationFailed
from scorecard.figures import ResultRow, TargetRow, WriteReport
from scorecard.models import AuditEntry, Batch, Result, Target
from scorecard.store import Store
from scorecard.target_writes import distribute_annual
from tests.builders import ids, load_small


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url, create=True)
    load_small(s, figures=False)
    return s


def write(store: Store, rows: list[ResultRow], **kw: object) -> WriteReport:
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, 202512)
        return store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions}, **kw)


def n(store: Store, model: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_writing_twice_changes_nothing_the_second_time(store: Store) -> None:
    u, i = ids(store)
    rows = [
        ResultRow(i["HOM-01"], u["09D08C04"], 202501, 3),
        ResultRow(i["HOM-01"], u["09D08C06"], 202501, 0),
        ResultRow(i["TAS-01"], u["09D08"], 202501, numerator=3, denominator=300_000),
    ]
    first = write(store, rows)
    assert (first.new, first.changed, first.unchanged) == (3, 0, 0)
    audits, batches = n(store, AuditEntry), n(store, Batch)
    second = write(store, rows)
    assert (second.batch, second.new, second.changed, second.unchanged) == (None, 0, 0, 3)
    assert (n(store, AuditEntry), n(store, Batch)) == (audits, batches)
    with store.reading() as s:
        rate = s.scalar(select(Result.value).where(Result.indicator_id == i["TAS-01"]))
    assert rate == pytest.approx(1.0)  # stored as numerator / denominator × factor


def test_a_revision_is_audited_old_to_new_with_its_batch(store: Store) -> None:
    u, i = ids(store)
    write(store, [ResultRow(i["HOM-01"], u["09D08C04"], 202501, 3)])
    report = write(
        store,
        [ResultRow(i["HOM-01"], u["09D08C04"], 202501, 4, source_file="registro.xlsx")],
        reason="registro corregido",
    )
    assert (report.new, report.changed) == (0, 1)
    with store.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "result")).one()
        version = s.scalar(select(Result.version))
    assert (entry.old["value"], entry.new["value"], entry.reason, entry.batch_id) == (
        3,
        4,
        "registro corregido",
        report.batch,
    )
    assert (entry.unit_id, entry.indicator_id, entry.month) == (u["09D08C04"], i["HOM-01"], 202501)
    assert version == 2


def test_rules_every_figure_obeys(store: Store) -> None:
    u, i = ids(store)
    bad = [
        ResultRow(i["HOM-01"], u["09D08C04"], 202501, -1, source_row=2),  # a negative count
        ResultRow(i["TAS-01"], u["09D08"], 202501, 5, source_row=3),  # a ratio without its parts
        ResultRow(i["TAS-01"], u["09D01"], 202501, numerator=1, denominator=0, source_row=4),
        ResultRow(i["ESC-01"], u["Z8"], 202502, 5, source_row=5),  # quarterly: not due in February
        ResultRow(i["HOM-01"], u["09D08"], 202501, 5, source_row=6),  # reported by circuits, not districts
    ]
    with pytest.raises(ValidationFailed) as exc:
        write(store, [ResultRow(i["HOM-01"], u["09D08C06"], 202501, 1), *bad])
    assert [(p.message_id, p.row) for p in exc.value.problems] == [
        ("cell.negative", 2),
        ("value.ratio_parts", 3),
        ("value.denominator", 4),
        ("value.not_due", 5),
        ("value.level", 6),
    ]
    assert n(store, Result) == 0  # the good row was not written either
    text = exc.value.text("es")
    assert "ESC-01 no corresponde en 2025-02" in text and "lo reportan: circuito" in text


def test_bulk_writes_are_one_executemany(store: Store) -> None:
    """Thousands of rows go to the database as a single executemany, not row by row."""
    u, i = ids(store)
    rows = [
        ResultRow(i["HOM-01"], u[c], 200001 + 100 * (k // 12) + k % 12, k % 7)
        for c in ("09D08C04", "09D08C06", "09D01C01", "17D06C11")
        for k in range(12 * 100)
    ]
    inserts: list[int] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def spy(_conn, _cursor, statement, parameters, _context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO RESULTS"):
            inserts.append(len(parameters) if executemany else 1)

    report = write(store, rows)
    event.remove(store.engine, "before_cursor_execute", spy)
    assert report.new == 4800 and n(store, Result) == 4800
    assert sum(inserts) == 4800 and len(inserts) <= 5  # batched, not 4,800 statements


def test_targets_are_diffed_and_revisions_keep_their_reason(store: Store) -> None:
    u, i = ids(store)
    row = TargetRow(i["HOM-01"], u["09D08C04"], 202501, 5)
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        assert store.figures.write_targets(s, inst.id, [row]).new == 1
        assert store.figures.write_targets(s, inst.id, [row]).unchanged == 1
        revised = store.figures.write_targets(
            s, inst.id, [TargetRow(row.indicator_id, row.unit_id, row.month, 4)], reason="meta ajustada por el comité"
        )
        assert revised.changed == 1
    with store.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "target")).one()
        if store.dialect == "postgresql":  # the server's trigger: the changed columns
            assert (entry.old, entry.new, entry.db_user) == ({"value": 5}, {"value": 4}, "postgres")
        else:
            assert (entry.old, entry.new) == (5, 4)
        assert entry.reason == "meta ajustada por el comité"
        assert s.scalar(select(Target.value)) == 4


def test_annual_targets_are_distributed() -> None:
    even = distribute_annual(120, 2025, Kind.COUNT)
    assert [t.month for t in even] == list(range(202501, 202513)) and {t.value for t in even} == {10.0}
    profile = [2] * 6 + [1] * 6
    weighted = distribute_annual(90, 2025, Kind.COUNT, profile)
    assert sum(t.value for t in weighted) == pytest.approx(90) and weighted[0].value == pytest.approx(10)
    rates = distribute_annual(45.0, 2025, Kind.RATIO)
    assert {t.value for t in rates} == {45.0}
    with pytest.raises(ValueError, match="12"):
        distribute_annual(10, 2025, Kind.COUNT, [1, 2])
