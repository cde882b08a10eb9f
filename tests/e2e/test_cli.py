"""The command-line contract of spec/cli.md: exit codes, one JSON object on stdout, reasons on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from scorecard.db import head_revision
from scorecard.store import Store
from tests.builders import load_small


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
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


def test_units_import_creates_the_institution_and_reports_changes(tmp_path: Path) -> None:
    db = str(tmp_path / "u.sqlite")
    assert run("init", "--db", db).returncode == 0
    sheet = tmp_path / "unidades.csv"
    sheet.write_text(
        "codigo,nombre,nivel,padre,poblacion,anio\nE911,ECU 911,nacional,,,\n"
        "CZ-QUI,Centro Zonal Quito,centro zonal,E911,3300000,2025\n",
        encoding="utf-8",
    )
    out = json.loads(
        run("units", "import", str(sheet), "--institution", "ecu911", "--name", "ECU 911", "--db", db, "--json").stdout
    )
    assert out == {"institution": "ECU911", "units": 2, "new": 2, "changed": 0, "populations": 1, "root_created": None}
    again = json.loads(run("units", "import", str(sheet), "--institution", "ECU911", "--db", db, "--json").stdout)
    assert (again["new"], again["changed"], again["populations"]) == (0, 0, 0)
    listed = json.loads(run("units", "list", "--institution", "ECU911", "--db", db, "--json").stdout)["units"]
    assert {u["code"]: u["parent"] for u in listed} == {"E911": None, "CZ-QUI": "E911"}


def test_a_bad_unit_sheet_writes_nothing_and_says_where(tmp_path: Path) -> None:
    db = str(tmp_path / "u.sqlite")
    run("init", "--db", db)
    sheet = tmp_path / "unidades.csv"
    sheet.write_text("codigo,nombre,nivel,padre\nPN,Policía,nacional,\nZ1,Zona 1,zona,Z0\n", encoding="utf-8")
    proc = run("units", "import", str(sheet), "--institution", "PN", "--db", db, "--json", "--lang", "es")
    assert proc.returncode == 1
    errors = json.loads(proc.stdout)["errors"]
    assert errors == [
        {
            "sheet": "unidades",
            "row": 3,
            "column": "padre",
            "value": "Z0",
            "message": "la unidad padre «Z0» no existe ni en el archivo ni en la base",
        }
    ]
    assert "fila 3" in proc.stderr
    assert json.loads(run("institutions", "--db", db, "--json").stdout)["institutions"] == []


def test_plan_export_then_import_round_trips(small_db: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    out = json.loads(run("plan", "export", "--institution", "PN", "-o", str(path), "--db", small_db, "--json").stdout)
    assert (out["objectives"], out["indicators"]) == (3, 7) and path.exists()
    back = json.loads(run("plan", "import", str(path), "--institution", "PN", "--db", small_db, "--json").stdout)
    assert (back["new"], back["changed"], back["new_versions"]) == (0, 0, [])


def test_a_plan_with_a_missing_column_is_refused(small_db: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "plan.xlsx"
    run("plan", "export", "--institution", "PN", "-o", str(path), "--db", small_db)
    book = load_workbook(path)
    book["indicadores"].delete_cols(4)  # polaridad
    book.save(path)
    proc = run("plan", "import", str(path), "--institution", "PN", "--db", small_db, "--json", "--lang", "en")
    assert proc.returncode == 1
    assert [(e["sheet"], e["column"]) for e in json.loads(proc.stdout)["errors"]] == [("indicadores", "polaridad")]
    assert "column 'polaridad' is missing" in proc.stderr


def test_gui_hands_over_to_the_desktop_app_as_its_own_process() -> None:
    """`scorecard gui …` is `scorecard-gui …`: the app's own parser answers, with its exit codes."""
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    shown = subprocess.run([sys.executable, "-m", "cli", "gui", "--help"], capture_output=True, text=True,
                           timeout=120, check=False, env=env)  # fmt: skip
    assert shown.returncode == 0 and shown.stdout.startswith("usage: scorecard-gui"), shown.stderr
    refused = subprocess.run([sys.executable, "-m", "cli", "gui", "--no-such-option"], capture_output=True,
                             text=True, timeout=120, check=False, env=env)  # fmt: skip
    assert refused.returncode == 2 and "scorecard-gui: error" in refused.stderr


def test_an_import_that_names_no_institution_says_how_to_name_it(small_db: str, tmp_path: Path) -> None:
    import sqlite3

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "datos"
    ws.append(["unidad", "indicador", "periodo", "valor"])
    ws.append(["09D08C04", "HOM-01", "2025-11", 3])
    wb.save(tmp_path / "tabla.xlsx")
    with sqlite3.connect(small_db) as conn:
        before = conn.execute("SELECT count(*) FROM results").fetchone()
    conn.close()
    for lang, words in (("es", "--institution"), ("en", "--institution")):
        proc = run("import", str(tmp_path / "tabla.xlsx"), "--db", small_db, "--lang", lang)
        assert proc.returncode == 1 and proc.stdout == ""
        assert words in proc.stderr and "—" not in proc.stderr, proc.stderr
    with sqlite3.connect(small_db) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone() == before
    conn.close()
