"""`scorecard template`: locked codes, validated numbers, a hidden sheet, split ratios; and the round trip
through openpyxl and through LibreOffice (xlsx and ods) back to the exact values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from exports.template import make_template
from importers import kinds, template
from importers.figures_import import import_figures
from importers.workbook import read_book
from scorecard.errors import UserError
from scorecard.models import Indicator, Result, Target, Unit
from scorecard.store import Store
from tests.builders import load_small
from tests.libreoffice import convert


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "db.sqlite", create=True)
    load_small(s, figures=False)
    return s


def fill(path: Path, out: Path) -> dict[tuple[str, str], float]:
    """Type a distinct value in every unlocked number cell; the values typed, by (unit, column code)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["plantilla"]
    typed: dict[tuple[str, str], float] = {}
    codes = [c.value for c in ws[3]]
    for r in range(4, ws.max_row + 1):
        for c in range(3, len(codes)):
            cell = ws.cell(r, c)
            if cell.protection.locked:
                continue
            code = str(codes[c - 1])
            value = 1000.0 + r * 10 + c if code.endswith(":den") else float(r + c) + (0.25 if code == "RES-01" else 0)
            cell.value = value
            typed[(str(ws.cell(r, 1).value), code)] = value
    ws.cell(4, len(codes), "revisado por el jefe")
    wb.save(out)
    return typed


def stored(store: Store) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    with store.reading() as s:
        q = select(Unit.code, Indicator.code, Result.value, Result.numerator, Result.denominator).join(
            Unit, Unit.id == Result.unit_id
        )
        for unit, ind, value, num, den in s.execute(q.join(Indicator, Indicator.id == Result.indicator_id)):
            if num is not None:
                out[(unit, f"{ind}:num")], out[(unit, f"{ind}:den")] = num, den
            else:
                out[(unit, ind)] = value
    return out


def test_the_template_locks_codes_validates_numbers_and_says_what_it_is_for(store: Store, tmp_path: Path) -> None:
    out = make_template(store, "PN", "2025-03", tmp_path / "t.xlsx", unit="Z8")
    assert out["units"] == 6 and out["indicators"] == 7  # Z8, its two districts and three circuits
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    ws = wb["plantilla"]
    assert ws.protection.sheet and not ws.protection.password
    header = [c.value for c in ws[3]]
    assert header[:2] == ["codigo_unidad", "unidad"] and header[-1] == "comentario"
    assert "TAS-01:num" in header and "TAS-01:den" in header and "TAS-01" not in header
    assert ws["A4"].protection.locked and ws["B4"].protection.locked
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    hom = header.index("HOM-01") + 1
    assert not ws.cell(rows["09D08C04"], hom).protection.locked  # a circuit reports HOM-01
    assert ws.cell(rows["09D08"], hom).protection.locked  # a district does not
    ranges = {str(dv.sqref): dv.type for dv in ws.data_validations.dataValidation}
    assert len(ranges) == len(header) - 3 and "whole" in ranges.values() and "decimal" in ranges.values()
    meta = wb["_plantilla"]
    assert meta.sheet_state == "hidden"
    assert {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 7)} == {
        "tipo": "plantilla_gpr",
        "version": "1",
        "institucion": "PN",
        "periodo": "2025-03",
        "unidad": "Z8",
        "contenido": "resultados",
    }
    assert [meta.cell(r, 4).value for r in range(2, 8)] == list(rows)
    assert template.identify(tmp_path / "t.xlsx") == 1.0 and kinds.detect(read_book(tmp_path / "t.xlsx")) == "template"


def test_a_quarterly_indicator_is_only_in_the_template_of_its_due_month(store: Store, tmp_path: Path) -> None:
    feb = make_template(store, "PN", "2025-02", tmp_path / "feb.xlsx")
    mar = make_template(store, "PN", "2025-03", tmp_path / "mar.xlsx")
    assert (feb["indicators"], mar["indicators"]) == (6, 7)
    with pytest.raises(UserError):
        make_template(store, "PN", "2025-Q1", tmp_path / "q.xlsx")


@pytest.mark.parametrize("through", ["openpyxl", "libreoffice-xlsx", "libreoffice-ods"])
def test_a_filled_template_imports_back_exactly(store: Store, tmp_path: Path, through: str) -> None:
    make_template(store, "PN", "2025-03", tmp_path / "t.xlsx")
    typed = fill(tmp_path / "t.xlsx", tmp_path / "filled.xlsx")
    path = tmp_path / "filled.xlsx"
    if through != "openpyxl":
        path = convert(path, through.split("-")[1], tmp_path / "lo")
        assert "_plantilla" in read_book(path).hidden
    out = import_figures(store, path, None)  # the template names its institution
    assert out["kind"] == "template" and out["errors"] == []
    assert out["new"] == len({(u, c.split(":")[0]) for u, c in typed})
    assert stored(store) == typed
    with store.reading() as s:
        comment = s.scalar(select(Result.comment).join(Unit, Unit.id == Result.unit_id).where(Unit.code == "Z8"))
    assert comment == "revisado por el jefe"
    again = import_figures(store, path, "PN")
    assert (again["new"], again["changed"], again["batch"]) == (0, 0, None)


def test_a_targets_template_and_the_cli(store: Store, tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite")
    store.close()
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", "template", "--institution", "PN", "--period", "2025-03",
         "--unit", "09D08", "--targets", "-o", str(tmp_path / "m.xlsx"), "--db", db, "--json"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"path", "units", "indicators"} and out["units"] == 3
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    ws = wb["plantilla"]
    header = [c.value for c in ws[3]]
    assert "PAT-01" in header and "PAT-01:num" not in header  # a target is one figure, even for a ratio
    ws.cell(4, header.index("PAT-01") + 1, "70 %")  # typed as text in a ratio-per-100 column
    ws.cell(5, header.index("HOM-01") + 1, 4)
    wb.save(tmp_path / "m.xlsx")
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", "import", str(tmp_path / "m.xlsx"), "--db", db, "--json"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert {"batch", "rows_read", "new", "changed", "unchanged", "skipped", "errors"} <= set(result)
    assert result["new"] == 2 and result["targets"]
    with Store.open(db).reading() as s:
        values = dict(
            s.execute(select(Indicator.code, Target.value).join(Indicator, Indicator.id == Target.indicator_id)).all()
        )
    assert values == {"PAT-01": pytest.approx(70.0), "HOM-01": 4.0}


@pytest.mark.parametrize("through", ["openpyxl", "libreoffice"])
def test_a_targets_template_of_the_zones_for_a_circuit_indicator(store: Store, tmp_path: Path, through: str) -> None:
    """Planners set zone targets of HOM-01, which the circuits report: the zones' template has every
    indicator open, and its figures win over the circuits' aggregate (9, not 5 + 3 + 2 = 10 in zone 8)."""
    out = make_template(store, "PN", "2025-01", tmp_path / "zonas.xlsx", targets=True, level="zona")
    assert out["units"] == 2  # Z8 and Z9
    wb = openpyxl.load_workbook(tmp_path / "zonas.xlsx")
    ws = wb["plantilla"]
    header = [c.value for c in ws[3]]
    codes = [ws.cell(r, 1).value for r in (4, 5)]
    assert codes == ["Z8", "Z9"] and "HOM-01" in header
    col = header.index("HOM-01") + 1
    assert not ws.cell(4, col).protection.locked  # open though zones do not file HOM-01
    ws.cell(4, col, 9)
    ws.cell(5, col, 2)
    wb.save(tmp_path / "zonas.xlsx")
    path = tmp_path / "zonas.xlsx"
    if through == "libreoffice":
        path = convert(path, "xlsx", tmp_path / "lo")
    report = import_figures(store, path, "PN")
    assert report["errors"] == [] and report["new"] == 2
    z8 = store.scoring.value("PN", "HOM-01", "Z8", "2025-01")
    assert z8["target"] == 9 and store.scoring.value("PN", "HOM-01", "PN", "2025-01")["target"] == 9 + 2
