"""A shared server set up as the README says, with the command line a ministry's IT runs: an owner role
that is no superuser (CREATEROLE only) and a database of its own; ``scorecard init``; the first
administrator; then that administrator adds a commander, who files, while psql as the commander is
refused what the command line refuses.  Every step is the ``scorecard`` process, as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.conftest import PG_URL, server_checks_passwords

pytestmark = pytest.mark.postgres
ADMIN_DSN = PG_URL.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def database() -> Iterator[tuple[str, str]]:
    """A database owned by a CREATEROLE owner (no superuser), dropped with the roles it made."""
    try:
        reason = server_checks_passwords(ADMIN_DSN)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server answers ({exc})")
    if reason:
        pytest.skip(reason)
    tag = uuid.uuid4().hex[:8]
    owner, name = f"gpr_owner_{tag}", f"gpr_{tag}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f"create role {owner} login createrole password 'dueño-de-gpr'")
        conn.execute(f"create database {name} owner {owner}")
    try:
        yield owner, name
    finally:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f"drop database if exists {name} with (force)")
            for user in ("ana", "jefe_09d08"):
                conn.execute(f"drop role if exists {user}")
            conn.execute(f"drop role if exists {owner}")


def scorecard(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCORECARD_")}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
    env["CLAVE"] = "clave-segura-1"
    if password:
        env["SCORECARD_PASSWORD"] = password
    return subprocess.run(
        ["scorecard", *args, "--json", "--lang", "en"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_server_set_up_by_the_readme(database: tuple[str, str], tmp_path: Path) -> None:
    owner, name = database
    as_owner = f"postgresql://{owner}@127.0.0.1:5432/{name}"
    done = scorecard("init", "--db", as_owner, password="dueño-de-gpr")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["server"]["groups"] == ["gpr_commander", "gpr_planner", "gpr_executive", "gpr_admin"]
    tree = tmp_path / "unidades.csv"
    tree.write_text("codigo,nombre,nivel,padre\nPN,Policía Nacional,nacional,\nZ8,Zona 8,zona,PN\n"
                    "09D08,Nueva Prosperina,distrito,Z8\n", encoding="utf-8")  # fmt: skip
    done = scorecard("user", "add", "ana", "--role", "admin", "--password-env", "CLAVE", "--db", as_owner)
    assert done.returncode == 0, done.stderr
    server = f"postgresql://127.0.0.1:5432/{name}"  # what a desktop keeps: no user, no password
    done = scorecard("units", "import", str(tree), "--institution", "PN", "--name", "Policía", "--db", server,
                     "--user", "ana", password="clave-segura-1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = scorecard("user", "add", "jefe_09d08", "--role", "commander", "--institution", "PN", "--scope", "09D08",
                     "--password-env", "CLAVE", "--db", server, "--user", "ana", password="clave-segura-1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    # a wrong password is the server's to refuse, and the commander is no administrator there
    done = scorecard("user", "list", "--db", server, "--user", "jefe_09d08", password="equivocada")
    assert done.returncode == 1 and "Wrong user name or password" in done.stderr
    env = {"PGPASSWORD": "clave-segura-1", "PATH": "/usr/bin:/bin"}
    escalate = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"host=127.0.0.1 dbname={name} user=jefe_09d08",
         "-c", "update users set role = 'admin', scope_unit_id = null where name = 'jefe_09d08'"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert escalate.returncode != 0 and "permission denied" in escalate.stderr
    done = scorecard("audit", "verify", "--db", server, "--user", "jefe_09d08", password="clave-segura-1")
    assert done.returncode == 0, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["intact"] is True and verdict["entries"] >= 5
    with psycopg.connect(f"host=127.0.0.1 dbname={name} user={owner}") as conn:
        who = conn.execute("select distinct db_user from audit_log order by 1").fetchall()
    assert [w[0] for w in who] == sorted(["ana", owner])
