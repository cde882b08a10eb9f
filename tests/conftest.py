"""Shared fixtures: real databases (an SQLite file; the PostgreSQL server when one answers)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# tests never touch the user's real data folder or settings
os.environ.pop("SCORECARD_DB", None)
os.environ.pop("SCORECARD_USER", None)

PG_URL = os.environ.get("SCORECARD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_reason() -> str | None:
    """None when the test server answers, else why PostgreSQL tests are skipped."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("select 1")
    except Exception as exc:
        return f"no PostgreSQL server answers at {dsn} ({type(exc).__name__}); set SCORECARD_TEST_PG"
    return None


_PG_SKIP = _pg_reason()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    if _PG_SKIP:
        pytest.skip(_PG_SKIP)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'create schema "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        from scorecard.server_security import drop_user_roles

        drop_user_roles(dsn, schema)  # roles are the cluster's: a test's users leave with its schema
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'drop schema "{schema}" cascade')


def server_checks_passwords(dsn: str) -> str | None:
    """None when the server asks the app's roles for their password (pg_hba: scram-sha-256 for the gpr_*
    groups, as docs/domain-decisions.md sets it up and .ci/run does), else why a password test is skipped."""
    import psycopg

    role = f"gpr_probe_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'gpr_executive') "
                     "then create role gpr_executive nologin; end if; end $$")  # fmt: skip
        conn.execute(f"create role {role} login password 'la-buena-1' in role gpr_executive")
    try:
        try:
            psycopg.connect(dsn.replace("postgres@", f"{role}:la-mala-1@", 1), connect_timeout=3).close()
        except psycopg.OperationalError:
            return None
        return (
            "this server trusts the gpr_* roles without a password (add the pg_hba lines of docs/domain-decisions.md)"
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"drop role {role}")


@pytest.fixture
def passwords_checked(pg_url: str) -> str:
    """A server URL whose server checks the app users' passwords (skipped, saying why, where it does not)."""
    reason = server_checks_passwords(PG_URL.replace("postgresql+psycopg://", "postgresql://"))
    if reason:
        pytest.skip(reason)
    return pg_url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'scorecard.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test that takes this runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'scorecard.sqlite'}"
    return str(request.getfixturevalue("pg_url"))


# the demo, shared by the core's and the desktop's tests
@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per run (the real register: ~5 s)."""
    from demo import load_demo
    from scorecard.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        load_demo(store)
    return path


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo for a test that writes (copied with sqlite3's backup API)."""
    import sqlite3

    path = tmp_path / "demo.sqlite"
    with sqlite3.connect(demo_template) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return path
