"""The plan workbook: round trip through a real .xlsx, Spanish and English, problems with their place."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from demo import PN_INDICATORS, PN_OBJECTIVES
from exports.plan_workbook import write_plan
from importers.plan_workbook import read_plan
from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.plan_specs import PlanSpec
from tests.builders import PLAN


def strip_rows(spec: PlanSpec) -> PlanSpec:
    return PlanSpec(
        tuple(dataclasses.replace(o, row=None) for o in spec.objectives),
        tuple(dataclasses.replace(i, row=None) for i in spec.indicators),
    )


@pytest.mark.parametrize("spec", [PLAN, PlanSpec(PN_OBJECTIVES, PN_INDICATORS)], ids=["small", "demo"])
def test_a_plan_round_trips_through_the_workbook(tmp_path: Path, spec: PlanSpec) -> None:
    kinds = {i.kind for i in spec.indicators} | {i.polarity for i in spec.indicators}
    path = tmp_path / "plan.xlsx"
    write_plan(spec, path)
    back, problems = read_plan(path)
    assert problems == []
    assert strip_rows(back) == PlanSpec(spec.objectives, spec.indicators)
    assert kinds <= {i.kind for i in back.indicators} | {i.polarity for i in back.indicators}


def test_the_workbook_is_a_real_spreadsheet(tmp_path: Path) -> None:
    """Read by openpyxl (a second reader): Spanish values, number cells, frozen header, a leeme sheet."""
    hostile = dataclasses.replace(PLAN.indicators[0], description='=HYPERLINK("http://x")', formula="+1+1")
    path = tmp_path / "plan.xlsx"
    write_plan(PlanSpec(PLAN.objectives, (hostile, *PLAN.indicators[1:])), path)
    book = load_workbook(path)
    assert book.sheetnames == ["objetivos", "indicadores", "leeme"]
    ind = book["indicadores"]
    assert ind.freeze_panes == "A2"
    header = [c.value for c in ind[1]]
    row = {h: c for h, c in zip(header, ind[2], strict=False)}
    assert (row["polaridad"].value, row["tipo"].value, row["frecuencia"].value) == ("decreciente", "conteo", "mensual")
    assert row["peso"].data_type == "n" and row["peso"].value == 2
    # text that starts like a formula is written as text, never as a formula
    assert row["descripcion"].data_type == "s" and row["descripcion"].value == '=HYPERLINK("http://x")'
    assert row["formula"].data_type == "s"
    back, _ = read_plan(path)
    assert back.indicators[0].description == '=HYPERLINK("http://x")'


def _sheet(book: Workbook, title: str, rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)


def test_english_headers_and_values_and_title_rows(tmp_path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(
        book,
        "Objectives",
        [
            ["Strategic plan 2025"],
            [],
            ["Code", "Name", "Type", "Parent", "Weight"],
            ["S1", "Safer streets", "Strategic", None, 2],
            ["S1.1", "Patrols", "operational", "S1", None],
        ],
    )
    _sheet(
        book,
        "Indicators",
        [
            [
                "Code",
                "Name",
                "Objective",
                "Polarity",
                "Type",
                "Frequency",
                "Factor",
                "Levels",
                "Green threshold",
                "Yellow threshold",
                "Method",
                "Baseline",
                "Band min",
                "Band max",
            ],
            [
                "K1",
                "Rate",
                "S1",
                "lower_is_better",
                "Ratio",
                "Quarterly",
                100000,
                "district; circuit",
                "95 %",
                80,
                "baseline",
                "12,5",
                None,
                None,
            ],
            [
                "K2",
                "Patrol share",
                "S1.1",
                "in_band",
                "ratio",
                "monthly",
                100,
                "district",
                None,
                None,
                None,
                None,
                60,
                80,
            ],
        ],
    )
    path = tmp_path / "english.xlsx"
    book.save(path)
    spec, problems = read_plan(path)
    assert problems == []
    assert spec.objectives[1].kind is ObjectiveKind.OPERATIONAL and spec.objectives[1].weight == 1.0
    k1, k2 = spec.indicators
    assert (k1.polarity, k1.kind, k1.frequency, k1.method) == (
        Polarity.LOWER_IS_BETTER,
        Kind.RATIO,
        Frequency.QUARTERLY,
        Method.BASELINE,
    )
    assert (k1.green, k1.yellow, k1.baseline, k1.factor) == (0.95, 0.80, 12.5, 100000)
    assert k1.levels == ("district", "circuit") and k1.row == 2
    assert (k2.band_min, k2.band_max, k2.polarity) == (60, 80, Polarity.IN_BAND)


def test_problems_name_sheet_row_column_and_value(tmp_path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(book, "objetivos", [["codigo", "nombre", "tipo"], ["O1", "Uno", "estratégico"], ["O2", "", "táctico"]])
    _sheet(
        book,
        "indicadores",
        [
            ["codigo", "nombre", "objetivo", "polaridad", "tipo", "peso"],
            ["I1", "Uno", "O1", "creciente", "conteo", "dos"],
            ["I2", "Dos", "O1", "al alza", "razón", 1],
        ],
    )
    path = tmp_path / "bad.xlsx"
    book.save(path)
    _, problems = read_plan(path)
    got = [(p.message_id, p.sheet, p.row, p.column, p.value) for p in problems]
    assert got == [
        ("cell.required", "objetivos", 3, "nombre", None),
        ("cell.choice", "objetivos", 3, "tipo", "táctico"),
        ("cell.number", "indicadores", 2, "peso", "dos"),
        ("cell.choice", "indicadores", 3, "polaridad", "al alza"),
    ]
    assert "creciente" in problems[-1].text("es") and "fila 3" in problems[-1].text("es")


def test_a_missing_column_or_sheet_is_named(tmp_path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(book, "objetivos", [["codigo", "nombre", "tipo"], ["O1", "Uno", "estrategico"]])
    _sheet(book, "indicadores", [["codigo", "nombre", "objetivo", "tipo"], ["I1", "Uno", "O1", "conteo"]])
    path = tmp_path / "missing.xlsx"
    book.save(path)
    _, problems = read_plan(path)
    assert [(p.message_id, p.column) for p in problems] == [("column.missing", "polaridad")]
    assert "codigo, nombre, objetivo, tipo" in problems[0].text("es")
    book.remove(book["indicadores"])
    book.save(path)
    _, problems = read_plan(path)
    assert [(p.message_id, p.value) for p in problems] == [("plan.sheet_missing", "indicadores")]
