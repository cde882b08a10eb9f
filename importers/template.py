"""The monthly template the app generates (spec/imports.md §1), read back after Excel or LibreOffice.

The hidden sheet says what it was made for (institution, period, results or targets); the header row
holds indicator codes, ``CODE:num`` / ``CODE:den`` for the parts of a ratio, and the comment column.
"""

from __future__ import annotations

from pathlib import Path

from importers.cells import NotAMonth, NotAPercent, is_percent, parse_month, parse_percent
from importers.figures_file import Extract, Figure
from importers.progress import Progress
from importers.workbook import Book, NotANumber, normalise, parse_number, read_book, text
from scorecard import template_layout as layout
from scorecard.errors import Problem


def _meta(book: Book) -> dict[str, str] | None:
    rows = book.sheets.get(layout.META_SHEET)
    if not rows or not rows[0] or text(rows[0][1] if len(rows[0]) > 1 else None) != layout.MARK:
        return None
    return {text(r[0]): text(r[1]) for r in rows if len(r) > 1 and text(r[0])}


def identify(source: Path | Book) -> float:
    """1.0 for a template this app made (its hidden sheet says so), else 0."""
    book = source if isinstance(source, Book) else read_book(source)
    return 1.0 if _meta(book) is not None and layout.SHEET in book.sheets else 0.0


def extract(  # noqa: PLR0912
    source: Path | Book, *, decimal_mark: str | None = None, progress: Progress | None = None
) -> tuple[Extract, list[Problem]]:
    book = source if isinstance(source, Book) else read_book(source)
    meta = _meta(book)
    if meta is None or layout.SHEET not in book.sheets:
        return Extract("template", False), [
            Problem("column.missing", sheet=layout.META_SHEET, column=layout.MARK, found=", ".join(book.sheets))
        ]
    ex = Extract(
        "template", meta.get("contenido") == layout.TARGETS, institution=meta.get("institucion"), sheet=layout.SHEET
    )
    ex.problems.extend(book.problems)
    try:
        period = parse_month(meta.get("periodo", ""))
    except NotAMonth:
        ex.problems.append(Problem("cell.month", sheet=layout.META_SHEET, row=4, column="B", value=meta.get("periodo")))
        return ex, ex.problems
    rows = book.sheets[layout.SHEET]
    header_at = next((r for r, row in enumerate(rows[:20]) if row and normalise(row[0]) == layout.UNIT_CODE), None)
    if header_at is None:
        ex.problems.append(Problem("column.missing", sheet=layout.SHEET, column=layout.UNIT_CODE, found="—"))
        return ex, ex.problems
    header = [text(c) for c in rows[header_at]]
    columns: dict[str, dict[str, int]] = {}  # indicator code → part → column index
    comment = None
    for c, h in enumerate(header):
        if c < 2 or not h:
            continue
        if normalise(h) == layout.COMMENT:
            comment = c
        elif h.endswith(layout.NUMERATOR):
            columns.setdefault(h[: -len(layout.NUMERATOR)], {})["numerator"] = c
        elif h.endswith(layout.DENOMINATOR):
            columns.setdefault(h[: -len(layout.DENOMINATOR)], {})["denominator"] = c
        else:
            columns.setdefault(h, {})["value"] = c
    for r in range(header_at + 1, len(rows)):
        row = rows[r] + [None] * (len(header) - len(rows[r]))
        unit = text(row[0])
        if not unit:
            continue
        ex.rows_read += 1
        note = text(row[comment]) or None if comment is not None else None
        for code, parts in columns.items():
            fig = Figure(
                layout.SHEET, r + 1, unit, code, period, comment=note, column=code,
                unit_column=layout.UNIT_CODE, indicator_column=code,
            )  # fmt: skip
            written = []
            for part, c in parts.items():
                raw = row[c]
                written.append(raw)
                try:
                    if part == "value" and is_percent(raw):
                        fig.value, fig.percent = parse_percent(raw, decimal_mark=decimal_mark), True
                    else:
                        setattr(fig, part, parse_number(raw, decimal_mark=decimal_mark))
                except (NotANumber, NotAPercent) as exc:
                    ex.problems.append(
                        Problem(exc.message_id, sheet=layout.SHEET, row=r + 1, column=header[c], value=raw)
                    )
                    fig.column = ""
            if not fig.column:
                continue
            if fig.value is None and fig.numerator is None and fig.denominator is None:
                if any(w not in (None, "") for w in written):  # s/d, N/A…: said on purpose, reported as such
                    ex.no_value.append(
                        Problem("cell.no_value", sheet=layout.SHEET, row=r + 1, column=code, value=text(written[0]))
                    )
                continue
            ex.figures.append(fig)
    if progress:
        progress.step("parse", ex.rows_read, ex.rows_read)
    return ex, ex.problems
