"""Creating, upgrading and refusing databases: alembic from code, backups, pragmas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from scorecard import db
from scorecard.errors import UserError
from scorecard.store import Store
from tests.builders import load_small


def test_new_database_gets_the_whole_schema(db_url: str) -> None:
    store = Store.open(db_url, create=True)
    done = dict(store.schema or {})
    if store.dialect == "postgresql":  # the server's own rules were put in place too
        server = done.pop("server")
        assert server["groups"] == ["gpr_commander", "gpr_planner", "gpr_executive", "gpr_admin"]
        assert server["users_without_password"] == [] and server["foreign_roles"] == []
    assert done == {"state": "empty", "revision": db.head_revision(), "backup": None}
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "institutions",
        "units",
        "unit_closure",
        "plans",
        "objectives",
        "indicators",
        "indicator_versions",
        "targets",
        "results",
        "batches",
        "submissions",
        "audit_log",
        "users",
        "saved_mappings",
    } <= tables
    again = Store.open(db_url, create=True)
    assert again.schema is not None and again.schema["state"] == "current"


def test_sqlite_pragmas(sqlite_url: str) -> None:
    store = Store.open(sqlite_url, create=True)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    store.close()
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as raw:  # the file itself, read by another reader
        assert raw.execute("PRAGMA page_size").fetchone() == (db.PAGE_SIZE,) == (16384,)


def test_a_database_made_with_4_kb_pages_keeps_them_and_works(tmp_path: Path) -> None:
    """Databases made before 16 KB pages (or by another tool) are used as they are, never rewritten."""
    path = tmp_path / "old.sqlite"
    Store.open(path, create=True).close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode=DELETE")  # WAL fixes the page size; VACUUM rewrites the file with 4 KB
    raw.execute("PRAGMA page_size=4096")
    raw.execute("VACUUM")
    raw.close()
    store = Store.open(path)
    load_small(store)  # units, plan, targets and a month of figures written into the 4 KB file
    assert [i.code for i in store.institutions.list()] == ["PN"]
    store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA page_size").fetchone() == (4096,)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _at_revision(url: str, revision: str) -> None:
    from alembic import command

    engine = db.make_engine(url)
    command.upgrade(db._alembic_config(engine), revision)
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into institutions (code, name, level_names, green, yellow, deadline_days, "
                "created_at) values ('PN', 'Policía', '[]', 0.9, 0.75, 5, '2025-01-01')"
            )
        )
    engine.dispose()


def test_an_older_sqlite_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    url = f"sqlite:///{path}"
    _at_revision(url, "0001")
    store = Store.open(url, create=True, backup_dir=tmp_path / "bk")
    assert store.schema is not None and store.schema["state"] == "older"
    backup = Path(str(store.schema["backup"]))
    assert backup.parent == tmp_path / "bk"
    with sqlite3.connect(backup) as conn:  # the backup is the database as it was, data included
        assert conn.execute("select version_num from alembic_version").fetchone() == ("0001",)
        assert conn.execute("select code from institutions").fetchall() == [("PN",)]
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert "saved_mappings" in inspect(store.engine).get_table_names()
    assert [i.code for i in store.institutions.list()] == ["PN"]


@pytest.mark.postgres
def test_an_older_postgres_database_is_dumped_then_upgraded(pg_url: str, tmp_path: Path) -> None:
    import subprocess

    _at_revision(pg_url, "0001")
    store = Store.open(pg_url, create=True, backup_dir=tmp_path / "bk")
    assert store.schema is not None and store.schema["state"] == "older"
    assert [i.code for i in store.institutions.list()] == ["PN"]
    dump = Path(str(store.schema["backup"]))
    assert dump.parent == tmp_path / "bk" and dump.suffix == ".dump"
    # read back by pg_restore: the schema as it was, at revision 0001, with its data
    sql = subprocess.run(["pg_restore", "--file=-", str(dump)], capture_output=True, text=True, check=True).stdout
    schema = pg_url.rsplit("%3D", 1)[1]
    assert f"CREATE TABLE {schema}.institutions" in sql and f"COPY {schema}.alembic_version" in sql
    assert "\n0001\n" in sql and "PN\tPolicía" in sql
    assert "saved_mappings" in inspect(store.engine).get_table_names()
    store.close()


@pytest.mark.postgres
def test_a_postgres_upgrade_without_pg_dump_is_refused(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at_revision(pg_url, "0001")
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump to be found
    with pytest.raises(UserError) as exc:
        Store.open(pg_url, create=True, backup_dir=tmp_path / "bk")
    assert exc.value.message_id == "db.upgrade_without_pg_dump" and "pg_dump" in exc.value.text("en")
    assert db.current_revision(db.make_engine(pg_url)) == "0001", "the schema was not changed"


def test_opening_without_create_upgrades_an_older_database_too(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _at_revision(url, "0001")
    store = Store.open(url)
    assert store.schema is not None and store.schema["backup"]


def test_a_newer_database_is_refused_and_left_alone(db_url: str) -> None:
    Store.open(db_url, create=True).close()
    engine = db.make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '0999'"))
    for create in (True, False):
        with pytest.raises(UserError) as exc:
            Store.open(db_url, create=create)
        assert exc.value.message_id == "db.newer"
        assert "0999" in exc.value.text("es") and "0999" in exc.value.text("en")
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0999"


def test_someone_elses_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("create table clientes (id integer)")
    with pytest.raises(UserError) as exc:
        Store.open(path, create=True)
    assert exc.value.message_id == "db.foreign"
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
    assert names == ["clientes"]


def test_an_uninitialised_database_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        Store.open(tmp_path / "nothing.sqlite")
    assert "scorecard init" in exc.value.text("es")


def test_a_path_means_sqlite_and_env_gives_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert db.resolve_url(tmp_path / "x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert db.resolve_url("postgresql://u@h/d") == "postgresql://u@h/d"
    monkeypatch.setenv("SCORECARD_DB", str(tmp_path / "env.sqlite"))
    assert db.resolve_url(None).endswith("env.sqlite")


def test_the_head_known_without_alembic_is_the_scripts_head() -> None:
    """Opening a current database trusts db.HEAD_REVISION; a new migration must move it too."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == db.HEAD_REVISION


def test_a_current_database_opens_without_alembic(tmp_path: Path) -> None:
    """In a new process (nothing imported yet): opening a current file leaves alembic unloaded."""
    import subprocess
    import sys

    path = tmp_path / "current.sqlite"
    Store.open(path, create=True).close()
    code = (
        "import sys; from scorecard.store import Store; "
        f"s = Store.open({str(path)!r}); assert s.schema is None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
