"""The import wizard's report as a workbook: a summary sheet and the changed figures, numbers as numbers
and any text a spreadsheet would run as a formula written as text (unit names come from user files)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from ui.operations.import_kinds import Outcome

SUMMARY = {
    "es": (
        "Archivo",
        "Tipo",
        "Mapeo",
        "Lote",
        "Filas leídas",
        "Nuevos",
        "Cambiados",
        "Sin cambio",
        "Omitidas",
        "Meses",
    ),
    "en": ("File", "Kind", "Mapping", "Batch", "Rows read", "New", "Changed", "Unchanged", "Skipped", "Months"),
}
CHANGES = {
    "es": ("Código", "Unidad", "Mes", "Antes", "Después"),
    "en": ("Code", "Unit", "Month", "Before", "After"),
}
SHEETS = {"es": ("Resumen", "Cambios"), "en": ("Summary", "Changes")}


def write_import_report(
    target: Path, outcome: Outcome, *, file_name: str, kind: str, mapping: str, lang: str = "es"
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from exports.publish import write_atomically
    from exports.xlsx_report import put

    lang = "en" if lang == "en" else "es"
    r = outcome.report
    months = r.get("months") or []
    months_text = " – ".join(f"{m // 100}-{m % 100:02d}" for m in months) if months else ""
    values: list[object] = [
        file_name,
        kind,
        mapping,
        r.get("batch"),
        r["rows_read"],
        r["new"],
        r["changed"],
        r["unchanged"],
    ]
    values += [r["skipped"], months_text]
    book = Workbook()
    summary = book.active
    summary.title = SHEETS[lang][0]
    for row, (label, value) in enumerate(zip(SUMMARY[lang], values, strict=True), start=1):
        put(summary, row, 1, label).font = Font(bold=True)
        put(summary, row, 2, value)
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 60
    changes = book.create_sheet(SHEETS[lang][1])
    for col, label in enumerate(CHANGES[lang], start=1):
        put(changes, 1, col, label).font = Font(bold=True)
    for row, c in enumerate(outcome.changes, start=2):
        for col, value in enumerate((c.unit_code, c.unit_name, c.month, c.old, c.new), start=1):
            put(changes, row, col, value, "#,##0.##")
    changes.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (16, 40, 10, 12, 12), strict=True):
        changes.column_dimensions[letter].width = width

    def write(f: IO[bytes]) -> None:
        book.save(f)

    write_atomically(target, write)
    return target
