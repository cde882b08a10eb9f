"""Formula-like text stays text in every workbook the app writes (OWASP's CSV/formula injection): the
commander's template, the report, the plan workbook, the import report and the wizard's saved report.

Each file is read back by a second reader (python-calamine) and its sheet XML is searched for formulas:
the user's text must come back exactly as written, and no cell may hold a formula.
"""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from exports.cells import write_only_cell
from exports.import_report import write_import_report
from exports.plan_workbook import write_plan
from exports.report_builder import institution_report
from exports.template import make_template
from importers.figures_import import import_figures
from scorecard.models import Result, Unit
from scorecard.plans import PlanSpec
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import PLAN

# OWASP's leading characters (=, +, -, @, tab, carriage return), a line feed, the full-width forms, and the
# classic payloads; every one a string a user could type as a unit's name, a comment or a cell of a file
PAYLOADS = [
    '=HYPERLINK("http://example.invalid","click")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "=cmd|' /C calc'!A0",
]


def texts(path: Path) -> set[str]:
    """Every text cell of every sheet, as calamine reads it."""
    book = CalamineWorkbook.from_path(str(path))
    found: set[str] = set()
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            found |= {c for c in row if isinstance(c, str)}
    return found


def formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    return [part[:60] for part in xml.split("<f")[1:] if part[:1] in (">", " ")]


def assert_kept(path: Path, payloads: list[str]) -> None:
    assert formulas(path) == []
    found = texts(path)
    # a carriage return alone is stored as a line break by the XML reader: both are a line break
    missing = [p for p in payloads if p not in found and p.replace("\r", "\n") not in found]
    assert missing == []


@pytest.fixture
def hostile_store(small_store: Store) -> Store:
    small_store.units.load(
        "PN", [UnitSpec(f"09D08C{90 + k}", name, "circuito", "09D08") for k, name in enumerate(PAYLOADS)]
    )
    return small_store


def test_the_commanders_template_and_its_import_back(hostile_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plantilla.xlsx"
    make_template(hostile_store, "PN", "2025-03", path, unit="09D08")
    assert_kept(path, PAYLOADS)
    # the commander fills it (a figure, and a comment that starts like a formula) and the app reads it back
    book = openpyxl.load_workbook(path)
    sheet = book["plantilla"]
    codes = [c.value for c in sheet[3]]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == "09D08C90")
    assert sheet.cell(row, 2).value == PAYLOADS[0] and sheet.cell(row, 2).data_type == "s"
    sheet.cell(row, codes.index("HOM-01") + 1, 2)
    comment = sheet.cell(row, len(codes), "=revisar con la Fiscalía")
    comment.data_type = "s"  # typed as text ('=… in Excel): a real formula would be refused, as imports.md says
    book.save(path)
    out = import_figures(hostile_store, path, None)
    assert out["errors"] == [] and out["new"] == 1
    with hostile_store.reading() as s:
        value, comment = s.execute(
            select(Result.value, Result.comment).join(Unit, Unit.id == Result.unit_id).where(Unit.code == "09D08C90")
        ).one()
    assert (value, comment) == (2, "=revisar con la Fiscalía")


def test_the_report(hostile_store: Store, tmp_path: Path) -> None:
    report = institution_report(hostile_store, "PN", "2025-01", "09D08", lang="es")
    path = tmp_path / "reporte.xlsx"
    with path.open("wb") as out:
        report.render_xlsx(out)
    assert_kept(path, PAYLOADS)


def test_the_plan_workbook(tmp_path: Path) -> None:
    first = PLAN.indicators[0]
    hostile = [
        dataclasses.replace(first, code=f"X-{k}", name=p, description=p, source=p) for k, p in enumerate(PAYLOADS)
    ]
    path = tmp_path / "plan.xlsx"
    write_plan(PlanSpec(PLAN.objectives, (*PLAN.indicators, *hostile)), path)
    assert_kept(path, PAYLOADS)


def test_the_import_report(tmp_path: Path) -> None:
    errors = [
        {"sheet": "datos", "row": k + 2, "column": "valor", "value": p, "message": p} for k, p in enumerate(PAYLOADS)
    ]
    path = write_import_report({"new": 0, "errors": errors}, tmp_path / "informe.xlsx", file="=1+1.xlsx", lang="es")
    assert_kept(path, [*PAYLOADS, "=1+1.xlsx"])


def test_a_write_only_sheet_and_numbers_stay_numbers(tmp_path: Path) -> None:
    """The wizard's saved report and the national report are written in openpyxl's write-only mode."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("cambios")
    for p in PAYLOADS:
        sheet.append([write_only_cell(sheet, p), write_only_cell(sheet, -3.5), write_only_cell(sheet, -7)])
    path = tmp_path / "solo-escritura.xlsx"
    book.save(path)
    assert_kept(path, PAYLOADS)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("cambios").to_python()
    assert all(r[1] == -3.5 and r[2] == -7 for r in rows)  # a negative number is a number, not text
