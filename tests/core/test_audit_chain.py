"""The audit's hash chain on SQLite and PostgreSQL: intact after real work, broken by any altered or removed
entry (found by ``scorecard audit verify``, exit 1), and laid over the entries of an upgraded database."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from cli.main import main
from scorecard import db
from scorecard.store import Store
from tests.builders import load_small
from tests.people import PASSWORD, add_people, signed_in


def verify(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["audit", "verify", "--db", url, "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def worked(sqlite_url: str) -> str:
    store = Store.open(sqlite_url, create=True)
    load_small(store)
    add_people(store)
    store.close()
    return sqlite_url


def _file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_a_worked_database_verifies_and_each_link_is_the_hash_of_the_one_before(
    worked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = verify(worked, capsys)
    with sqlite3.connect(_file(worked)) as conn:  # a second reader, not the app
        rows = conn.execute("select seq, prev_hash, hash from audit_log order by seq").fetchall()
        head = conn.execute("select seq, hash from audit_chain").fetchall()
    assert code == 0 and out["intact"] is True and out["first_broken"] is None
    assert out["entries"] == len(rows) > 10
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # one chain, no gaps
    assert rows[0][1] is None and all(b[1] == a[2] for a, b in itertools.pairwise(rows))
    assert all(len(r[2]) == 64 and int(r[2], 16) >= 0 for r in rows)  # SHA-256, hex
    assert head == [(len(rows), rows[-1][2])] and out["head"] == rows[-1][2]


@pytest.mark.parametrize("column", ["reason", "user", "new", "at"])
def test_an_altered_entry_breaks_the_chain_where_it_was_altered(
    worked: str, column: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(_file(worked)) as conn:
        victim = conn.execute("select id from audit_log order by seq limit 1 offset 4").fetchone()[0]
        value = {"reason": "'nada'", "user": "'otro'", "new": "'{\"value\": 1}'", "at": "'2020-01-01 00:00:00.000000'"}
        conn.execute(f"update audit_log set {column} = {value[column]} where id = ?", (victim,))
    code, out = verify(worked, capsys)
    assert (code, out["intact"], out["first_broken"], out["problem"]) == (1, False, victim, "altered")


def test_a_removed_entry_breaks_the_next_link_and_a_removed_last_one_the_head(
    worked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(_file(worked)) as conn:
        ids = [r[0] for r in conn.execute("select id from audit_log order by seq")]
        conn.execute("delete from audit_log where id = ?", (ids[2],))
    code, out = verify(worked, capsys)
    assert (code, out["first_broken"], out["problem"]) == (1, ids[3], "removed")
    fresh = _file(worked).with_name("otra.sqlite")
    store = Store.open(f"sqlite:///{fresh}", create=True)
    load_small(store)
    store.close()
    with sqlite3.connect(fresh) as conn:
        last = conn.execute("select id from audit_log order by seq desc limit 2").fetchall()
        conn.execute("delete from audit_log where id = ?", (last[0][0],))
    code, out = verify(f"sqlite:///{fresh}", capsys)
    assert (code, out["first_broken"], out["problem"]) == (1, last[1][0], "head")


def test_new_entries_keep_chaining_after_more_work(worked: str, capsys: pytest.CaptureFixture[str]) -> None:
    jefe = signed_in(worked, "jefe_09d08")
    jefe.workflow.justify("PN", "09D08C04", "HOM-01", "2025-01", "Causa", "Acción")
    jefe.close()
    code, out = verify(worked, capsys)
    assert code == 0 and out["intact"] is True


def test_an_upgraded_file_chains_the_entries_it_had(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vieja.sqlite"
    engine = db.make_engine(f"sqlite:///{path}")
    cfg = db._alembic_config(engine)
    command.upgrade(cfg, "0005")  # the schema as the previous release left it
    with engine.begin() as conn:
        for k in range(7):
            conn.execute(
                text(
                    "insert into audit_log (at, user, action, entity, entity_key, new) values "
                    "(:at, 'admin', 'create', 'unit', :key, :new)"
                ),
                {"at": f"2025-0{k + 1}-01 10:00:00.000000", "key": f"U{k}", "new": json.dumps({"k": k})},
            )
    engine.dispose()
    code, out = verify(f"sqlite:///{path}", capsys)  # opening it upgrades it (after a backup)
    assert (code, out["entries"], out["intact"]) == (0, 7, True)
    assert list((tmp_path / "backups").glob("vieja-before-upgrade-*.sqlite"))
    with sqlite3.connect(path) as conn:
        first = conn.execute("select seq, prev_hash, hash from audit_log order by id limit 1").fetchone()
    assert first[0] == 1 and first[1] is None
    assert first[2] != hashlib.sha256(b"").hexdigest()


@pytest.mark.postgres
def test_a_server_set_up_the_old_way_is_upgraded_by_init(
    passwords_checked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """0005 with scrypt users and app-written entries → ``scorecard init``: groups, policies, the chain over
    the old entries, the hashes gone, and the users who still need a server password named."""
    url = passwords_checked
    engine = db.make_engine(url)
    command.upgrade(db._alembic_config(engine), "0005")
    with engine.begin() as conn:
        for name, role in (("ana_vieja", "planner"), ("beto_viejo", "executive")):
            conn.execute(
                text(
                    "insert into users (name, role, password_hash, failed_attempts, active, created_at) "
                    "values (:n, :r, 'scrypt$16384$8$1$c2FsdA==$a2V5', 0, true, now())"
                ),
                {"n": name, "r": role},
            )
        for k in range(5):
            conn.execute(
                text(
                    'insert into audit_log (at, "user", action, entity, entity_key) values '
                    "(now(), 'admin', 'create', 'user', :k)"
                ),
                {"k": f"u{k}"},
            )
    engine.dispose()
    assert main(["init", "--db", url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["state"] == "older"
    assert out["server"]["users_without_password"] == ["ana_vieja", "beto_viejo"]
    assert out["server"]["groups"] == ["gpr_commander", "gpr_planner", "gpr_executive", "gpr_admin"]
    code, chain = verify(url, capsys)
    assert code == 0 and chain["entries"] >= 5
    store = Store.open(url)
    with store.reading() as s:
        hashes = s.execute(text("select name, password_hash from users order by name")).all()
        can_login = s.execute(text("select rolcanlogin from pg_roles where rolname = 'ana_vieja'")).scalar()
    assert hashes == [("ana_vieja", None), ("beto_viejo", None)] and can_login is False
    store.users.set_password("ana_vieja", PASSWORD)  # `scorecard user password ana_vieja`
    assert signed_in(url, "ana_vieja").actor.name == "ana_vieja"
    store.close()
