"""An import's report saved as a spreadsheet and read back."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from exports.import_report import write_import_report
from importers.figures_import import import_figures
from scorecard.store import Store
from tests.builders import load_small
from tests.importers.test_long_table import table


def test_the_report_of_an_import_reads_back_with_every_error_at_its_place(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite", create=True)
    load_small(store, figures=False)
    rows = [
        ["09D08C04", "HOM-01", "2025-03", 3],
        ["09D08C06", "HOM-01", "2025-03", -1],
        ["09D01C01", "HOM-01", "2025-03", "s/d"],
    ]
    path = table(tmp_path / "a.xlsx", rows)
    report = import_figures(store, path, "PN", valid_rows_only=True)
    out = write_import_report(report, tmp_path / "informe.xlsx", file=path.name, lang="es")
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["resumen", "errores", "sin_dato"]
    summary = {r[0]: r[1] for r in book.get_sheet_by_name("resumen").to_python()}
    assert summary["file"] == "a.xlsx" and summary["new"] == 1 and summary["errors"] == 1
    errors = book.get_sheet_by_name("errores").to_python()
    assert errors[0] == ["hoja", "fila", "columna", "valor", "motivo"]
    assert errors[1][:4] == ["datos", 5, "valor", -1] and "negativo" in errors[1][4]
    assert book.get_sheet_by_name("sin_dato").to_python()[1][:4] == ["datos", 6, "valor", "s/d"]
    store.close()


def test_english_headers(tmp_path: Path) -> None:
    out = write_import_report({"new": 0, "errors": []}, tmp_path / "r.xlsx", file="x.csv", lang="en")
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["summary", "errors", "no_value"]
    assert book.get_sheet_by_name("errors").to_python() == [["sheet", "row", "column", "value", "reason"]]
