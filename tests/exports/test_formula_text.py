"""Formula-like text stays text in every workbook the app writes (OWASP's CSV/formula injection): the
commander's template, the report, the plan workbook, the import report and the import wizard's saved report.

Each file is saved for real, then read back twice, by a second reader (python-calamine) and straight from
the sheet XML inside the package: the user's text must come back exactly as written (no apostrophe added,
no character lost), typed as a string, and no cell may hold a formula (none of these writers writes a
formula of its own).  Real numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from exports.cells import FORMULA_START, looks_like_formula, put, write_only_cell
from exports.import_report import write_import_report
from exports.plan_workbook import write_plan
from exports.report_builder import institution_report
from exports.template import make_template
from importers.figures_import import import_figures
from importers.plan_workbook import read_plan
from importers.workbook import read_book
from scorecard import template_layout as layout
from scorecard.models import Result, Unit
from scorecard.plan_specs import INDICATORS_SHEET, OBJECTIVES_SHEET, PlanSpec
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import LEVELS, PLAN, TREE, file_month
from tests.exports.conftest import justify
from ui.operations.import_kinds import Change, Outcome
from ui.operations.import_report import write_import_report as write_wizard_report

# OWASP's leading characters (=, +, -, @, tab, carriage return), a line feed, a full-width sign and the
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
HOSTILE_CODE = "=1+1"  # a unit code is user text too (a register or a units file brings it)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclasses.dataclass(frozen=True)
class XmlCell:
    ref: str
    type: str  # the cell's t attribute: s (shared string), inlineStr, n, b, e, or str (a formula's text)
    text: str | None
    formula: bool  # the cell has an <f> element


def xml_cells(path: Path) -> dict[str, list[XmlCell]]:
    """Sheet name → its cells, read from the package's XML itself (shared strings resolved)."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        rels = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")):
                shared.append("".join(t.text or "" for t in si.iter(f"{MAIN}t")))
        out: dict[str, list[XmlCell]] = {}
        for sheet in ElementTree.fromstring(z.read("xl/workbook.xml")).iter(f"{MAIN}sheet"):
            target = str(rels[sheet.get(RELATIONSHIP_ID)])
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            cells = []
            for c in ElementTree.fromstring(z.read(part)).iter(f"{MAIN}c"):
                kind = c.get("t", "n")
                if kind == "inlineStr":
                    text: str | None = "".join(t.text or "" for t in c.iter(f"{MAIN}t"))
                elif kind == "s":
                    text = shared[int(str(c.findtext(f"{MAIN}v")))]
                else:
                    text = c.findtext(f"{MAIN}v")
                cells.append(XmlCell(str(c.get("r")), kind, text, c.find(f"{MAIN}f") is not None))
            out[str(sheet.get("name"))] = cells
    return out


def calamine_rows(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def assert_kept(path: Path, expected: dict[str, list[str]]) -> dict[str, list[XmlCell]]:
    """No formula anywhere in the file, and every expected text, sheet by sheet, is a string cell whose text
    is exactly that (in the XML and as calamine reads it)."""
    cells = xml_cells(path)
    assert {name: [c.ref for c in cs if c.formula or c.type == "str"] for name, cs in cells.items()} == {
        name: [] for name in cells
    }
    rows = calamine_rows(path)
    for sheet, texts in expected.items():
        in_xml = {c.text for c in cells[sheet] if c.type in ("s", "inlineStr")}
        assert [t for t in texts if t not in in_xml] == [], sheet
        read = {v for row in rows[sheet] for v in row if isinstance(v, str)}
        assert [t for t in texts if t not in read] == [], sheet
    return cells


def assert_numbers(cells: list[XmlCell], rows: list[list[object]], numbers: list[float]) -> None:
    """Each number is a number cell in the XML and a float for calamine, never text."""
    for n in numbers:
        assert any(c.type == "n" and c.text is not None and float(c.text) == n for c in cells), n
        assert any(isinstance(v, float) and v == n for row in rows for v in row), n


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[Store]:
    """The small institution of tests/builders.py with user text that starts like a formula everywhere:
    unit names (and one unit code) below 09D08, indicator and objective names, and the justifications
    (cause and action) of ROB-01's red."""
    store = Store.open(tmp_path / "hostile.sqlite", create=True)
    hostile_units = [UnitSpec(f"09D08C{90 + k}", name, "circuito", "09D08") for k, name in enumerate(PAYLOADS)]
    hostile_units.append(UnitSpec(HOSTILE_CODE, "Unidad de código hostil", "circuito", "09D08"))
    store.units.load("PN", [*TREE, *hostile_units], name="Policía Nacional", level_names=LEVELS)
    plan = PlanSpec(
        tuple(dataclasses.replace(o, name=PAYLOADS[7 + k]) for k, o in enumerate(PLAN.objectives)),
        tuple(dataclasses.replace(i, name=PAYLOADS[k]) for k, i in enumerate(PLAN.indicators)),
    )
    store.plans.load("PN", plan, effective_from=190001)
    file_month(store, 202501)
    justify(store, "ROB-01", "09D08", 202501, PAYLOADS[0], PAYLOADS[9])
    justify(store, "ROB-01", "09D01", 202501, PAYLOADS[5], PAYLOADS[6])
    justify(store, "ROB-01", "17D06", 202501, PAYLOADS[7], PAYLOADS[4])
    yield store
    store.close()


def indicator_name(code: str) -> str:
    return PAYLOADS[[i.code for i in PLAN.indicators].index(code)]


@pytest.mark.parametrize("write_only", [False, True], ids=["normal", "write-only"])
def test_every_leading_character_in_either_sheet_mode(tmp_path: Path, write_only: bool) -> None:
    """The helper itself, over every leading character it guards (NUL aside: XML cannot carry it), in a
    normal sheet (:func:`put`) and a write-only one (:func:`write_only_cell`)."""
    leading = [c for c in FORMULA_START if c != "\x00"]
    texts = [*PAYLOADS, *(f"{c}2+3" for c in leading), *(f"{c}SUM(A1:A9)" for c in leading), "-5", "+7"]
    assert all(looks_like_formula(t) for t in texts)
    numbers = [-7.0, -0.5, -1234.25]
    book = openpyxl.Workbook(write_only=write_only)
    if write_only:
        ws = book.create_sheet("datos")
        for k, t in enumerate(texts):
            ws.append([write_only_cell(ws, t), write_only_cell(ws, numbers[k % len(numbers)])])
    else:
        ws = book.active
        assert ws is not None
        ws.title = "datos"
        for r, t in enumerate(texts, start=1):
            put(ws, r, 1, t)
            put(ws, r, 2, numbers[r % len(numbers)])
    path = tmp_path / "celdas.xlsx"
    book.save(path)
    cells = assert_kept(path, {"datos": texts})
    assert_numbers(cells["datos"], calamine_rows(path)["datos"], numbers)
    back = openpyxl.load_workbook(path)["datos"]
    assert all(c.data_type == "s" and c.quotePrefix for c in back["A"])  # Excel shows and edits it as text


def test_the_commanders_template_and_its_import_back(hostile_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plantilla.xlsx"
    make_template(hostile_store, "PN", "2025-03", path, unit="09D08")
    ratio = [f"{indicator_name(c)} ({part})" for c in ("TAS-01", "PAT-01") for part in ("numerador", "denominador")]
    headers = [indicator_name(c) for c in ("HOM-01", "RES-01", "BRI-01", "ROB-01")] + ratio
    assert_kept(path, {layout.SHEET: [*PAYLOADS, HOSTILE_CODE, *headers], layout.META_SHEET: [HOSTILE_CODE]})

    # the app's own reader (calamine, through the safety pass) gets every name and code back as written
    book = read_book(path)
    assert book.problems == []
    names = {row[0]: row[1] for row in book.sheets[layout.SHEET][layout.HEADER_ROW :]}
    assert [names[f"09D08C{90 + k}"] for k in range(len(PAYLOADS))] == PAYLOADS
    assert names[HOSTILE_CODE] == "Unidad de código hostil"

    # the commander fills it in a spreadsheet (a figure, and a comment that starts like a formula) and the
    # app imports it back
    wb = openpyxl.load_workbook(path)
    sheet = wb[layout.SHEET]
    codes = [c.value for c in sheet[layout.HEADER_ROW]]
    rows = {sheet.cell(r, 1).value: r for r in range(layout.HEADER_ROW + 1, sheet.max_row + 1)}
    assert sheet.cell(rows["09D08C91"], 2).value == "=1+1" and sheet.cell(rows["09D08C91"], 2).data_type == "s"
    sheet.cell(rows["09D08C90"], codes.index("HOM-01") + 1, 2)
    sheet.cell(rows[HOSTILE_CODE], codes.index("HOM-01") + 1, 3)
    comment = sheet.cell(rows["09D08C90"], len(codes), "=revisar con la Fiscalía")
    comment.data_type = "s"  # typed as text ('=… in Excel): a real formula would be refused, as imports.md says
    wb.save(path)
    out = import_figures(hostile_store, path, None)
    assert out["errors"] == [] and out["new"] == 2
    with hostile_store.reading() as s:
        q = select(Unit.code, Result.value, Result.comment).join(Unit, Unit.id == Result.unit_id)
        filed = {code: (v, c) for code, v, c in s.execute(q.where(Result.month == 202503))}
    assert filed == {"09D08C90": (2, "=revisar con la Fiscalía"), HOSTILE_CODE: (3, None)}


def test_the_report(hostile_store: Store, tmp_path: Path) -> None:
    # the district's report: its units (hostile names, one hostile code) ranked, its indicators, its trends
    district = tmp_path / "distrito.xlsx"
    with district.open("wb") as out:
        institution_report(hostile_store, "PN", "2025-01", "09D08", lang="es").render_xlsx(out)
    district_names = [indicator_name(c) for c in ("HOM-01", "TAS-01", "RES-01", "PAT-01", "BRI-01", "ROB-01")]
    assert_kept(
        district,
        {"ranking": [*PAYLOADS, HOSTILE_CODE], "indicadores": district_names, "tendencias": [indicator_name("HOM-01")]},
    )
    # the institution's report: the red ROB-01 with each district's cause and action
    root = tmp_path / "institucion.xlsx"
    with root.open("wb") as out:
        institution_report(hostile_store, "PN", "2025-01", lang="es").render_xlsx(out)
    causes = [PAYLOADS[k].strip() for k in (0, 9, 5, 6, 7, 4)]  # the report trims a justification's ends
    cells = assert_kept(root, {"rojos": [indicator_name("ROB-01"), *causes], "indicadores": [PAYLOADS[0]]})
    assert_numbers(cells["rojos"], calamine_rows(root)["rojos"], [94.0, 88.0])


def test_the_plan_workbook(tmp_path: Path) -> None:
    first = PLAN.indicators[0]
    texts = ("name", "description", "source", "responsible", "unit_of_measure", "formula")
    hostile = [
        dataclasses.replace(first, code=f"X-{k}", baseline=-12.5, band_min=-3.0, **dict.fromkeys(texts, p))
        for k, p in enumerate(PAYLOADS)
    ]
    objectives = tuple(dataclasses.replace(o, alignment=PAYLOADS[k]) for k, o in enumerate(PLAN.objectives))
    path = tmp_path / "plan.xlsx"
    write_plan(PlanSpec(objectives, (*PLAN.indicators, *hostile)), path)
    cells = assert_kept(path, {INDICATORS_SHEET: PAYLOADS, OBJECTIVES_SHEET: PAYLOADS[:3]})
    assert_numbers(cells[INDICATORS_SHEET], calamine_rows(path)[INDICATORS_SHEET], [-12.5, -3.0])
    # the app reads its own plan workbook back: the same text (the reader trims surrounding whitespace)
    back, problems = read_plan(path)
    assert problems == []
    assert [i.formula for i in back.indicators[len(PLAN.indicators) :]] == [p.strip() for p in PAYLOADS]


def test_the_import_report(tmp_path: Path) -> None:
    errors = [{"sheet": p, "row": k + 2, "column": p, "value": p, "message": p} for k, p in enumerate(PAYLOADS)]
    errors.append({"sheet": "datos", "row": 20, "column": "valor", "value": -3.0, "message": "negativo"})
    no_value = [{"sheet": "datos", "row": k + 2, "column": "valor", "value": p} for k, p in enumerate(PAYLOADS)]
    report = {"new": 0, "batch": "=1+1", "errors": errors, "no_value": no_value}
    path = write_import_report(report, tmp_path / "informe.xlsx", file="=1+1.xlsx", lang="es")
    cells = assert_kept(path, {"resumen": ["=1+1.xlsx", "=1+1"], "errores": PAYLOADS, "sin_dato": PAYLOADS})
    assert_numbers(cells["errores"], calamine_rows(path)["errores"], [-3.0])


def test_the_wizards_import_report(tmp_path: Path) -> None:
    """The import wizard's own writer (ui/operations/import_report.py, openpyxl's write-only mode)."""
    changes = [Change(p, p, "2025-01", -2.5, -7.0, indicator=p) for p in PAYLOADS]
    report = {"batch": 4, "rows_read": 10, "new": 0, "changed": 10, "unchanged": 0, "skipped": 0, "months": [202501]}
    path = write_wizard_report(
        tmp_path / "informe-asistente.xlsx", Outcome(report, changes), file_name="=1+1.xlsx", kind="Registro",
        mapping="@SUM(A1:A2)", lang="es",
    )  # fmt: skip
    cells = assert_kept(path, {"Resumen": ["=1+1.xlsx", "@SUM(A1:A2)"], "Cambios": PAYLOADS})
    rows = calamine_rows(path)["Cambios"]
    assert_numbers(cells["Cambios"], rows, [-2.5, -7.0])
    assert all(row[4:] == [-2.5, -7.0] for row in rows[1:])  # a negative number is a number, not text
