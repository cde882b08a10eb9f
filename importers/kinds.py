"""One importer shape: each format says how sure it is that a file is its own (``identify``) and reads it
(``extract`` → rows, problems).  ``detect`` picks the format of a file when the user does not say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from importers import long_table, plan_workbook, register, template, units_sheet, wide_sheet
from importers.workbook import Book, best_header_cells, read_book
from scorecard.errors import UserError

IDENTIFY: dict[str, Callable[[Book], float]] = {
    "template": template.identify,
    "long": long_table.identify,
    "wide": wide_sheet.identify,
    "register": register.identify,
    "plan": plan_workbook.identify,
    "units": units_sheet.identify,
}
OWN_COMMAND = {"plan": "scorecard plan import", "units": "scorecard units import"}


def identify(source: Path | Book) -> dict[str, float]:
    """How sure each format is that the file is its own (0 to 1)."""
    book = source if isinstance(source, Book) else read_book(source)
    return {kind: f(book) for kind, f in IDENTIFY.items()}


def detect(book: Book) -> str:
    """The most likely format of ``book``; a file no format claims is an error naming its headers."""
    scores = identify(book)
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    if score <= 0:
        found = ", ".join(h for rows in book.sheets.values() for h in best_header_cells(rows)[:12]) or "—"
        raise UserError("import.kind_unknown", path=book.path.name, found=found)
    return kind
