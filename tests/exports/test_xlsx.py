"""The workbook read back with python-calamine (and its XML checked for formulas): the same numbers as
the scorecard, real numbers, frozen headers, the status as a column, formula-like text kept as text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from exports.report_builder import consolidated_report, institution_report
from scorecard.store import Store
from scorecard.units import UnitSpec

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+593 99 123", "-1+2", "@SUM(A1)", "\tcon tabulador", "\x00nulo"]


def write(report: object, path: Path) -> Path:
    with path.open("wb") as f:
        report.render_xlsx(f)  # type: ignore[attr-defined]
    return path


def same(cell: object, value: float | None) -> bool:
    """The workbook's number is the scorecard's: openpyxl writes 16 significant digits (Excel keeps 15)."""
    if value is None:
        return cell == ""
    return isinstance(cell, float | int) and cell == pytest.approx(value, rel=1e-15, abs=0)


def sheet(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_the_numbers_are_the_scorecards(small_store: Store, tmp_path: Path) -> None:
    path = write(institution_report(small_store, "PN", "2025-01"), tmp_path / "r.xlsx")
    view = small_store.scoring.scorecard("PN", "2025-01")
    rows = sheet(path, "indicadores")
    head, body = rows[0], rows[1:]
    col = {h: k for k, h in enumerate(head)}
    by_code = {r[col["Código"]]: r for r in body}
    lines = [i for o in view.objectives for i in o.indicators]
    assert set(by_code) == {i.code for i in lines}
    for i in lines:
        r = by_code[i.code]
        assert same(r[col["Resultado"]], i.value), i.code
        if i.band:
            assert same(r[col["Meta min"]], i.band[0]) and same(r[col["Meta max"]], i.band[1])
        else:
            assert same(r[col["Meta"]], i.target)
        assert same(r[col["Cumplimiento"]], i.performance), i.code
        assert r[col["Semáforo"]] == i.status.key
        assert r[col["Semáforo (letra)"]] in {"V", "A", "R", "SD", "NC", "SM"}
    units = sheet(path, "unidades")
    assert same(units[1][4], view.score) and units[1][5] == view.status.key
    ranking = sheet(path, "ranking")
    assert [r[3] for r in ranking[1:]] == [c.code for c in view.children]
    assert all(same(r[6], c.score) for r, c in zip(ranking[1:], view.children, strict=True))
    # real numbers, frozen header rows, number formats of the Ecuadorian reader's locale
    book = load_workbook(path)
    ws = book["indicadores"]
    assert ws.freeze_panes == "A2"
    assert all(isinstance(c.value, float | int) for c in ws["F"][1:] if c.value is not None)
    assert ws["J2"].number_format == "0.0%"


def test_the_trend_sheet_holds_the_charts_numbers(small_store: Store, tmp_path: Path) -> None:
    report = institution_report(small_store, "PN", "2025-01", "Z8")
    rows = sheet(write(report, tmp_path / "r.xlsx"), "tendencias")
    assert report.section is not None
    expected = [
        (t.code, f"{m // 100}-{m % 100:02d}", v, s.key)
        for t in report.section.trends
        for m, v, s in zip(t.months, t.values, t.statuses, strict=True)
    ]
    got = [(r[2], r[4], None if r[5] == "" else r[5], r[7]) for r in rows[1:]]
    assert len(got) == len(expected) == 12 * len(report.section.trends)
    assert all(
        g[:2] == e[:2] and g[3] == e[3] and (g[2] == e[2] or same(g[2], e[2]))
        for g, e in zip(got, expected, strict=True)
    )


def test_reds_sheet_has_the_justification(small_store: Store, tmp_path: Path) -> None:
    from tests.exports.conftest import ACTION, CAUSE

    rows = sheet(write(institution_report(small_store, "PN", "2025-01"), tmp_path / "r.xlsx"), "rojos")
    assert [(r[2], r[7], r[9], r[10]) for r in rows[1:]] == [("ROB-01", "09D08", CAUSE, ACTION)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_formula_like_text_is_written_as_text(small_store: Store, tmp_path: Path, lang: str) -> None:
    specs = [UnitSpec(f"X{k}", name, "zona", "PN") for k, name in enumerate(FORMULA_LIKE)]
    small_store.units.load("PN", specs)
    report = consolidated_report(small_store, "2025-01", ["PN"], lang=lang)
    path = write(report, tmp_path / "c.xlsx")
    names = [r[2] for r in sheet(path, "unidades" if lang == "es" else "units")[1:]]
    for name in FORMULA_LIKE:
        # a NUL cannot travel in XML: it is shown as the visible ␀ symbol, still as text
        expected = name.replace("\x00", "\u2400")
        assert expected in names
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml  # not one formula anywhere
    ws = load_workbook(path)["unidades" if lang == "es" else "units"]
    cells = [c for c in ws["C"][1:] if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t"))]
    assert len(cells) == 5 and all(c.data_type == "s" and c.quotePrefix for c in cells)
