"""Hostile files are refused before a parser reads them in full (spec/imports.md, Limits).

A spreadsheet package is a zip: its directory states every member's unpacked size, so a zip bomb is
refused without inflating anything.  XML is parsed here only with defusedxml, and any part that
declares a DTD is refused before calamine sees it (entity bombs live in DTDs).  Worksheets are streamed
once, in chunks, to find cell references beyond the limits (calamine would allocate the whole
rectangle up to the farthest cell) and formulas without a stored result (the import never evaluates
formulas, and an empty cached value must not pass for 'no value').
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET

from scorecard.errors import Problem, UserError

MAX_FILE_BYTES = 200 * 1024**2
MAX_UNPACKED_BYTES = 1024**3
MAX_RATIO = 400  # unpacked / packed of one member; real sheets stay far below
MAX_MEMBERS = 5_000
MAX_ROWS = 1_048_576  # what Excel itself can hold
MAX_COLUMNS = 702  # A…ZZ: far more than any import needs
MAX_CELLS = 25_000_000  # rows × columns calamine would allocate
CHUNK = 1 << 20

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_FAR_ROW = re.compile(rb'<(?:row|c)\b[^>]*?\br="[A-Z]*(\d{7,})"')  # a row number of 7 digits or more
_WIDE_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{3,})\d+"')
_NO_RESULT = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_SUSPECT = re.compile(rb'r="(?:[A-Z]{3}|[A-Z]{0,2}\d{7})')  # cheap first look: a 3-letter column or 7-digit row
_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?"')


@dataclass
class Package:
    """What the checks learnt: sheet names by state, and per-sheet problems a reader must report."""

    kind: str  # xlsx | ods | csv
    hidden_sheets: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


class Refused(UserError):
    """A file refused before it was read in full; the reason is worded here, in both languages."""

    def __init__(self, path: Path, reason_es: str, reason_en: str) -> None:
        self.reasons = {"es": reason_es, "en": reason_en}
        super().__init__("file.refused", path=path.name, reason=reason_en)

    def text(self, lang: str = "es") -> str:
        from scorecard.messages import translate

        return translate(
            "file.refused", lang, path=self.params["path"], reason=self.reasons.get(lang, self.reasons["es"])
        )


def _refuse(path: Path, reason_es: str, reason_en: str) -> UserError:
    return Refused(path, reason_es, reason_en)


def _column_number(letters: str | bytes) -> int:
    if isinstance(letters, bytes):
        letters = letters.decode()
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def check(path: Path) -> Package:
    """Refuse ``path`` if it is not what its name says or would exceed a limit; else what was learnt."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path, f"pesa {size:,} bytes (límite {MAX_FILE_BYTES:,})", f"is {size:,} bytes (limit {MAX_FILE_BYTES:,})"
        )
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8192)
    if suffix == ".csv":
        if b"\x00" in head or head.startswith(b"PK\x03\x04"):
            raise _refuse(path, "no es un texto CSV", "is not CSV text")
        return Package("csv")
    if not head.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(path):
        raise _refuse(path, "no es un libro de cálculo (no es un paquete zip)", "is not a workbook (not a zip package)")
    try:
        with zipfile.ZipFile(path) as z:
            return _check_zip(path, z, suffix)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
        raise _refuse(path, f"paquete dañado ({exc})", f"damaged package ({exc})") from exc


def _check_zip(path: Path, z: zipfile.ZipFile, suffix: str) -> Package:
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"contiene {len(infos):,} partes", f"holds {len(infos):,} parts")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise _refuse(
            path,
            f"se descomprime a {total:,} bytes (límite {MAX_UNPACKED_BYTES:,})",
            f"unpacks to {total:,} bytes (limit {MAX_UNPACKED_BYTES:,})",
        )
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise _refuse(
                path,
                f"«{i.filename}» se comprime {i.file_size // max(i.compress_size, 1)}:1 (bomba zip)",
                f"'{i.filename}' is compressed {i.file_size // max(i.compress_size, 1)}:1 (zip bomb)",
            )
    names = {i.filename for i in infos}
    for name in names:
        if name.endswith((".xml", ".rels")) and _declares_dtd(z, name):
            raise _refuse(path, f"«{name}» declara un DTD (posible bomba de entidades XML)",
                          f"'{name}' declares a DTD (possible XML entity bomb)")  # fmt: skip
    if suffix == ".ods":
        if "content.xml" not in names or z.read("mimetype")[:46] != b"application/vnd.oasis.opendocument.spreadsheet":
            raise _refuse(path, "no es una hoja OpenDocument", "is not an OpenDocument spreadsheet")
        return Package("ods")
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _refuse(
            path, "no es un libro de Excel (falta xl/workbook.xml)", "is not an Excel workbook (no xl/workbook.xml)"
        )
    package = Package("xlsx")
    for sheet, part, hidden in _sheets(z):
        if hidden:
            package.hidden_sheets.add(sheet)
        if part in names:
            _scan_sheet(path, z, part, sheet, package)
    return package


def _declares_dtd(z: zipfile.ZipFile, name: str) -> bool:
    with z.open(name) as fh:
        head = fh.read(4096)
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()


def _sheets(z: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """(name, zip part, hidden) of every worksheet, from workbook.xml and its relationships."""
    book = SafeET.fromstring(z.read("xl/workbook.xml"), forbid_dtd=True)
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in z.namelist():
        for rel in SafeET.fromstring(z.read(rels_name), forbid_dtd=True).iter(f"{_NS_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id", "")] = part
    out = []
    for s in book.iter(f"{_NS_MAIN}sheet"):
        part = targets.get(s.get(f"{_NS_REL}id", ""), "")
        out.append((s.get("name", ""), part, s.get("state", "visible") != "visible"))
    return out


def _scan_sheet(path: Path, z: zipfile.ZipFile, part: str, sheet: str, package: Package) -> None:
    """One streamed pass: the dimension tag, rows past the limit, over-wide cells, formulas without result.
    Only references that could break a limit are looked at (7-digit rows, 3-letter columns): a fast scan."""
    max_row = 0
    tail = b""
    first = True
    with z.open(part) as fh:
        while chunk := fh.read(CHUNK):
            data = tail + chunk
            if first:
                first = False
                if m := _DIMENSION.search(data):
                    rows = int(m.group(4) or m.group(2) or 0)
                    cols = _column_number(m.group(3) or m.group(1) or b"A")
                    _limit(path, sheet, rows, cols)
            if _SUSPECT.search(data):  # rare: only then the exact references
                for m in _FAR_ROW.finditer(data):  # rows below a million are always within the limit
                    max_row = max(max_row, int(m.group(1)))
                if m := _WIDE_CELL.search(data):
                    _limit(path, sheet, max_row, _column_number(m.group(1)))
            if b"<f" in data:
                for m in _NO_RESULT.finditer(data):
                    if m.end() <= len(tail):
                        continue  # found with the previous chunk
                    ref = m.group(1).decode()
                    letters = ref.rstrip("0123456789")
                    package.problems.append(
                        Problem("cell.formula_no_result", sheet=sheet, row=int(ref[len(letters) :]), column=letters)
                    )
            _limit(path, sheet, max_row, 1)
            tail = data[-4096:]


def _limit(path: Path, sheet: str, rows: int, cols: int) -> None:
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        raise _refuse(
            path,
            f"la hoja «{sheet}» declara {rows:,} filas × {cols:,} columnas (límites {MAX_ROWS:,} × {MAX_COLUMNS})",
            f"sheet '{sheet}' spans {rows:,} rows × {cols:,} columns (limits {MAX_ROWS:,} × {MAX_COLUMNS})",
        )
