"""Long tables (spec/imports.md §2 and §4): one value per row, named by unit, indicator and period.

The header row may sit below title rows; its names are Spanish or English, case- and accent-free.  A
value column (``valor``/``value``) makes a table of results; a target column (``meta``/``target``)
without one makes a table of targets, whose period may be a whole year with a distribution.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from importers.cells import NotAMonth, NotAPercent, is_percent, parse_month, parse_percent
from importers.figures_file import Extract, Figure
from importers.progress import Progress
from importers.workbook import (
    Book,
    Header,
    NotANumber,
    Rows,
    find_header,
    is_empty,
    normalise,
    parse_number,
    read_book,
    text,
)
from scorecard.errors import Problem

COLUMNS = {
    "unit": ["unidad", "codigo_unidad", "cod_unidad", "codigo_subcircuito", "unit", "unit_code", "subcircuito"],
    "indicator": ["indicador", "codigo_indicador", "cod_indicador", "indicator", "indicator_code"],
    "period": ["periodo", "mes", "fecha", "period", "month", "date"],
    "value": ["valor", "resultado", "value", "result"],
    "target": ["meta", "target", "valor_meta"],
    "numerator": ["numerador", "numerator"],
    "denominator": ["denominador", "denominator"],
    "observations": ["observaciones_n", "casos", "n_observaciones", "observations"],
    "comment": ["comentario", "observacion", "observaciones", "comment", "notes"],
    "distribution": ["distribucion", "perfil", "distribution", "profile"],
}
REQUIRED = ["unit", "indicator", "period"]
TOTAL_WORDS = ("total", "total general", "totales", "grand total")
CHUNK = 50_000


def _header(rows: Rows) -> Header | None:
    h = find_header(rows, COLUMNS, REQUIRED)
    if h is None or not ({"value", "target", "numerator"} & set(h.columns)):
        return None
    return h


def find_table(book: Book) -> tuple[str, Rows, Header] | None:
    """The first sheet with a long table's header: its name, rows and header."""
    return next(((name, rows, h) for name, rows in book.sheets.items() if (h := _header(rows))), None)


def identify(source: Path | Book) -> float:
    """0.9 when a sheet has a long table's header, else 0."""
    book = source if isinstance(source, Book) else read_book(source)
    return 0.9 if any(_header(rows) for rows in book.sheets.values()) else 0.0


def extract(  # noqa: PLR0912, PLR0915 - one pass over up to a million rows, kept flat for speed
    source: Path | Book, *, decimal_mark: str | None = None, progress: Progress | None = None
) -> tuple[Extract, list[Problem]]:
    """The figures of the first sheet with a long table's header, and every problem found reading them."""
    book = source if isinstance(source, Book) else read_book(source)
    progress = progress or Progress()
    found = find_table(book)
    if found is None:
        names = ", ".join(c for c in ("unidad", "indicador", "periodo", "valor|meta"))
        return Extract("long", False), [Problem("column.missing", column=names, found=", ".join(book.sheets))]
    name, rows, header = found
    col = header.columns
    targets = "target" in col and "value" not in col
    ex = Extract("long", targets, sheet=name)
    ex.problems.extend(book.problems)
    value_col = col["target"] if targets else col.get("value")
    value_name = _label(header, value_col) if value_col is not None else "valor"
    unit_label, ind_label = _label(header, col["unit"]), _label(header, col["indicator"])
    ex.value_column = value_name
    width = max(col.values()) + 1
    numbers = [
        (k, c)
        for k, c in enumerate([value_col, col.get("numerator"), col.get("denominator"), col.get("observations")])
        if c is not None
    ]
    months: dict[object, int] = {}  # the same few period cells repeat on every row: parse each once
    problems = ex.problems
    total = len(rows) - header.row - 1
    # column positions and labels as locals: this loop runs once per row of up to a million
    unit_c, ind_c, period_c = col["unit"], col["indicator"], col["period"]
    comment_c, dist_c = col.get("comment"), col.get("distribution")
    period_label = _label(header, period_c)
    for r in range(header.row + 1, len(rows)):
        if (r - header.row) % CHUNK == 0:
            progress.step("parse", r - header.row, total)
        row = rows[r]
        if len(row) < width:
            row = row + [None] * (width - len(row))
        unit_raw = row[unit_c]
        if unit_raw is None and all(c is None or is_empty(c) for c in row):
            continue
        ex.rows_read += 1
        n = r + 1
        unit = unit_raw.strip() if unit_raw.__class__ is str else text(unit_raw)
        ind_raw = row[ind_c]
        indicator = ind_raw.strip() if ind_raw.__class__ is str else text(ind_raw)
        period_raw = row[period_c]
        try:
            period = months[period_raw]
        except (KeyError, TypeError):
            try:
                period = parse_month(period_raw, allow_year=True)
            except NotAMonth:
                period = 0
            with contextlib.suppress(TypeError):
                months[period_raw] = period
        vals: list[float | None] = [None, None, None, None]
        percent = bad = False
        for k, cidx in numbers:
            raw = row[cidx]
            cls = raw.__class__
            if cls is float or cls is int:
                vals[k] = raw  # type: ignore[call-overload]
            elif raw is None or raw == "":
                continue
            else:
                try:
                    if k == 0 and is_percent(raw):
                        vals[0], percent = parse_percent(raw, decimal_mark=decimal_mark), True
                    else:
                        vals[k] = parse_number(raw, decimal_mark=decimal_mark)
                except (NotANumber, NotAPercent) as exc:
                    problems.append(Problem(exc.message_id, sheet=name, row=n, column=_label(header, cidx), value=raw))
                    bad = True
        fig = Figure(name, n, unit, indicator, period, vals[0], vals[1], vals[2], vals[3], percent=percent,
                     column=value_name, unit_column=unit_label, indicator_column=ind_label)  # fmt: skip
        if unit and unit[0] in "TtGg" and normalise(unit).replace("_", " ") in TOTAL_WORDS:
            ex.totals.append(fig)
            continue
        if comment_c is not None:
            fig.comment = text(row[comment_c]) or None
        if dist_c is not None:
            fig.distribution = text(row[dist_c]) or None
        if not unit:
            problems.append(Problem("cell.required", sheet=name, row=n, column=unit_label))
            bad = True
        if not indicator:
            problems.append(Problem("cell.required", sheet=name, row=n, column=ind_label))
            bad = True
        if period == 0:
            problems.append(Problem("cell.month", sheet=name, row=n, column=period_label, value=period_raw))
            bad = True
        elif period < 10_000 and not targets:
            problems.append(
                Problem(
                    "cell.annual_only_targets",
                    sheet=name,
                    row=n,
                    column=period_label,
                    value=period_raw,
                )
            )
            bad = True
        if bad:
            continue
        if fig.value is None and fig.numerator is None and fig.denominator is None:
            raw = row[value_col] if value_col is not None else None
            ex.no_value.append(
                Problem("cell.no_value", sheet=name, row=n, column=_label(header, value_col or 0), value=text(raw))
            )
            continue
        ex.figures.append(fig)
    progress.step("parse", total, total)
    return ex, problems


def _label(header: Header, index: int) -> str:
    """The column's header as the user wrote it."""
    return header.labels.get(index, str(index + 1))
