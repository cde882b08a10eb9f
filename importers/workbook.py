"""Reading spreadsheets: .xlsx/.xlsm/.ods through python-calamine, .csv in UTF-8 or Latin-1 with `,` or `;`.

Only what every importer needs: the sheets as rows of cell values, a header finder that tolerates title
rows, Spanish or English names, case and accents, and the number rules of spec/imports.md.  The file is
checked to be what its name says before it is handed to a parser.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.errors import Problem, UserError, ValidationFailed

if TYPE_CHECKING:
    from importers.prescan import Prescan

Cell = object
Rows = list[list[Cell]]

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
NO_VALUE = {"", "s/d", "sd", "n/a", "na", "nd", "sin dato", "sin datos", "-", "—"}


@dataclass
class Book:
    """A read file: its sheets as rows, which are hidden, and cells the safety pass found unusable."""

    path: Path
    sheets: dict[str, Rows]
    hidden: set[str] = dataclasses.field(default_factory=set)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def read_workbook(path: Path) -> dict[str, Rows]:
    """Sheet name → rows (lists of cell values: str, float, int, bool, date or None); a formula without a
    stored result anywhere is refused."""
    book = read_book(path)
    if book.problems:
        raise ValidationFailed(book.problems)
    return book.sheets


def read_book(path: Path, sheets: Sequence[str] | None = None, prescan: Prescan | None = None) -> Book:
    """The file checked by :mod:`importers.safety` then read (only ``sheets`` when given); the check is the
    ``prescan``'s when it has made it (:mod:`importers.prescan`)."""
    from importers import safety

    path = Path(path)
    if not path.is_file():
        raise UserError("file.missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES and suffix != ".csv":
        raise UserError("file.format", path=str(path), reason=suffix or "sin extensión")
    package = (prescan.package(path) if prescan is not None else None) or safety.check(path)
    if suffix == ".csv":
        return Book(path, {path.stem: _read_csv(path)})
    from python_calamine import CalamineWorkbook

    from scorecard.collector import no_cycle_collection

    try:
        with no_cycle_collection():  # a national sheet is a million row lists: rescanning them took 2 s of 6
            wb = CalamineWorkbook.from_path(str(path))
            names = [n for n in wb.sheet_names if sheets is None or n in sheets]
            read: dict[str, Rows] = {n: _rows(wb.get_sheet_by_name(n)) for n in names}
    except Exception as exc:  # calamine raises several kinds for a damaged file
        raise UserError("file.unreadable", path=str(path), reason=str(exc)[:200]) from exc
    hidden = package.hidden_sheets | {
        m.name for m in wb.sheets_metadata if str(m.visible) != "SheetVisibleEnum.Visible"
    }
    return Book(path, read, hidden, package.problems)


def _rows(sheet: Any) -> Rows:
    """A sheet's rows from A1 (as ``to_python(skip_empty_area=False)`` gives them), a row at a time in a
    Python loop: one ``to_python`` call on a national sheet holds the GIL ~0.6 s, freezing the GUI
    thread while the import runs on its worker; here the interpreter hands the GIL over between rows."""
    start = sheet.start
    pad: list[Cell] = [""] * start[1] if start else []  # iter_rows starts at the first used column
    out: Rows = []
    append = out.append
    for row in sheet.iter_rows():
        append(pad + row if pad else row)
    return out


def release(book: Book) -> None:
    """Drop the book's rows a slice at a time: a national sheet's million row lists freed in one go hold
    the GIL for ~0.3 s, a stall of any GUI thread waiting meanwhile."""
    for rows in book.sheets.values():
        while rows:
            del rows[-20_000:]
    book.sheets.clear()


def _read_csv(path: Path) -> Rows:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def normalise(text: object) -> str:
    """Lower case, no accents, single underscores: 'Código Unidad' → 'codigo_unidad'."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().strip().lower()
    return re.sub(r"[\s\-./]+", "_", plain)


@dataclass(frozen=True)
class Header:
    """Where the header row is (0-based) and which column each wanted field is in."""

    row: int
    columns: dict[str, int]
    found: tuple[str, ...]  # every header as written, for messages
    labels: dict[int, str] = dataclasses.field(default_factory=dict)  # column index → its header as written


def find_header(
    rows: Rows, aliases: Mapping[str, Iterable[str]], required: Sequence[str], scan: int = 20
) -> Header | None:
    """The first row among the top ``scan`` that names every required field; None if there is none."""
    wanted = {field: {normalise(a) for a in names} | {normalise(field)} for field, names in aliases.items()}
    for r, row in enumerate(rows[:scan]):
        cells = [normalise(c) if c is not None else "" for c in row]
        columns: dict[str, int] = {}
        for field, names in wanted.items():
            for c, cell in enumerate(cells):
                if cell in names:
                    columns[field] = c
                    break
        if all(f in columns for f in required):
            labels = {c: str(v).strip() for c, v in enumerate(row) if v not in (None, "")}
            return Header(r, columns, tuple(str(c) for c in row if c not in (None, "")), labels)
    return None


def best_header_cells(rows: Rows, scan: int = 20) -> tuple[str, ...]:
    """The non-empty cells of the most populated top row: what a user sees as 'the headers found'."""
    top = max(rows[:scan], key=lambda r: sum(1 for c in r if c not in (None, "")), default=[])
    return tuple(str(c) for c in top if c not in (None, ""))


def is_empty(value: Cell) -> bool:
    """No value: an empty cell or one of the markers people write for it (never read as 0)."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().strip().lower()
    return plain in NO_VALUE or " ".join(plain.split()) in NO_VALUE


def text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class NotANumber(ValueError):
    """A cell that should hold a number does not."""

    message_id = "cell.number"


class AmbiguousNumber(NotANumber):
    """'1.234': a thousand and more, or one and a bit?  Only the file's author knows."""

    message_id = "cell.ambiguous"


def parse_number(value: Cell, *, decimal_mark: str | None = None) -> float | None:
    """A number cell as it is; text by the rule of spec/imports.md; None for 'no value' (never 0).

    Where both '.' and ',' appear the last one is the decimal mark; a lone ',' is decimal; a lone '.'
    followed by exactly three digits is ambiguous unless the decimal mark is stated.
    """
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, int | float):
        return float(value)
    if is_empty(value):
        return None
    s = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*", s):
        raise NotANumber(str(value))
    if decimal_mark == ",":
        s = s.replace(".", "").replace(",", ".")
    elif decimal_mark == ".":
        s = s.replace(",", "")
    elif "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        if s.count(",") > 1:
            s = s.replace(",", "")  # 1,234,567: thousands only
        else:
            s = s.replace(",", ".")
    elif s.count(".") == 1 and re.fullmatch(r"[-+]?\d{1,3}\.\d{3}", s):
        raise AmbiguousNumber(str(value))
    elif s.count(".") > 1:
        s = s.replace(".", "")  # 1.234.567: thousands only
    try:
        return float(s)
    except ValueError as exc:
        raise NotANumber(str(value)) from exc
