"""Wide sheets: the months across the columns, the most common government sheet.

Layouts read (the header row may sit below title rows; names in Spanish or English, case- and
accent-insensitive):

- month columns named by the month (``ene``, ``enero``, ``Jan``, ``January``…) with the year in a column
  (``año``, ``anio``, ``year``), or named as periods (``2025-01``, ``ene-2025``, ``01/2025``, a date);
  unit and indicator in columns, or given by the caller (``--unit`` / ``--indicator``) where the sheet is
  about one of them — rows of years for one unit and one indicator, say;
- month columns that carry a category (``ene_h``, ``eneUrb``, ``ENE-MUJERES``): a saved mapping says which
  indicator each category feeds;
- indicator codes across the columns, one month per row (a period column).

Totals columns (``total``, ``promedio``, ``mediana``…) are never months: each is checked against the
row's months where it can be (a total against their sum for counts, a mean or a median against theirs).
A TOTAL row is skipped and its sums checked like a long table's.  Every figure becomes a
:class:`~importers.figures_file.Figure`, so resolution and the core's rules are the long table's.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from importers.cells import MONTH_NAMES, NotAMonth, NotAPercent, is_percent, parse_month, parse_percent
from importers.figures_file import Extract, Figure
from importers.long_table import COLUMNS as LONG_COLUMNS
from importers.long_table import TOTAL_WORDS
from importers.progress import Progress
from importers.workbook import Book, Cell, NotANumber, Rows, is_empty, normalise, parse_number, read_book, text
from scorecard.domain import Kind
from scorecard.errors import Problem

SCAN = 20
YEAR_NAMES = {"ano", "anio", "year", "anno", "gestion"}
# a unit column: a generic name first, else the finest level named (a sheet with zona, distrito and
# circuito columns is about its circuits)
UNIT_RANK = {
    **{normalise(n): 0 for n in (*LONG_COLUMNS["unit"], "codigo", "cod", "code", "unidad_codigo")},
    **dict.fromkeys(("subcircuito", "codigo_subcircuito"), 1),
    **dict.fromkeys(("circuito", "codigo_circuito"), 2),
    **dict.fromkeys(("distrito", "codigo_distrito", "district"), 3),
    **dict.fromkeys(("subzona", "codigo_subzona"), 4),
    **dict.fromkeys(("zona", "codigo_zona", "zone"), 5),
}
INDICATOR_NAMES = {normalise(n) for n in LONG_COLUMNS["indicator"]}
PERIOD_NAMES = {normalise(n) for n in LONG_COLUMNS["period"]}
TOTALS = {
    "total": "sum", "total_anual": "sum", "total_ano": "sum", "suma": "sum", "sum": "sum", "annual_total": "sum",
    "promedio": "mean", "media": "mean", "average": "mean", "mean": "mean", "promedio_mensual": "mean",
    "mediana": "median", "median": "median",
}  # fmt: skip
TARGET_WORDS = {"meta", "metas", "target", "targets"}
_NAMES = sorted(MONTH_NAMES, key=len, reverse=True)  # marzo before mar, setiembre before set
_CATEGORY = re.compile(r"^(" + "|".join(_NAMES) + r")(?:[\s_\-.]+(.+)|([A-Z].*))$", re.IGNORECASE)
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]*[-_.]?[A-Za-z0-9]*\d[A-Za-z0-9]*$")  # HOM-01, ROB01, TAS_02


@dataclass(frozen=True)
class MonthColumn:
    index: int
    month: int  # 1..12
    year: int | None  # from the header (a period), else from the row's year column
    category: str | None  # normalised, for a mapping


@dataclass
class Layout:
    """What the header row says: where each thing is."""

    row: int
    labels: dict[int, str]
    months: list[MonthColumn] = field(default_factory=list)
    totals: list[tuple[int, str]] = field(default_factory=list)  # (column, sum | mean | median)
    codes: list[tuple[int, str]] = field(default_factory=list)  # indicator codes across the columns
    unit: int | None = None
    indicator: int | None = None
    year: int | None = None
    period: int | None = None

    @property
    def by_months(self) -> bool:
        return len(self.months) >= 2


def month_header(cell: Cell) -> MonthColumn | None:  # noqa: PLR0911 - one return per form a month header takes
    """A header cell that names a month: alone (``ene``), as a period (``2025-01``), or with a category
    (``ene_h``, ``eneUrb``, ``ENE-MUJERES``); None for any other."""
    if cell is None or isinstance(cell, bool):
        return None
    raw = str(cell).strip()
    if not raw:
        return None
    plain = normalise(raw).rstrip("_.")
    if plain in MONTH_NAMES:
        return MonthColumn(-1, MONTH_NAMES[plain], None, None)
    if not isinstance(cell, int | float) or not float(cell).is_integer():  # a bare number is never a month
        try:
            key = parse_month(cell)
        except NotAMonth:
            pass
        else:
            return MonthColumn(-1, key % 100, key // 100, None)
    m = _CATEGORY.match(raw)
    if m:
        rest = m.group(2) or m.group(3) or ""
        first = m.group(1)
        # camelCase needs the case to change: eneUrb, EneUrb — never decomisos nor ENEMUJERES
        if m.group(3) and not (first[1:].islower() and m.group(3)[0].isupper()):
            return None
        category = normalise(rest).strip("_")
        if category and not category.isdigit() and category not in YEAR_NAMES:
            return MonthColumn(-1, MONTH_NAMES[normalise(first)], None, category)
    return None


def read_layout(rows: Rows, codes: Sequence[str] = ()) -> Layout | None:
    """The first row among the top ones that reads as a wide sheet's header."""
    known = {c.upper() for c in codes}
    for r, row in enumerate(rows[:SCAN]):
        layout = Layout(r, {c: str(v).strip() for c, v in enumerate(row) if v not in (None, "")})
        unit_rank = 99
        for c, cell in enumerate(row):
            if cell in (None, ""):
                continue
            month = month_header(cell)
            name = normalise(cell)
            if month is not None:
                layout.months.append(MonthColumn(c, month.month, month.year, month.category))
            elif name in TOTALS:
                layout.totals.append((c, TOTALS[name]))
            elif name in YEAR_NAMES and layout.year is None:
                layout.year = c
            elif name in UNIT_RANK:
                if layout.unit is None or UNIT_RANK[name] < unit_rank:
                    layout.unit, unit_rank = c, UNIT_RANK[name]
            elif name in INDICATOR_NAMES and layout.indicator is None:
                layout.indicator = c
            elif name in PERIOD_NAMES and layout.period is None:
                layout.period = c
            elif isinstance(cell, str) and (cell.strip().upper() in known or (not known and _CODE.match(cell.strip()))):
                layout.codes.append((c, cell.strip()))
        if layout.by_months or (layout.period is not None and layout.codes and (layout.unit is not None or known)):
            return layout
    return None


def identify(source: Path | Book) -> float:
    """0.85 for months across the columns; 0.6 for indicator codes across the columns with a period
    column (a clean long table claims 0.9, so a file both could read stays a long table)."""
    book = source if isinstance(source, Book) else read_book(source)
    best = 0.0
    for rows in book.sheets.values():
        layout = read_layout(rows)
        if layout is None:
            continue
        best = max(best, 0.85 if layout.by_months else 0.6)
    return best


def find_sheet(book: Book, codes: Sequence[str] = ()) -> tuple[str, Rows, Layout] | None:
    return next(
        ((name, rows, lay) for name, rows in book.sheets.items() if (lay := read_layout(rows, codes)) is not None),
        None,
    )


@dataclass
class Given:
    """What the caller adds to what the sheet says: the unit or indicator it is about, a category mapping
    (normalised category → indicator code, named for messages), the plan's codes and kinds."""

    unit: str | None = None
    indicator: str | None = None
    mapping: Mapping[str, str] | None = None
    mapping_name: str = ""
    codes: Sequence[str] = ()
    kinds: Mapping[str, Kind] = field(default_factory=dict)
    decimal_mark: str | None = None
    institution: str = ""


def extract(source: Path | Book, given: Given | None = None, *, progress: Progress | None = None) -> Extract:  # noqa: PLR0912, PLR0915 - one pass over the rows, kept flat
    """The figures of the first sheet with a wide header, and every problem found reading them."""
    given = given or Given()
    book = source if isinstance(source, Book) else read_book(source)
    progress = progress or Progress()
    found = find_sheet(book, given.codes)
    if found is None:
        ex = Extract("wide", False)
        ex.problems.append(Problem("wide.no_header", found=", ".join(book.sheets)))
        return ex
    name, rows, lay = found
    targets = _is_targets(name, rows[: lay.row])
    ex = Extract("wide", targets, sheet=name)
    ex.problems.extend(book.problems)
    problems = ex.problems
    header_row = lay.row + 1

    def label(c: int | None, fallback: str) -> str:
        return lay.labels.get(c, fallback) if c is not None else fallback

    unit_label = label(lay.unit, "--unit")
    ind_label = label(lay.indicator, "--indicator")
    if lay.unit is None and not given.unit:
        problems.append(Problem("wide.unit_missing", sheet=name, row=header_row, column="unidad"))
    categories = sorted({m.category for m in lay.months if m.category})
    mapping = {normalise(k).strip("_"): v for k, v in (given.mapping or {}).items()}
    if categories and not mapping:
        problems.append(
            Problem(
                "wide.mapping_needed",
                sheet=name,
                row=header_row,
                column=lay.labels.get(lay.months[0].index, ""),
                categories=", ".join(categories),
            )
        )
    for m in lay.months:
        if m.category and mapping and m.category not in mapping:
            problems.append(
                Problem(
                    "wide.category_unmapped",
                    sheet=name,
                    row=header_row,
                    column=lay.labels.get(m.index, ""),
                    value=m.category,
                    mapping=given.mapping_name,
                    known=", ".join(sorted(mapping)),
                )
            )
    needs_indicator = lay.by_months and any(not m.category for m in lay.months)
    if needs_indicator and lay.indicator is None and not given.indicator:
        problems.append(Problem("wide.indicator_missing", sheet=name, row=header_row, column="indicador"))
    if lay.by_months and any(m.year is None for m in lay.months) and lay.year is None:
        problems.append(Problem("wide.year_missing", sheet=name, row=header_row, column=""))
    if not lay.by_months and lay.period is None:
        problems.append(Problem("wide.year_missing", sheet=name, row=header_row, column="periodo"))
    if problems and any(p.message_id.startswith("wide.") for p in problems):
        return ex
    known = {c.upper() for c in given.codes}
    if known:
        for _c, code in lay.codes:
            if code.upper() not in known:
                problems.append(
                    Problem(
                        "cell.indicator_unknown",
                        sheet=name,
                        row=header_row,
                        column=code,
                        value=code,
                        institution=given.institution,
                        candidates=sorted(given.codes),
                    )
                )
    total = len(rows) - lay.row - 1
    for r in range(lay.row + 1, len(rows)):
        if (r - lay.row) % 20_000 == 0:
            progress.step("parse", r - lay.row, total)
        row = rows[r]
        if all(c is None or is_empty(c) for c in row):
            continue
        n = r + 1
        unit = text(_at(row, lay.unit)) if lay.unit is not None else (given.unit or "")
        indicator = text(_at(row, lay.indicator)) if lay.indicator is not None else (given.indicator or "")
        is_total = bool(unit) and normalise(unit).replace("_", " ") in TOTAL_WORDS
        ex.rows_read += 1
        if not unit:
            problems.append(Problem("cell.required", sheet=name, row=n, column=unit_label))
            continue
        if lay.by_months:
            year = None
            if lay.year is not None:
                raw_year = _at(row, lay.year)
                year = _year(raw_year)
                if year is None and not is_total:
                    problems.append(
                        Problem("cell.year", sheet=name, row=n, column=label(lay.year, "año"), value=raw_year)
                    )
                    continue
            row_values: dict[str, list[float]] = {}
            for m in lay.months:
                code = mapping.get(m.category, "") if m.category else indicator
                if m.category is None and not code:
                    problems.append(Problem("cell.required", sheet=name, row=n, column=ind_label))
                    break
                y = m.year if m.year is not None else year
                if y is None:
                    continue
                fig = _figure(
                    ex,
                    name,
                    n,
                    row,
                    m.index,
                    lay.labels.get(m.index, ""),
                    unit,
                    code,
                    y * 100 + m.month,
                    unit_label,
                    ind_label,
                    given.decimal_mark,
                )
                if fig is None:
                    continue
                if is_total:
                    ex.totals.append(fig)
                    continue
                ex.figures.append(fig)
                if fig.value is not None:
                    row_values.setdefault(code, []).append(fig.value)
            if not is_total:
                _check_totals_columns(problems, name, n, row, lay, row_values, indicator, given.kinds)
        else:
            raw_period = _at(row, lay.period)
            try:
                period = parse_month(raw_period)
            except NotAMonth:
                if not is_total:
                    problems.append(
                        Problem("cell.month", sheet=name, row=n, column=label(lay.period, "periodo"), value=raw_period)
                    )
                continue
            for c, code in lay.codes:
                if known and code.upper() not in known:
                    continue
                fig = _figure(ex, name, n, row, c, code, unit, code, period, unit_label, code, given.decimal_mark)
                if fig is None:
                    continue
                (ex.totals if is_total else ex.figures).append(fig)
    progress.step("parse", total, total)
    return ex


def _at(row: list[Cell], c: int | None) -> Cell:
    return row[c] if c is not None and c < len(row) else None


def _figure(
    ex: Extract, sheet: str, n: int, row: list[Cell], c: int, column: str, unit: str, indicator: str, period: int,
    unit_label: str, ind_label: str, decimal_mark: str | None,
) -> Figure | None:  # fmt: skip
    """One month cell as a figure; None (with the problem or the no-value note recorded) when it has none."""
    raw = row[c] if c < len(row) else None
    percent = False
    try:
        if is_percent(raw):
            value: float | None = parse_percent(raw, decimal_mark=decimal_mark)
            percent = True
        else:
            value = parse_number(raw, decimal_mark=decimal_mark)
    except (NotANumber, NotAPercent) as exc:
        ex.problems.append(Problem(exc.message_id, sheet=sheet, row=n, column=column, value=raw))
        return None
    if value is None:
        if raw not in (None, ""):  # written on purpose (s/d, -): said, never read as 0
            ex.no_value.append(Problem("cell.no_value", sheet=sheet, row=n, column=column, value=text(raw)))
        return None
    return Figure(
        sheet,
        n,
        unit,
        indicator,
        period,
        value,
        percent=percent,
        column=column,
        unit_column=unit_label,
        indicator_column=ind_label,
    )


def _year(raw: Cell) -> int | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        value = parse_number(raw)
    except NotANumber:
        return None
    if value is None or not float(value).is_integer() or not 1900 <= value <= 2200:
        return None
    return int(value)


def _is_targets(name: str, above: Rows) -> bool:
    """A sheet of targets says so: its name or a title row above the header (``metas 2026``)."""
    words = set(re.findall(r"[a-z]+", normalise(name).replace("_", " ")))
    for row in above:
        for cell in row:
            if isinstance(cell, str):
                words |= set(re.findall(r"[a-z]+", normalise(cell).replace("_", " ")))
    return bool(words & TARGET_WORDS)


def _check_totals_columns(
    problems: list[Problem],
    sheet: str,
    n: int,
    row: list[Cell],
    lay: Layout,
    values: dict[str, list[float]],
    indicator: str,
    kinds: Mapping[str, Kind],
) -> None:
    """A row's totals columns against its months: a total is their sum (counts only: a stock's or a rate's
    year is not a sum), a mean their mean, a median their median.  Rows of several indicators (category
    columns) are checked only where the row holds one."""
    if not lay.totals or len(values) != 1:
        return
    code, months = next(iter(values.items()))
    if not months:
        return
    kind = kinds.get((code or indicator).upper())
    for c, what in lay.totals:
        raw = row[c] if c < len(row) else None
        try:
            written = parse_number(raw)
        except NotANumber:
            problems.append(Problem("cell.number", sheet=sheet, row=n, column=lay.labels.get(c, ""), value=raw))
            continue
        if written is None:
            continue
        if what == "sum":
            if kind is not Kind.COUNT:
                continue
            expected, tolerance = math.fsum(months), 1e-6
        elif what == "mean":
            expected, tolerance = statistics.fmean(months), 0.0051
        else:
            expected, tolerance = statistics.median(months), 0.0051
        if not math.isclose(written, expected, rel_tol=1e-9, abs_tol=tolerance):
            problems.append(
                Problem(
                    f"cell.total_{what}",
                    sheet=sheet,
                    row=n,
                    column=lay.labels.get(c, ""),
                    value=text(raw),
                    expected=f"{round(expected, 4):g}",
                    months=len(months),
                )
            )
