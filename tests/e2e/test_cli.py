"""The command-line contract of spec/cli.md: exit codes, one JSON object on stdout, reasons on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.cli.main import main
from scorecard.db import head_revision
from scorecard.store import Store
from tests.builders import load_small


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "scorecard.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    path = tmp_path / "small.sqlite"
    load_small(Store.open(path, create=True))
    return str(path)


def test_init_creates_and_reports_the_schema(tmp_path: Path) -> None:
    proc = run("init", "--db", str(tmp_path / "new.sqlite"), "--json")
    assert proc.returncode == 0 and proc.stderr == ""
    out = json.loads(proc.stdout)
    assert out["schema_version"] == head_revision() and out["state"] == "empty"
    assert (out["institutions"], out["units"], out["indicators"]) == (0, 0, 0)


def test_the_database_comes_from_the_environment(tmp_path: Path) -> None:
    proc = run("init", "--json", env={"SCORECARD_DB": str(tmp_path / "env.sqlite")})
    assert proc.returncode == 0 and (tmp_path / "env.sqlite").exists()


def test_user_errors_exit_1_with_the_reason_on_stderr(small_db: str) -> None:
    proc = run(
        "scorecard",
        "--institution",
        "PN",
        "--period",
        "2025-01",
        "--unit",
        "09D8",
        "--db",
        small_db,
        "--json",
        "--lang",
        "es",
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert "Unidad «09D8» desconocida" in proc.stderr and "09D08" in proc.stderr
    proc = run("scorecard", "--institution", "PN", "--period", "2025-1", "--db", small_db, "--lang", "en")
    assert proc.returncode == 1 and "Invalid period '2025-1'" in proc.stderr
    proc = run("scorecard", "--institution", "PN", "--period", "2025-01", "--db", str(Path(small_db).parent / "x"))
    assert proc.returncode == 1 and "scorecard init" in proc.stderr


def test_usage_errors_exit_2(small_db: str) -> None:
    assert run("scorecard", "--period", "2025-01", "--db", small_db).returncode == 2  # no --institution
    assert run("frobnicate").returncode == 2
    assert run("scorecard", "--institution", "PN", "--period", "2025-01", "--lang", "fr").returncode == 2


def test_json_is_one_object_and_text_is_for_people(small_db: str) -> None:
    proc = run("scorecard", "--institution", "PN", "--period", "2025-01", "--db", small_db, "--json")
    out = json.loads(proc.stdout)
    assert out["unit"] == "PN" and [o["code"] for o in out["objectives"]] == ["OE1", "OE1.1", "OE2"]
    text = run("scorecard", "--institution", "PN", "--period", "2025-01", "--db", small_db, "--lang", "es").stdout
    assert "Puntaje: 88,8 % [A]" in text and "Tasa de reporte 80,0 %" in text
    english = run("scorecard", "--institution", "PN", "--period", "2025-01", "--db", small_db, "--lang", "en").stdout
    assert "Score: 88.8 % [Y]" in english and "Completeness 80.0 %" in english


def test_value_json_keys(small_db: str) -> None:
    out = json.loads(
        run(
            "value",
            "--institution",
            "PN",
            "--indicator",
            "TAS-01",
            "--unit",
            "Z8",
            "--period",
            "2025-01",
            "--db",
            small_db,
            "--json",
        ).stdout
    )
    assert {"value", "target", "numerator", "denominator", "performance", "status"} <= set(out)
    assert (out["numerator"], out["denominator"], out["status"]) == (12, 500_000, "yellow")


def test_main_runs_in_process(small_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["institutions", "--db", small_db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["institutions"][0]["code"] == "PN"
