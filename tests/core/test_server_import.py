"""A long table imported into a PostgreSQL server the column path's way (each part copied into a temporary
table, one ``INSERT … SELECT``), as the app's own login roles: the figures, the report, the server's audit
and row-level security exactly as any insert; a late failure leaves nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import event
from sqlalchemy.engine import make_url

from importers.figures_import import import_figures
from scorecard import access, result_columns
from scorecard.errors import UserError, ValidationFailed
from scorecard.figures import Figures
from scorecard.server_staging import ServerInserter
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import LEVELS, PLAN, TREE, ids
from tests.core.test_server_attacks import COMMANDER, PLANNER, Server
from tests.people import add_people, signed_in

pytestmark = pytest.mark.postgres

# 120 circuits under each of two districts (the commander's 09D08 and 09D01): with HOM-01 and RES-01 for
# each month of 2025, and TAS-01 (a ratio) for the three districts, 5,796 values
EXTRA = [UnitSpec(f"{d}C{k:03d}", f"Circuito {d} {k}", "circuito", d) for d in ("09D08", "09D01") for k in range(120)]
CIRCUITS = ["09D08C04", "09D08C06", "09D01C01", "17D06C11", *(u.code for u in EXTRA)]
DISTRICTS = {"09D08": 300_000, "09D01": 200_000, "17D06": 500_000}
MONTHS = [202500 + m for m in range(1, 13)]
Key = tuple[str, str, int]


@pytest.fixture
def server(passwords_checked: str) -> Server:
    url = passwords_checked
    with Store.open(url, create=True) as store:
        store.units.load("PN", TREE + EXTRA, name="Policía Nacional", level_names=LEVELS)
        store.plans.load("PN", PLAN, effective_from=190001)
        add_people(store)
        u, i = ids(store)
    schema = str(dict(make_url(url).query)["options"]).split("=", 1)[1]
    return Server(url, schema, u, i)


def rows_for(units: list[str], bump: int = 0) -> tuple[list[list[Any]], dict[Key, float]]:
    """The long table's rows (unit, indicator, period, value, numerator, denominator) and the value each
    should store, computed here (a ratio: numerator / denominator × 100,000)."""
    rows: list[list[Any]] = []
    expected: dict[Key, float] = {}
    for k, unit in enumerate(units):
        for month in MONTHS:
            hom, res = (k * 7 + month) % 13, 5 + (k + month) % 11 / 4
            rows += [[unit, "HOM-01", f"{month // 100}-{month % 100:02d}", hom + bump, None, None],
                     [unit, "RES-01", f"{month // 100}-{month % 100:02d}", res, None, None]]  # fmt: skip
            expected[unit, "HOM-01", month], expected[unit, "RES-01", month] = hom + bump, res
    for unit, population in DISTRICTS.items():
        for month in MONTHS:
            deaths = month % 7
            rows.append([unit, "TAS-01", f"{month // 100}-{month % 100:02d}", None, deaths, population])
            expected[unit, "TAS-01", month] = deaths / population * 100_000
    return rows, expected


def long_table(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor", "numerador", "denominador"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def stored(server: Server) -> dict[Key, tuple[float, float | None, float | None, int, str]]:
    """Every result as the owner reads it with psycopg: value, numerator, denominator, version, who."""
    with server.owner() as conn:
        got = conn.execute(
            "select u.code, i.code, r.month, r.value, r.numerator, r.denominator, r.version, r.entered_by "
            "from results r join units u on u.id = r.unit_id join indicators i on i.id = r.indicator_id"
        ).fetchall()
    return {(str(u), str(i), int(str(m))): (v, a, b, ver, who) for u, i, m, v, a, b, ver, who in got}  # type: ignore[misc]


def count(server: Server, sql: str) -> int:
    with server.owner() as conn:
        row = conn.execute(sql).fetchone()  # type: ignore[arg-type]
    assert row is not None
    return int(str(row[0]))


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list for the statements a store sends through SQLAlchemy (``listen``); the per-row path is made
    to fail if taken."""

    def no_rows(*_a: object, **_k: object) -> None:
        raise AssertionError("the per-row path was taken")

    monkeypatch.setattr(Figures, "write_results", no_rows)
    return []


def listen(store: Store, sent: list[str]) -> None:
    event.listen(store.engine, "before_cursor_execute", lambda *a: sent.append(a[2]))


def counted_copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many values each part's COPY carried."""
    copies: list[int] = []
    add = ServerInserter.add
    monkeypatch.setattr(ServerInserter, "add", lambda self, c, a, n: (copies.append(len(n)), add(self, c, a, n))[1])
    return copies


def inserts_into_results(sent: list[str]) -> list[str]:
    return [s for s in sent if s.lstrip().upper().startswith("INSERT INTO RESULTS")]


def test_a_planner_s_long_table_goes_in_through_copy_and_one_insert_and_a_reimport_revises_the_changed(
    server: Server, tmp_path: Path, statements: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows, expected = rows_for(CIRCUITS)
    planif = signed_in(server.url, PLANNER)
    listen(planif, statements)
    copies = counted_copies(monkeypatch)
    done = import_figures(planif, long_table(tmp_path / "a.xlsx", rows), "PN")
    assert (done["kind"], done["new"], done["changed"], done["unchanged"]) == ("long", len(expected), 0, 0)
    # the column path: the new values copied, then one INSERT … SELECT, no row inserted apart
    assert sum(copies) == len(expected)
    (insert,) = inserts_into_results(statements)
    assert "SELECT" in insert and "VALUES" not in insert
    got = stored(server)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        v, num, den, version, who = got[key]
        assert v == pytest.approx(value, rel=1e-12) and version == 1 and who == PLANNER
        if key[1] == "TAS-01":
            assert (num, den) == (key[2] % 7, DISTRICTS[key[0]])
        else:
            assert num is None and den is None
    # the server's audit: the batch's new values counted once, under the planner's login
    with server.owner() as conn:
        audit = conn.execute(
            "select action, entity, db_user, new::text from audit_log where entity in ('batch', 'result') order by seq"
        ).fetchall()
    assert [(a, e, d) for a, e, d, _n in audit] == [("file", "batch", PLANNER)]
    assert json.loads(str(audit[0][3]))["new_values"] == len(expected)

    # a re-import with five figures changed: those revised (version 2, audited old → new), the rest kept
    changed = {("09D08C04", "HOM-01", 202503), ("09D01C001", "HOM-01", 202507), ("09D08C119", "HOM-01", 202512),
               ("09D01C01", "HOM-01", 202501), ("17D06C11", "HOM-01", 202506)}  # fmt: skip
    again = [[*r[:3], r[3] + 1 if (r[0], r[1], int(r[2][:4] + r[2][5:])) in changed else r[3], *r[4:]] for r in rows]
    statements.clear()
    done = import_figures(planif, long_table(tmp_path / "b.xlsx", again), "PN")
    assert (done["new"], done["changed"], done["unchanged"]) == (0, 5, len(expected) - 5)
    assert not inserts_into_results(statements)
    after = stored(server)
    for key, value in expected.items():
        bumped = key in changed
        assert after[key][0] == pytest.approx(value + bumped) and after[key][3] == 1 + bumped
    with server.owner() as conn:
        revised = conn.execute(
            "select u.code, r.month, a.old::text, a.new::text, a.db_user from audit_log a "
            "join results r on a.entity_key = concat_ws('/', r.indicator_id, r.unit_id, r.month) "
            "join units u on u.id = r.unit_id where a.action = 'revise'"
        ).fetchall()
    assert {(str(u), int(str(m))) for u, m, *_ in revised} == {(u, m) for u, _i, m in changed}
    for unit, month, old, new, who in revised:
        before = expected[str(unit), "HOM-01", int(str(month))]
        assert (json.loads(str(old)), json.loads(str(new)), who) == ({"value": before}, {"value": before + 1}, PLANNER)
    planif.close()


def test_a_commander_s_value_outside_their_scope_is_refused_by_the_server_and_nothing_is_left(
    server: Server, tmp_path: Path, statements: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = [u for u in CIRCUITS if u.startswith("09D08")]
    rows, _ = rows_for([*mine, "09D01C01"])
    rows = [r for r in rows if r[1] != "TAS-01"]  # districts: no commander's circuit indicator
    path = long_table(tmp_path / "c.xlsx", rows)
    jefe = signed_in(server.url, COMMANDER)
    listen(jefe, statements)
    # the app refuses it first, as on the per-row path
    with pytest.raises(UserError) as refused:
        import_figures(jefe, path, "PN")
    assert refused.value.message_id == "access.scope"
    # with the app's own checks out of the way, the server refuses the one insert (row-level security)
    monkeypatch.setattr(access, "require_unit_writer", lambda *_a: None)
    monkeypatch.setattr(access, "require_open_cells", lambda *_a: None)
    statements.clear()
    with pytest.raises(UserError) as refused:
        import_figures(jefe, path, "PN")
    assert refused.value.message_id == "server.refused" and "row-level security" in str(refused.value.params)
    (insert,) = inserts_into_results(statements)
    assert "SELECT" in insert
    assert count(server, "select count(*) from results") == 0
    assert count(server, "select count(*) from batches") == 0
    assert count(server, "select count(*) from audit_log where entity in ('result', 'batch')") == 0
    # its own units alone go in, under its login
    done = import_figures(jefe, long_table(tmp_path / "d.xlsx", [r for r in rows if r[0] != "09D01C01"]), "PN")
    assert done["new"] == len(mine) * 2 * 12 == count(server, "select count(*) from results")
    jefe.close()


@pytest.mark.parametrize("late", ["repeated key", "negative count"])
def test_a_failure_after_parts_were_copied_leaves_nothing(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, late: str
) -> None:
    monkeypatch.setattr(result_columns, "SMALL", 500)  # 8 parts of this file
    rows, _ = rows_for(CIRCUITS)
    rows.append(
        ["09D08C04", "HOM-01", "2025-01", 99] if late == "repeated key" else ["09D08C04", "HOM-01", "2026-01", -1]
    )
    copies = counted_copies(monkeypatch)
    planif = signed_in(server.url, PLANNER)
    with pytest.raises(ValidationFailed) as failed:  # the per-row path then words the problem
        import_figures(planif, long_table(tmp_path / "e.xlsx", rows), "PN")
    planif.close()
    assert len(copies) >= 7  # parts were copied before the failure
    assert [p.row for p in failed.value.problems] == [len(rows) + 1]
    for table in ("results", "batches", "editions", "edition_values"):
        assert count(server, f"select count(*) from {table}") == 0
    assert count(server, "select count(*) from audit_log where entity in ('result', 'batch', 'edition')") == 0


def test_a_comment_column_is_copied_row_by_row_and_kept(
    server: Server, tmp_path: Path, statements: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows, expected = rows_for(CIRCUITS[:40])
    notes = {k: f"nota {k}: «revisada»" if k % 3 else None for k in range(len(rows))}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor", "numerador", "denominador", "comentario"])
    for k, r in enumerate(rows):
        ws.append([*r, notes[k]])
    wb.save(tmp_path / "f.xlsx")
    copies = counted_copies(monkeypatch)
    planif = signed_in(server.url, PLANNER)
    listen(planif, statements)
    done = import_figures(planif, tmp_path / "f.xlsx", "PN")
    planif.close()
    assert done["new"] == len(expected) == sum(copies) and len(inserts_into_results(statements)) == 1
    with server.owner() as conn:
        got = conn.execute(
            "select u.code, i.code, r.month, r.comment, r.numerator from results r join units u on u.id = r.unit_id "
            "join indicators i on i.id = r.indicator_id"
        ).fetchall()
    by_key = {(str(u), str(i), int(str(m))): (c, n) for u, i, m, c, n in got}
    for k, r in enumerate(rows):
        comment, numerator = by_key[str(r[0]), str(r[1]), int(str(r[2]).replace("-", ""))]
        assert comment == notes[k] and numerator == r[4]
