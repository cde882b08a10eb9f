"""The shared server refuses, by itself, what the app would refuse: each user is a login role, and psql
as that role — with the role's own password, as any commander could — tries what the role must not do.

Every attack below is refused by PostgreSQL (a grant, a row-level policy, a workflow function), never by
the app, which is not in the way: the statements go straight from psql or psycopg to the server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from cli.main import main
from scorecard.store import Store
from tests.builders import ids, load_small
from tests.people import PASSWORD, add_people, signed_in

pytestmark = pytest.mark.postgres


@dataclass(frozen=True)
class Server:
    url: str
    schema: str
    units: dict[str, int]
    indicators: dict[str, int]

    def conninfo(self, user: str) -> str:
        u = make_url(self.url)
        return (
            f"host={u.host} port={u.port or 5432} dbname={u.database} user={user} options='-csearch_path={self.schema}'"
        )

    def psql(self, user: str, sql: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
        """``sql`` run by psql as ``user`` (its password in the environment, as psql reads it)."""
        exe = shutil.which("psql")
        if exe is None:
            pytest.skip("psql is not installed (apt-get install postgresql-client)")
        return subprocess.run(
            [exe, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", self.conninfo(user), "-c", sql],
            env={"PGPASSWORD": password, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def owner(self) -> psycopg.Connection[tuple[object, ...]]:
        u = make_url(self.url)
        return psycopg.connect(self.conninfo(u.username or "postgres"), autocommit=True)

    def value(self, unit: str, month: int, indicator: str = "HOM-01") -> object:
        with self.owner() as conn:
            row = conn.execute(
                "select value from results where unit_id = %s and month = %s and indicator_id = %s",
                (self.units[unit], month, self.indicators[indicator]),
            ).fetchone()
        return row[0] if row else None


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


COMMANDER, PLANNER, EXECUTIVE, ADMIN = "jefe_09d08", "planif", "autoridad", "jefa_ti"
EVERYONE = (COMMANDER, PLANNER, EXECUTIVE)


def refused(done: subprocess.CompletedProcess[str], *words: str) -> bool:
    text = done.stderr.lower()
    return done.returncode != 0 and any(w in text for w in words or ("permission denied", "gpr:"))


def test_each_user_signs_in_as_their_own_role_and_a_wrong_password_is_refused(server: Server) -> None:
    for user in (*EVERYONE, ADMIN):
        done = server.psql(user, "select current_user, session_user")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"{user}|{user}"
        assert refused(server.psql(user, "select 1", password="equivocada"), "password authentication failed")
    with server.owner() as conn:  # the server holds each password as a SCRAM verifier, the app none
        stored = conn.execute("select password_hash from users").fetchall()
        kinds = conn.execute(
            "select rolname, left(rolpassword, 14) from pg_authid where rolname = any(%s)", (list(EVERYONE),)
        ).fetchall()
    assert {r[0] for r in stored} == {"server-managed"}
    assert {k for _n, k in kinds} == {"SCRAM-SHA-256$"}


def test_nobody_but_an_admin_can_make_a_commander_an_administrator(server: Server) -> None:
    for user in EVERYONE:
        done = server.psql(user, f"update users set role = 'admin', scope_unit_id = null where name = '{user}'")
        assert refused(done), (user, done.stdout, done.stderr)
        assert refused(server.psql(user, f"grant gpr_admin to {user}"), "permission denied", "must have admin option")
        assert refused(server.psql(user, "create role intruso login password 'x'"), "permission denied")
        assert refused(server.psql(user, "insert into users (name, role, failed_attempts, active, created_at) "
                                         "values ('intruso', 'admin', 0, true, now())"))  # fmt: skip
    with server.owner() as conn:
        roles = dict(conn.execute("select name, role from users").fetchall())
        member = conn.execute("select pg_has_role('jefe_09d08', 'gpr_admin', 'MEMBER')").fetchone()
    assert roles[COMMANDER] == "commander" and "intruso" not in roles and member == (False,)
    # an administrator may, and the server then moves the role into the group
    assert (
        server.psql(ADMIN, "update users set role = 'planner', scope_unit_id = null where name = 'jefe_c04'").returncode
        == 0
    )
    with server.owner() as conn:
        groups = conn.execute(
            "select g.rolname from pg_auth_members m join pg_roles g on g.oid = m.roleid "
            "join pg_roles r on r.oid = m.member where r.rolname = 'jefe_c04'"
        ).fetchall()
    assert groups == [("gpr_planner",)]


def test_nobody_reads_anyone_s_password(server: Server) -> None:
    for user in (*EVERYONE, ADMIN):
        assert refused(server.psql(user, "select rolpassword from pg_authid"))
        assert refused(server.psql(user, "select passwd from pg_shadow"))
        done = server.psql(
            user, "select count(*) from users where password_hash like 'scrypt$%' or password_hash like 'SCRAM%'"
        )
        assert done.stdout.strip() == "0", done.stderr
    # and no hash can be put there on a server either (a constraint, for the owner too)
    with server.owner() as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("update users set password_hash = 'scrypt$1$2$3$x$y' where name = 'planif'")
    # a password is set only by its user or an administrator
    assert refused(server.psql(COMMANDER, "select gpr_set_password('planif', 'SCRAM-SHA-256$4096:x')"))
    assert refused(server.psql(PLANNER, "alter role jefe_09d08 password 'tomada'"))


def test_a_commander_writes_only_inside_their_scope(server: Server) -> None:
    outside, inside = server.units["09D01C01"], server.units["09D08C04"]
    hom = server.indicators["HOM-01"]
    before = server.value("09D01C01", 202501)
    done = server.psql(COMMANDER, f"update results set value = 99 where unit_id = {outside}")
    assert done.returncode == 0 and server.value("09D01C01", 202501) == before  # no row of theirs: none changed
    new_result = "insert into results (indicator_id, unit_id, month, value, source, entered_at, version) values "
    done = server.psql(COMMANDER, new_result + f"({hom}, {outside}, 202511, 1, 'typed', now(), 1)")
    assert refused(done, "row-level security")
    assert server.psql(COMMANDER, f"delete from results where unit_id = {outside}").returncode == 0
    assert server.value("09D01C01", 202501) == before
    # targets are the planning office's
    assert refused(server.psql(COMMANDER, f"update targets set value = 0 where unit_id = {inside}"))
    # inside the scope, in an open month, the commander may, and the server audits it under their name
    done = server.psql(COMMANDER, "begin; select set_config('gpr.reason', 'corrección de psql', true); "
                                  f"update results set value = 3 where unit_id = {inside} and month = 202501 "
                                  f"and indicator_id = {hom}; commit;")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert server.value("09D08C04", 202501) == 3
    with server.owner() as conn:
        entry = conn.execute(
            'select action, entity, "user", db_user, old::text, new::text, reason from audit_log '
            "where entity = 'result' order by seq desc limit 1"
        ).fetchone()
    assert entry is not None
    action, entity, user, db_user, old, new, reason = entry
    assert (action, entity, user, db_user, reason) == ("revise", "result", COMMANDER, COMMANDER, "corrección de psql")
    assert json.loads(old)["value"] == 6 and json.loads(new)["value"] == 3


def test_planners_write_their_institution_only_and_executives_nothing(server: Server) -> None:
    pn_unit = server.units["09D08C04"]
    assert server.psql("planif_fge", f"update results set value = 0 where unit_id = {pn_unit}").returncode == 0
    assert server.value("09D08C04", 202501) == 6
    new_target = "insert into targets (indicator_id, unit_id, month, value, updated_at, version) values "
    done = server.psql("planif_fge", new_target + f"({server.indicators['HOM-01']}, {pn_unit}, 202512, 0, now(), 1)")
    assert refused(done, "row-level security")
    assert server.psql("planif_fge", "update institutions set green = 0.1 where code = 'PN'").returncode == 0
    with server.owner() as conn:
        assert conn.execute("select green from institutions where code = 'PN'").fetchone() != (0.1,)
    for sql in ("update results set value = 0", "delete from targets", "insert into batches (kind, at, summary) "
                "values ('x', now(), '{}')", "update institutions set name = 'x'", "delete from units"):  # fmt: skip
        assert refused(server.psql(EXECUTIVE, sql)), sql
    # nobody but administrators writes units' identity or institutions
    assert refused(server.psql(PLANNER, "update institutions set name = 'Otra' where code = 'PN'"))
    assert refused(server.psql(PLANNER, "delete from units"))


def test_an_approved_month_is_written_by_nobody_and_a_submission_moves_only_through_the_workflow(
    server: Server,
) -> None:
    jefe, planif = signed_in(server.url, COMMANDER), signed_in(server.url, PLANNER)
    for code in ("HOM-01", "RES-01"):
        jefe.workflow.justify("PN", "09D08C04", code, "2025-01", "Causa", "Acción")
    jefe.workflow.submit("PN", "09D08", "2025-01")
    planif.workflow.approve("PN", "09D08", "2025-01")
    inside, hom = server.units["09D08C04"], server.indicators["HOM-01"]
    for user in (COMMANDER, PLANNER, ADMIN):
        done = server.psql(user, f"update results set value = 0 where unit_id = {inside} and month = 202501")
        assert done.returncode == 0 and server.value("09D08C04", 202501) == 6, user
        new_result = "insert into results (indicator_id, unit_id, month, value, source, entered_at, version) values "
        done = server.psql(user, new_result + f"({hom}, {server.units['09D08C06']}, 202501, 1, 'typed', now(), 1)")
        assert refused(done, "row-level security"), user
        for sql in ("update submissions set state = 'open'", "delete from submissions",
                    f"insert into submissions (unit_id, month, state, updated_at, version) values ({inside}, 202502, "
                    "'approved', now(), 1)"):  # fmt: skip
            assert refused(server.psql(user, sql)), (user, sql)
    # the workflow function checks the role and the state machine
    unit = server.units["09D08"]
    assert refused(server.psql(COMMANDER, f"select gpr_transition({unit}, 202501, 'reopen', 'porque sí')"))
    assert refused(server.psql(EXECUTIVE, f"select gpr_transition({unit}, 202502, 'submit', null)"))
    assert refused(server.psql(PLANNER, f"select gpr_transition({unit}, 202501, 'approve', null)"), "cannot approve")
    assert refused(server.psql(PLANNER, f"select gpr_transition({unit}, 202501, 'reopen', '')"), "needs a reason")
    assert (
        server.psql(PLANNER, f"select state from gpr_transition({unit}, 202501, 'reopen', 'Fiscalía')").stdout.strip()
        == "open"
    )
    with server.owner() as conn:
        moves = conn.execute(
            "select action, db_user, reason from audit_log where entity = 'submission' order by seq"
        ).fetchall()
    assert moves == [("submit", COMMANDER, None), ("approve", PLANNER, None), ("reopen", PLANNER, "Fiscalía")]


def test_nobody_writes_the_audit_but_the_server_and_a_superuser_s_delete_breaks_the_chain(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    for user in (*EVERYONE, ADMIN):
        for sql in ("insert into audit_log (at, action, entity, entity_key) values (now(), 'x', 'x', 'x')",
                    "update audit_log set reason = 'borrado'", "delete from audit_log", "truncate audit_log",
                    "update audit_chain set seq = 0"):  # fmt: skip
            assert refused(server.psql(user, sql)), (user, sql)
    assert main(["audit", "verify", "--db", server.url, "--json"]) == 0
    intact = json.loads(capsys.readouterr().out)
    with server.owner() as conn:
        n = conn.execute("select count(*) from audit_log").fetchone()
        ids_ = [r[0] for r in conn.execute("select id from audit_log order by seq").fetchall()]
    assert intact == {"entries": n[0] if n else -1, "intact": True, "first_broken": None, "problem": None,
                      "head": intact["head"]}  # fmt: skip
    assert intact["entries"] > 10 and len(intact["head"]) == 64
    # the schema's owner cannot rewrite it either (a trigger refuses, whoever asks)
    for sql in ("delete from audit_log", "update audit_log set reason = 'x'", "truncate audit_log"):
        with server.owner() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(sql)
    # a superuser switches the triggers off and deletes one entry in the middle: the next one no longer links
    with server.owner() as conn:
        conn.execute("set session_replication_role = replica")
        conn.execute("delete from audit_log where id = %s", (ids_[5],))
    assert main(["audit", "verify", "--db", server.url, "--json"]) == 1
    broken = json.loads(capsys.readouterr().out)
    assert (broken["intact"], broken["first_broken"], broken["problem"]) == (False, ids_[6], "removed")


def test_an_altered_entry_is_found_and_a_removed_last_one_too(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    with server.owner() as conn:  # a superuser, with the triggers switched off for the session
        conn.execute("set session_replication_role = replica")
        ids_ = [r[0] for r in conn.execute("select id from audit_log order by seq").fetchall()]
        row = conn.execute("select reason from audit_log where id = %s", (ids_[3],)).fetchone()
        conn.execute("update audit_log set reason = 'otra cosa' where id = %s", (ids_[3],))
    assert main(["audit", "verify", "--db", server.url, "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["first_broken"], out["problem"]) == (ids_[3], "altered")
    with server.owner() as conn:
        conn.execute("set session_replication_role = replica")
        conn.execute("update audit_log set reason = %s where id = %s", (row[0] if row else None, ids_[3]))  # as it was
    assert main(["audit", "verify", "--db", server.url]) == 0
    capsys.readouterr()
    with server.owner() as conn:
        conn.execute("set session_replication_role = replica")
        conn.execute("delete from audit_log where id = %s", (ids_[-1],))
    assert main(["audit", "verify", "--db", server.url, "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["problem"], out["first_broken"]) == ("head", ids_[-2])


def test_another_institution_s_figures_and_trail_are_not_read(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    with server.owner() as conn:
        total = conn.execute("select count(*) from results").fetchone()
        pn_entries = conn.execute("select count(*) from audit_log a join institutions i on i.id = a.institution_id "
                                  "where i.code = 'PN'").fetchone()  # fmt: skip
    assert total and total[0] > 0 and pn_entries and pn_entries[0] > 0
    pn_trail = "select count(*) from audit_log a join institutions i on i.id = a.institution_id where i.code = 'PN'"
    for sql in ("select count(*) from results", "select count(*) from targets", pn_trail):
        assert server.psql("planif_fge", sql).stdout.strip() == "0", sql
        assert server.psql(COMMANDER, sql).stdout.strip() != "0", sql  # their own institution's
    assert server.psql(EXECUTIVE, "select count(*) from results").stdout.strip() == str(total[0])  # bound to none
    # the chain is walked whole all the same, by anyone (a definer function reads it)
    done = subprocess.run(
        ["scorecard", "audit", "verify", "--db", server.url, "--user", "planif_fge", "--json"],
        env={
            **os.environ,
            "SCORECARD_PASSWORD": PASSWORD,
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entries"] > pn_entries[0]


def test_targets_of_an_approved_month_are_frozen_for_everyone_at_the_server(server: Server) -> None:
    jefe, planif = signed_in(server.url, COMMANDER), signed_in(server.url, PLANNER)
    for code in ("HOM-01", "RES-01"):
        jefe.workflow.justify("PN", "09D08C04", code, "2025-01", "Causa", "Acción")
    jefe.workflow.submit("PN", "09D08", "2025-01")
    planif.workflow.approve("PN", "09D08", "2025-01")
    inside, outside, hom = server.units["09D08C04"], server.units["17D06C11"], server.indicators["HOM-01"]

    def target(unit: int, month: int) -> object:
        with server.owner() as conn:
            row = conn.execute(
                "select value from targets where unit_id = %s and month = %s and indicator_id = %s", (unit, month, hom)
            ).fetchone()
        return row[0] if row else None

    for user in (PLANNER, ADMIN):
        done = server.psql(user, f"update targets set value = 0 where unit_id = {inside} and month = 202501")
        assert done.returncode == 0 and target(inside, 202501) == 5, user  # the policy hides the row
        done = server.psql(user, f"insert into targets (indicator_id, unit_id, month, value, updated_at, version) "
                                 f"values ({hom}, {server.units['09D08']}, 202501, 1, now(), 1)")  # fmt: skip
        assert refused(done, "row-level security"), user
    # a month still open takes the planner's revision
    done = server.psql(PLANNER, f"update targets set value = 2 where unit_id = {outside} and month = 202501")
    assert done.returncode == 0 and target(outside, 202501) == 2
