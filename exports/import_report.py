"""The report of an import saved as a spreadsheet (spec/imports.md: "the same report can be saved as a
spreadsheet"): a summary sheet, every error at its place, and the cells left empty on purpose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from exports.cells import put_row

SUMMARY = ("batch", "kind", "rows_read", "new", "changed", "unchanged", "skipped", "dry_run")
PLACED = ("sheet", "row", "column", "value", "message")
HEADERS: dict[str, dict[str, Any]] = {
    "es": {"summary": "resumen", "errors": "errores", "no_value": "sin_dato"},
    "en": {"summary": "summary", "errors": "errors", "no_value": "no_value"},
}
HEADERS["es"]["cols"] = ("hoja", "fila", "columna", "valor", "motivo")
HEADERS["en"]["cols"] = ("sheet", "row", "column", "value", "reason")


def write_import_report(report: dict[str, Any], path: Path, *, file: str, lang: str = "es") -> Path:
    """``report`` is the JSON of ``scorecard import``; ``file`` the file it was made from."""
    words = HEADERS.get(lang, HEADERS["es"])
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = str(words["summary"])
    lines: list[list[Any]] = [["file", file], *([key, report.get(key)] for key in SUMMARY)]
    lines.append(["errors", len(report.get("errors", []))])
    for r, line in enumerate(lines, start=1):
        put_row(ws, r, line)
    for key in ("errors", "no_value"):
        sheet = wb.create_sheet(str(words[key]))
        put_row(sheet, 1, list(words["cols"]))
        for c in sheet[1]:
            c.font = Font(bold=True)
        for r, problem in enumerate(report.get(key, []), start=2):
            put_row(sheet, r, [problem.get(k) for k in PLACED])  # the value as the file had it: maybe "=…"
    wb.save(path)
    return path
