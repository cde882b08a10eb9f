"""The reports show last year beside this year: the workbook's new columns read back with openpyxl, the PDF's
with pdftotext, on ten years of history (tests/ten_years.py) added up here by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.report_builder import institution_report
from scorecard.store import Store
from tests.exports.conftest import pdftotext
from tests.ten_years import homicides, load_ten_years, murders


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("ten_years_reports") / "ten.sqlite"
    load_ten_years(Store.open(path, create=True))
    return Store.open(path)


def test_the_workbook_adds_last_years_columns(store: Store, tmp_path: Path) -> None:
    report = institution_report(store, "PN", "2025-Q2", "09D08", lang="es")
    with (tmp_path / "r.xlsx").open("wb") as out:
        report.render_xlsx(out)
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["indicadores"]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    # the columns that were there keep their place and name; the new ones come after them
    assert head[:13] == [
        "Institución",
        "Unidad",
        "Objetivo",
        "Código",
        "Indicador",
        "Resultado",
        "Meta",
        "Meta min",
        "Meta max",
        "Cumplimiento",
        "Semáforo",
        "Semáforo (letra)",
        "Semáforo (texto)",
    ]
    assert head[13:16] == ["Año anterior", "Cambio", "Cambio %"]
    assert head[16:19] == ["Fuente", "Cifra certificada", "Certificada el"]  # whose figure (issue 15), after them
    hom = next(r for r in rows[1:] if r[3] == "HOM-01")
    # 09D08 in April–June: 1 + 2 + 3 + 4 + 5 + 6 = 21 in 2025, 6 + 0 + 1 + 2 + 3 + 4 = 16 in 2024
    children = ("09D08C04", "09D08C06")
    now = sum(homicides(c, 2025, m) or 0 for c in children for m in (4, 5, 6))
    before = sum(homicides(c, 2024, m) or 0 for c in children for m in (4, 5, 6))
    assert (now, before) == (21, 16)
    assert hom[5] == now and hom[13:15] == (before, now - before)
    assert hom[15] == pytest.approx((now - before) / before)  # a percentage cell: 0.3125 shows 31.25 %
    assert sheet.cell(row=rows.index(hom) + 1, column=16).number_format.endswith("%")
    tas = next(r for r in rows[1:] if r[3] == "TAS-01")
    before_rate = sum(murders("09D08", 2024, m) or 0 for m in (4, 5, 6)) / (3 * 300_000) * 100_000
    assert tas[13] == pytest.approx(before_rate)


def test_the_pdf_shows_last_year_and_the_change(store: Store, tmp_path: Path) -> None:
    for lang, heads in (("es", ("Año anterior", "Cambio")), ("en", ("Last year", "Change"))):
        report = institution_report(store, "PN", "2025-03", lang=lang)
        with (tmp_path / f"r-{lang}.pdf").open("wb") as out:
            report.render_pdf(out)
        text = pdftotext(tmp_path / f"r-{lang}.pdf")
        assert all(h in text for h in heads)
        # March at the root: 11 homicides against 10 a year earlier (17D06C11 filed nothing in 2024)
        hom = next(line for line in text.splitlines() if line.strip().startswith("HOM-01"))
        pct = "+10,0" if lang == "es" else "+10.0"
        assert hom.split()[:6] == ["HOM-01", "Homicidios", "11", "10", "▲", pct]
