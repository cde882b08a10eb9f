"""The import wizard's report as a workbook: a summary sheet and the changed figures (with their indicator
when the file carried several), numbers as numbers and any text a spreadsheet would run as a formula
written as text (unit names come from user files).

Written row by row in openpyxl's write-only mode: a national long table lists ~0.9 M new figures, which a
whole workbook held in memory would take minutes and gigabytes to save."""

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
    "es": ("Código", "Unidad", "Indicador", "Mes", "Antes", "Después"),
    "en": ("Code", "Unit", "Indicator", "Month", "Before", "After"),
}
WIDTHS = (16, 40, 12, 10, 12, 12)
SHEETS = {"es": ("Resumen", "Cambios"), "en": ("Summary", "Changes")}


def write_import_report(
    target: Path, outcome: Outcome, *, file_name: str, kind: str, mapping: str, lang: str = "es"
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from exports.cells import write_only_cell
    from exports.publish import write_atomically
    from exports.xlsx_report import NUMBER_FORMAT

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
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    summary = book.create_sheet(SHEETS[lang][0])
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 60
    for label, value in zip(SUMMARY[lang], values, strict=True):
        summary.append([write_only_cell(summary, label, font=bold), write_only_cell(summary, value)])
    changes = book.create_sheet(SHEETS[lang][1])
    keep = [k for k in range(len(WIDTHS)) if k != 2 or any(c.indicator for c in outcome.changes)]
    for position, k in enumerate(keep, start=1):
        changes.column_dimensions[get_column_letter(position)].width = WIDTHS[k]
    changes.freeze_panes = "A2"
    changes.append([write_only_cell(changes, CHANGES[lang][k], font=bold) for k in keep])
    for c in outcome.changes:
        row = (c.unit_code, c.unit_name, c.indicator, c.month, c.old, c.new)
        changes.append([write_only_cell(changes, row[k], number_format=NUMBER_FORMAT) for k in keep])

    def write(f: IO[bytes]) -> None:
        book.save(f)

    write_atomically(target, write)
    return target
