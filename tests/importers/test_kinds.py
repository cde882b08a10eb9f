"""One importer shape: every format identifies its own files, and `scorecard import` picks the format when
--kind is omitted (the register keeps its own path)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from demo import register_path
from exports.plan_workbook import write_plan
from exports.template import make_template
from importers import kinds
from scorecard.store import Store
from tests.builders import PLAN, load_small


def sheet(path: Path, head: list[str], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(head)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def best(path: Path) -> str:
    scores = kinds.identify(path)
    return max(scores, key=lambda k: scores[k])


def test_each_format_claims_its_own_files(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite", create=True)
    load_small(store, figures=False)
    make_template(store, "PN", "2025-03", tmp_path / "t.xlsx")
    write_plan(PLAN, tmp_path / "plan.xlsx")
    sheet(tmp_path / "u.xlsx", ["codigo", "nombre", "nivel", "padre"], [["PN", "Policía", "nacional", None]])
    sheet(tmp_path / "l.xlsx", ["Unidad", "Indicador", "Mes", "Valor"], [["09D08C04", "HOM-01", "2025-03", 1]])
    sheet(tmp_path / "m.xlsx", ["unit_code", "indicator", "period", "target"], [["09D08C04", "HOM-01", "2025", 12]])
    assert best(tmp_path / "t.xlsx") == "template"
    assert best(tmp_path / "plan.xlsx") == "plan"
    assert best(tmp_path / "u.xlsx") == "units"
    assert best(tmp_path / "l.xlsx") == "long" and best(tmp_path / "m.xlsx") == "long"
    assert best(register_path()) == "register"
    assert kinds.identify(tmp_path / "u.xlsx")["long"] == 0.0
    store.close()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_the_cli_detects_a_long_table_and_reports_with_the_json_of_cli_md(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    store = Store.open(db, create=True)
    load_small(store, figures=False)
    store.close()
    rows = [
        ["09D08C04", "HOM-01", "2025-03", 3],
        ["09D08C06", "HOM-01", "2025-03", -2],
        ["09D01C01", "HOM-01", "2025-03", "s/d"],
    ]
    path = sheet(tmp_path / "l.xlsx", ["unidad", "indicador", "periodo", "valor"], rows)
    refused = cli("import", str(path), "--institution", "PN", "--db", str(db), "--json", "--lang", "en")
    assert refused.returncode == 1 and "negative" in refused.stderr
    assert json.loads(refused.stdout)["errors"] == [
        {"sheet": "Sheet", "row": 3, "column": "valor", "value": -2.0, "message": "'-2.0' cannot be negative"}
    ]
    proc = cli("import", str(path), "--institution", "PN", "--db", str(db), "--json", "--valid-rows-only")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {"batch", "rows_read", "new", "changed", "unchanged", "skipped", "errors"} <= set(out)
    assert (out["kind"], out["rows_read"], out["new"], out["skipped"], len(out["errors"])) == ("long", 3, 1, 2, 1)
    again = json.loads(
        cli("import", str(path), "--institution", "PN", "--db", str(db), "--json", "--valid-rows-only").stdout
    )
    assert (again["batch"], again["new"], again["unchanged"]) == (None, 0, 1)
