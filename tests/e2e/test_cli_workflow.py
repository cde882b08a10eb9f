"""The workflow, users, audit and backup commands: JSON of spec/cli.md, exit 1 on refusals."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from scorecard.store import Store
from tests.builders import load_small
from tests.people import PASSWORD

Cap = pytest.CaptureFixture[str]


def cli(capsys: Cap, *args: str) -> tuple[int, Any, str]:
    code = main([*args, "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out) if out.out.strip() else None, out.err


@pytest.fixture
def small(tmp_path: Path) -> str:
    path = tmp_path / "small.sqlite"
    load_small(Store.open(path, create=True))
    return str(path)


def add_users(capsys: Cap, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAVE", PASSWORD)
    for args in (
        ("jefe", "--role", "commander", "--institution", "PN", "--scope", "09D08"),
        ("planif", "--role", "planner", "--institution", "PN"),
        ("autoridad", "--role", "executive"),
    ):
        code, _out, err = cli(capsys, "user", "add", *args, "--password-env", "CLAVE", "--db", db)
        assert code == 0, err


def test_user_add_and_list(small: str, capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAVE", PASSWORD)
    code, out, _ = cli(
        capsys, "user", "add", "jefe", "--role", "commander", "--institution", "PN", "--scope", "09D08",
        "--password-env", "CLAVE", "--db", small,
    )  # fmt: skip
    assert code == 0
    assert {k: out[k] for k in ("user", "role", "institution", "scope")} == {
        "user": "jefe", "role": "commander", "institution": "PN", "scope": "09D08",
    }  # fmt: skip
    code, out, err = cli(capsys, "user", "add", "x", "--role", "planner", "--password-env", "NO_HAY", "--db", small)
    assert code == 1 and "NO_HAY" in err
    code, out, _ = cli(capsys, "user", "list", "--db", small)
    assert [(u["user"], u["role"], u["scope"]) for u in out["users"]] == [("jefe", "commander", "09D08")]
    # a commander cannot add users: exit 1, nothing added
    code, out, err = cli(capsys, "user", "add", "y", "--role", "executive", "--user", "jefe", "--db", small)
    assert code == 1 and "jefe" in err
    code, out, _ = cli(capsys, "user", "list", "--db", small)
    assert len(out["users"]) == 1
    monkeypatch.setenv("CLAVE2", "otra-clave-larga")
    code, out, _ = cli(capsys, "user", "password", "jefe", "--password-env", "CLAVE2", "--db", small)
    assert code == 0 and out["user"] == "jefe"
    assert Store.open(small).users.authenticate("jefe", "otra-clave-larga").name == "jefe"


def test_an_unknown_user_is_an_error(small: str, capsys: Cap) -> None:
    code, _out, err = cli(capsys, "scorecard", "--institution", "PN", "--period", "2025-01", "--user", "nadie",
                          "--db", small, "--lang", "es")  # fmt: skip
    assert code == 1 and "nadie" in err


def test_a_month_end_on_the_command_line(small: str, capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    add_users(capsys, small, monkeypatch)
    db = ("--db", small)
    at = ("--institution", "PN", "--unit", "09D08", "--period", "2025-01")
    code, _out, err = cli(capsys, "submit", *at, "--user", "jefe", *db, "--lang", "en")
    assert code == 1 and "09D08C04 RES-01" in err
    code, out, _ = cli(capsys, "status", *at, "--user", "jefe", *db)
    assert out["state"] == "open" and out["blockers"][0]["missing"] == ["cause", "action"]
    code, _out, err = cli(capsys, "justify", "--unit", "09D08C04", "--indicator", "RES-01", "--period", "2025-01",
                          "--cause", "Vías cortadas", "--action", "Ruta alterna", "--user", "jefe", *db)  # fmt: skip
    assert code == 0, err
    code, out, _ = cli(capsys, "submit", *at, "--user", "jefe", *db)
    assert (code, out["unit"], out["period"], out["state"]) == (0, "09D08", "2025-01", "submitted")
    code, _out, err = cli(capsys, "approve", *at, "--user", "autoridad", *db, "--lang", "es")
    assert code == 1 and "solo lectura" in err
    code, _out, err = cli(capsys, "return", *at, "--user", "planif", *db)
    assert code == 1 and "--reason" in err
    code, out, _ = cli(capsys, "return", *at, "--reason", "Revise RES-01", "--user", "planif", *db)
    assert out["state"] == "returned"
    code, out, _ = cli(capsys, "submit", "--unit", "09D08", "--period", "2025-01", "--user", "jefe", *db)
    assert out["state"] == "submitted"  # the institution found from the unit
    code, out, _ = cli(capsys, "review", "--institution", "PN", "--period", "2025-01", "--user", "planif", *db)
    row = next(r for r in out["submissions"] if r["unit"] == "09D08")
    assert (row["state"], row["completeness"], row["on_time"]) == ("submitted", 1.0, False)
    code, out, _ = cli(capsys, "approve", *at, "--user", "planif", *db)
    assert out["state"] == "approved"
    code, out, _ = cli(capsys, "reopen", *at, "--reason", "Corrección", "--user", "planif", *db)
    assert out["state"] == "open"
    code, out, _ = cli(capsys, "audit", "--unit", "09D08", "--period", "2025-01", *db)
    assert code == 0
    entries = out["entries"]
    assert set(entries[0]) >= {"at", "user", "action", "entity", "old", "new", "reason", "batch"}
    trail = [(e["action"], e["user"], e["reason"]) for e in entries if e["entity"] == "submission"]
    assert trail == [  # newest first
        ("reopen", "planif", "Corrección"),
        ("approve", "planif", None),
        ("submit", "jefe", None),
        ("return", "planif", "Revise RES-01"),
        ("submit", "jefe", None),
    ]
    assert any(e["action"] == "justify" and e["new"]["cause"] == "Vías cortadas" for e in entries)
    code, out, _ = cli(capsys, "audit", "--indicator", "RES-01", "--limit", "1", *db)
    assert [e["action"] for e in out["entries"]] == ["justify"]


def test_backup_and_restore(small: str, tmp_path: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "copia.sqlite"
    code, out, _ = cli(capsys, "backup", "-o", str(copy), "--db", small)
    assert code == 0 and out["path"] == str(copy.resolve())
    with sqlite3.connect(copy) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        assert conn.execute("select count(*) from results").fetchone()[0] == 16
    code, _out, err = cli(capsys, "backup", "-o", str(copy), "--db", small)
    assert code == 1 and str(copy) in err
    add_users(capsys, small, monkeypatch)  # a change after the backup
    not_ours = tmp_path / "otra.sqlite"
    with sqlite3.connect(not_ours) as conn:
        conn.execute("create table clientes (id integer)")
    garbage = tmp_path / "basura.sqlite"
    garbage.write_bytes(b"esto no es una base de datos" * 100)
    for bad in (not_ours, garbage):
        code, _out, err = cli(capsys, "restore", str(bad), "--db", small, "--lang", "en")
        assert code == 1 and "not a database of this app" in err
    code, out, _ = cli(capsys, "user", "list", "--db", small)
    assert len(out["users"]) == 3  # untouched by the refused restores
    code, out, err = cli(capsys, "restore", str(copy), "--db", small)
    assert code == 0, err
    previous = Path(out["backup"])
    with sqlite3.connect(previous) as conn:  # the database as it was before the restore
        assert conn.execute("select count(*) from users").fetchone()[0] == 3
    code, out, _ = cli(capsys, "user", "list", "--db", small)
    assert out["users"] == []
    code, out, _ = cli(capsys, "audit", "--limit", "1", "--db", small)
    assert out["entries"][0]["action"] == "restore"


@pytest.mark.postgres
def test_backup_is_for_sqlite(pg_url: str, tmp_path: Path, capsys: Cap) -> None:
    Store.open(pg_url, create=True).close()
    code, _out, err = cli(capsys, "backup", "-o", str(tmp_path / "x.sqlite"), "--db", pg_url, "--lang", "en")
    assert code == 1 and "pg_dump" in err


@pytest.mark.postgres
def test_on_a_server_the_cli_signs_in_with_scorecard_password(
    passwords_checked: str, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    pg_url = passwords_checked
    store = Store.open(pg_url, create=True)
    load_small(store)
    store.users.add("planif", "planner", institution="PN", password=PASSWORD)
    at = ("--institution", "PN", "--unit", "17D06", "--period", "2025-01", "--db", pg_url)
    code, _out, err = cli(capsys, "submit", *at, "--user", "planif", "--lang", "en")
    assert code == 1 and "SCORECARD_PASSWORD" in err
    monkeypatch.setenv("SCORECARD_PASSWORD", "equivocada")
    code, _out, err = cli(capsys, "submit", *at, "--user", "planif", "--lang", "en")
    assert code == 1 and "Wrong user name or password" in err
    code, _out, err = cli(capsys, "submit", *at, "--user", "nadie", "--lang", "en")  # no such role
    assert code == 1 and "Wrong user name or password" in err
    monkeypatch.setenv("SCORECARD_PASSWORD", PASSWORD)
    code, out, err = cli(capsys, "submit", *at, "--user", "planif")
    assert code == 0 and out["state"] == "submitted", err
    assert store.workflow.state("PN", "17D06", "2025-01").state == "submitted"
