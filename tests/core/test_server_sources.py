"""The server, by itself, keeps sources, their figures, editions and certifications to who may write them:
each attack below goes straight to PostgreSQL as the user's own login role, the app not in the way."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from openpyxl import Workbook
from sqlalchemy.engine import make_url

from importers.figures_import import import_figures
from scorecard.certification import certify
from scorecard.errors import UserError
from scorecard.store import Store
from tests.builders import ids, load_small
from tests.core.test_server_attacks import ADMIN, COMMANDER, EXECUTIVE, PLANNER, Server
from tests.people import PASSWORD, add_people, signed_in

pytestmark = pytest.mark.postgres

FOREIGN_PLANNER = "planif_fge"
ROW: list[object] = ["09D08C04", "HOM-01", "2025-01", 1]
Row = tuple[object, ...]


@pytest.fixture
def server(passwords_checked: str) -> Server:
    url = passwords_checked
    store = Store.open(url, create=True)
    load_small(store)
    add_people(store)
    u, i = ids(store)
    schema = str(dict(make_url(url).query)["options"]).split("=", 1)[1]
    store.close()
    return Server(url, schema, u, i)


def run(server: Server, user: str, sql: str, params: tuple[object, ...] = ()) -> int:
    """``sql`` as ``user``'s login (with their password, as anyone holding it could); the rows it touched."""
    with psycopg.connect(server.conninfo(user) + f" password={PASSWORD}", autocommit=True) as conn:
        return conn.execute(sql, params).rowcount  # type: ignore[arg-type]


def refused(server: Server, user: str, sql: str, params: tuple[object, ...] = ()) -> None:
    """A missing grant and a row-level policy's refusal are both 42501 (insufficient privilege)."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        run(server, user, sql, params)


def owner_rows(server: Server, sql: str, params: tuple[object, ...] = ()) -> list[Row]:
    with server.owner() as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def institution(server: Server, code: str) -> int:
    return int(str(owner_rows(server, "select id from institutions where code = %s", (code,))[0][0]))


def certification_sql(inst: int, ind: int, unit: int, month: int, value: float) -> str:
    return (
        "insert into certifications (institution_id, indicator_id, unit_id, month, value, reason, basis, "
        f"certified_by, certified_at) values ({inst}, {ind}, {unit}, {month}, {value}, 'conciliado', '{{}}', "
        "current_user, now())"
    )


def test_only_the_institution_s_planners_write_sources_their_figures_and_certifications(server: Server) -> None:
    pn, fge = institution(server, "PN"), institution(server, "FGE")
    hom, unit = server.indicators["HOM-01"], server.units["09D08C04"]
    with server.owner() as conn:
        src = conn.execute(
            "insert into sources (institution_id, code, name, created_at) values (%s, 'EXT', 'Externa', now()) "
            "returning id",
            (pn,),
        ).fetchone()
        conn.execute(certification_sql(pn, hom, unit, 202502, 4))
    assert src is not None
    figure = (
        "insert into source_figures (source_id, indicator_id, unit_id, month, value, updated_at) "
        f"values ({src[0]}, {hom}, {unit}, 202501, 5, now())"
    )
    new_source = f"insert into sources (institution_id, code, name, created_at) values ({pn}, 'X', 'X', now())"
    # commanders and executives have no grant to write any of them
    for user in (COMMANDER, EXECUTIVE):
        for sql in (
            new_source,
            "update sources set name = 'Otra'",
            figure,
            "update source_figures set value = 0",
            certification_sql(pn, hom, unit, 202501, 99),
            "update certifications set value = 99",
            f"update institutions set tolerance_pct = 50 where id = {pn}",
        ):
            refused(server, user, sql)
    # another institution's planner: refused on insert, and our rows are not theirs to update
    refused(server, FOREIGN_PLANNER, certification_sql(pn, hom, unit, 202501, 99))
    refused(server, FOREIGN_PLANNER, certification_sql(fge, hom, unit, 202501, 99))  # ours, filed as theirs
    refused(server, FOREIGN_PLANNER, new_source)
    refused(server, FOREIGN_PLANNER, figure)
    assert run(server, FOREIGN_PLANNER, "update certifications set value = 99") == 0
    assert run(server, FOREIGN_PLANNER, f"update institutions set tolerance_pct = 50 where id = {pn}") == 0
    assert owner_rows(server, "select value from certifications") == [(4.0,)]
    # the institution's planner may, and the server audits each row under their login
    assert run(server, PLANNER, certification_sql(pn, hom, unit, 202501, 7)) == 1
    assert run(server, PLANNER, "update certifications set value = 8, source = 'EXT' where month = 202501") == 1
    assert run(server, PLANNER, new_source) == 1
    assert run(server, PLANNER, figure) == 1
    assert run(server, PLANNER, f"update institutions set tolerance_pct = 5, tolerance_abs = 1 where id = {pn}") == 1
    entries = owner_rows(
        server,
        "select action, entity, entity_key, db_user, old::text, new::text from audit_log "
        "where entity in ('certification', 'source', 'source_figure') and db_user = %s order by seq",
        (PLANNER,),
    )
    assert [(a, e, k, d) for a, e, k, d, _o, _n in entries] == [
        ("create", "certification", f"{hom}/{unit}/202501", PLANNER),
        ("update", "certification", f"{hom}/{unit}/202501", PLANNER),
        ("create", "source", "PN/X", PLANNER),
        ("create", "source_figure", f"EXT/{hom}/{unit}/202501", PLANNER),
    ]
    assert json.loads(str(entries[1][4])) == {"value": 7, "source": None}
    assert json.loads(str(entries[1][5])) == {"value": 8, "source": "EXT"}
    # no DELETE of a source (its figures would go with it) nor of a certification, by anyone but the owner
    for user in (PLANNER, ADMIN):
        refused(server, user, "delete from sources")
        refused(server, user, "delete from certifications")


def test_editions_are_insert_only_and_a_commander_s_rows_stay_in_their_scope(server: Server) -> None:
    pn, fge = institution(server, "PN"), institution(server, "FGE")
    hom, inside, outside = server.indicators["HOM-01"], server.units["09D08C04"], server.units["09D01C01"]

    def edition(inst: int, user: str) -> str:
        return (
            'insert into editions (institution_id, source, kind, file, "user", imported_at, indicator_ids, '
            f"first_month, last_month) values ({inst}, 'OFICIAL', 'import', 'a.xlsx', '{user}', now(), "
            f"'[{hom}]', 202501, 202501)"
        )

    with server.owner() as conn:
        planners = conn.execute(edition(pn, PLANNER) + " returning id").fetchone()
    assert planners is not None
    assert run(server, COMMANDER, edition(pn, COMMANDER)) == 1
    mine = owner_rows(server, 'select id from editions where "user" = %s', (COMMANDER,))[0][0]
    refused(server, COMMANDER, edition(pn, PLANNER))  # not in someone else's name
    refused(server, COMMANDER, edition(fge, COMMANDER))  # nor into another institution
    refused(server, EXECUTIVE, edition(pn, EXECUTIVE))

    def value(ed: object, unit: int) -> str:
        return (
            "insert into edition_values (edition_id, indicator_id, unit_id, month, value) "
            f"values ({ed}, {hom}, {unit}, 202501, 1)"
        )

    def event(ed: object, unit: int) -> str:
        return (
            f"insert into register_events (edition_id, unit_id, month, key, row) values ({ed}, {unit}, 202501, 'k', 1)"
        )

    assert run(server, COMMANDER, value(mine, inside)) == 1
    assert run(server, COMMANDER, event(mine, inside)) == 1
    refused(server, COMMANDER, value(mine, outside))
    refused(server, COMMANDER, event(mine, outside))
    refused(server, COMMANDER, value(planners[0], inside))  # another's edition
    # a whole statement's rows at once (the policy's sets are worked out once per statement): one row
    # outside the scope refuses them all
    refused(
        server, COMMANDER,
        "insert into edition_values (edition_id, indicator_id, unit_id, month, value) "
        f"select {mine}, {hom}, u, 202502, 1 from unnest(array[{inside}, {outside}]) u",
    )  # fmt: skip
    assert run(server, PLANNER, value(planners[0], outside)) == 1
    refused(server, FOREIGN_PLANNER, value(planners[0], server.units["17D06C11"]))
    # nobody rewrites or removes what an import recorded, an administrator included
    for user in (COMMANDER, PLANNER, EXECUTIVE, ADMIN):
        for table in ("editions", "edition_values", "register_events"):
            refused(server, user, f"delete from {table}")
        refused(server, user, "update editions set file = 'otro.xlsx'")
        refused(server, user, "update edition_values set value = 0")
        refused(server, user, "update register_events set key = 'x'")
    assert owner_rows(server, "select count(*) from edition_values") == [(2,)]


def long_table(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_a_planner_adds_a_source_imports_it_and_certifies_its_figure_and_a_commander_cannot(
    server: Server, tmp_path: Path
) -> None:
    planif = signed_in(server.url, PLANNER)
    planif.sources.add("PN", "EXT", "Fuente externa")
    done = import_figures(
        planif, long_table(tmp_path / "ext.xlsx", [["09D08C04", "HOM-01", "2025-01", 9]]), "PN", source="EXT"
    )
    assert done["new"] == 1
    assert server.value("09D08C04", 202501) == 6  # the official figure stays the result
    cert = certify(planif, "PN", "HOM-01", "09D08C04", "2025-01", source="EXT", reason="acta de conciliación")
    assert (cert.value, cert.source, cert.certified_by) == (9, "EXT", PLANNER)
    entries = owner_rows(
        server, "select entity, db_user, reason from audit_log where entity in ('source', 'certification') order by seq"
    )
    assert ("source", PLANNER, "fuente EXT") in entries
    assert ("certification", PLANNER, "acta de conciliación") in entries
    # a commander imports their own units' official figures, with the edition it makes (a source's first
    # edition takes what was there before only inside the commander's scope)
    jefe = signed_in(server.url, COMMANDER)
    done = import_figures(jefe, long_table(tmp_path / "of.xlsx", [["09D08C04", "HOM-01", "2025-01", 7]]), "PN")
    assert done["changed"] == 1 and server.value("09D08C04", 202501) == 7
    logged = owner_rows(
        server,
        "select u.code from edition_values v join editions e on e.id = v.edition_id join units u on u.id = v.unit_id "
        'where e."user" = %s',
        (COMMANDER,),
    )
    assert logged and {c for (c,) in logged} <= {"09D08C04", "09D08C06", "09D08"}
    # the commander cannot certify: the app says so, and the server would refuse it anyway
    with pytest.raises(UserError):
        certify(jefe, "PN", "HOM-01", "09D08C04", "2025-01", source="EXT", reason="a mi manera")
    with pytest.raises(UserError):
        import_figures(jefe, long_table(tmp_path / "x.xlsx", [ROW]), "PN", source="EXT")
    assert owner_rows(server, "select value, certified_by from certifications") == [(9.0, PLANNER)]
    for store in (planif, jefe):
        store.close()


def test_a_planner_changes_an_indicator_s_official_source_on_the_server(server: Server, tmp_path: Path) -> None:
    """The figures follow the change (swap_official): the planner deletes and inserts results of the
    institution's open months and the old official ones become source figures, all audited."""
    planif = signed_in(server.url, PLANNER)
    planif.sources.add("PN", "EXT", "Fuente externa")
    ext = long_table(tmp_path / "ext.xlsx", [["09D08C04", "HOM-01", "2025-01", 9]])
    import_figures(planif, ext, "PN", source="EXT")
    planif.sources.set_official("PN", "HOM-01", "EXT", reason="la fuente oficial cambia")
    assert server.value("09D08C04", 202501) == 9 and server.value("09D01C01", 202501) is None
    moved = owner_rows(
        server,
        "select s.code, count(*) from source_figures f join sources s on s.id = f.source_id "
        "where f.indicator_id = %s group by s.code",
        (server.indicators["HOM-01"],),
    )
    assert dict(moved) == {"OFICIAL": 4}
    deleted = owner_rows(server, "select count(*) from audit_log where entity = 'result' and action = 'delete'")
    assert deleted == [(4,)]
    planif.close()
