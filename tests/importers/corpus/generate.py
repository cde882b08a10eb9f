# ruff: noqa: E501 - a table of crafted files reads best one file a line
"""Writes the corpus of bad and awkward files that tests/importers/test_corpus.py imports.

Run once (``.venv/bin/python -m tests.importers.corpus.generate``) and commit the files: they are
inputs, not outputs.  Several are written by LibreOffice headless (``soffice``), the way a commander's
LibreOffice writes them; the others by openpyxl or byte by byte where the file must be hostile.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent
HEAD = ["unidad", "indicador", "periodo", "valor"]
GOOD = [["09D08C04", "HOM-01", "2025-03", 6], ["09D08C06", "HOM-01", "2025-03", 2]]


def book(rows: list[list[object]], head: list[str] = HEAD, title: str | None = "Resultados") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "datos"
    if title:
        ws.append([title])
        ws.append([])
    ws.append(head)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    """A copy of the package ``data`` with some members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace or info.filename in drop:
                continue
            dst.writestr(info.filename, src.read(info.filename))
        for name, body in replace.items():
            dst.writestr(name, body)
    return out.getvalue()


def with_sheet(data: bytes, xml: str) -> bytes:
    return rezip(data, {"xl/worksheets/sheet1.xml": xml.encode()})


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def lie_about_sizes(data: bytes, size: int) -> bytes:
    """The central directory claims ``size`` unpacked bytes for every member (a zip bomb's directory)."""
    buf = bytearray(data)
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) >= 0:
        struct.pack_into("<I", buf, pos + 24, size)
        pos += 4
    return bytes(buf)


LATIN1_CSV = "unidad;indicador;período;valor\n09D08C04;HOM-01;marzo 2025;6\n09D08C06;HOM-01;mar-25;2,0\n"
UTF8_CSV = "\ufeffunit,indicator,month,value\n09D08C04,HOM-01,03/2025,6\n09D08C06,HOM-01,2025/03,2\n"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    b"<si><t>&lol9;</t></si></sst>"
)
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
)


def files() -> dict[str, Callable[[], bytes]]:
    good = book(GOOD)
    xml = sheet_xml(good)
    return {
        # --- hostile: refused before being read in full
        "zip_bomb_ratio.xlsx": lambda: rezip(good, {"xl/worksheets/sheet1.xml": xml.encode() + b" " * 60_000_000}),
        "zip_bomb_directory.xlsx": lambda: lie_about_sizes(good, 3_000_000_000),
        "entity_bomb.xlsx": lambda: rezip(good, {"xl/sharedStrings.xml": BILLION_LAUGHS}),
        "external_entity.xlsx": lambda: rezip(good, {"xl/sharedStrings.xml": XXE}),
        "text_renamed.xlsx": lambda: b"unidad,indicador,periodo,valor\n09D08C04,HOM-01,2025-03,6\n",
        "pdf_renamed.xlsx": lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "png_renamed.ods": lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "word_renamed.xlsx": lambda: rezip(good, {"word/document.xml": b"<w/>"}, drop=("xl/workbook.xml",)),
        "truncated.xlsx": lambda: good[: len(good) // 2],
        "binary.csv": lambda: b"unidad,valor\x00\x01\x02\n" + bytes(range(256)),
        "absurd_dimension.xlsx": lambda: with_sheet(good, re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)),
        "far_row.xlsx": lambda: with_sheet(good, xml.replace('<row r="5"', '<row r="2000000"').replace('r="A5"', 'r="A2000000"')),
        "wide_cell.xlsx": lambda: with_sheet(good, xml.replace('r="D5"', 'r="ZZZ5"')),
        "old_excel.xls": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        # --- awkward but readable: errors placed at their cell
        "formula_no_result.xlsx": lambda: book([["09D08C04", "HOM-01", "2025-03", "=2+4"], GOOD[1]]),
        "unknown_codes.xlsx": lambda: book([["09D08C05", "HOM-01", "2025-03", 1], ["09D08C04", "HOM01", "2025-03", 1]]),
        "duplicate_conflict.xlsx": lambda: book([GOOD[0], ["09d08c04 ", "HOM-01", "marzo 2025", 7]]),
        "negative_count.xlsx": lambda: book([["09D08C04", "HOM-01", "2025-03", -3]]),
        "not_due.xlsx": lambda: book([["Z8", "ESC-01", "2025-02", 5]]),
        "wrong_level.xlsx": lambda: book([["09D08", "HOM-01", "2025-03", 5]]),
        "ambiguous_number.xlsx": lambda: book([["09D08C04", "HOM-01", "2025-03", "1.234"]]),
        "percent_in_count.xlsx": lambda: book([["09D08C04", "HOM-01", "2025-03", "50 %"]]),
        "total_mismatch.xlsx": lambda: book([*GOOD, ["TOTAL", "HOM-01", "2025-03", 9]]),
        "not_a_month.xlsx": lambda: book([["09D08C04", "HOM-01", "trece/2025", 1]]),
        "boolean_value.xlsx": lambda: book([["09D08C04", "HOM-01", "2025-03", True]]),
        "no_known_headers.xlsx": lambda: book([["a", "b"]], head=["foo", "bar"]),
        "empty_workbook.xlsx": lambda: book([], head=[], title=None),
        "plan_workbook.xlsx": _plan,
        # --- awkward and fine
        "only_headers.xlsx": lambda: book([]),
        "title_rows_and_totals.xlsx": lambda: book([*GOOD, ["Total general", "", "", 8]], title="MINISTERIO — resultados"),
        "no_value_markers.xlsx": lambda: book([
            ["09D08C04", "HOM-01", "2025-03", "s/d"], ["09D08C06", "HOM-01", "2025-03", "N/A"],
            ["09D01C01", "HOM-01", "2025-03", 0],
        ]),
        "date_cells.xlsx": lambda: book([
            ["09D08C04", "HOM-01", dt.datetime(2025, 3, 1), 6], ["09D08C06", "HOM-01", dt.date(2025, 3, 31), 2],
        ]),
        "macro_named.xlsm": lambda: book(GOOD),
        "latin1_semicolon.csv": lambda: LATIN1_CSV.encode("latin-1"),
        "utf8_bom.csv": lambda: UTF8_CSV.encode("utf-8"),
        "hidden_garbage_sheet.xlsx": _hidden_garbage,
    }  # fmt: skip


def _plan() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "objetivos"
    ws.append(["codigo", "nombre", "tipo", "padre", "peso"])
    wb.create_sheet("indicadores").append(["codigo", "nombre", "objetivo"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _hidden_garbage() -> bytes:
    wb = Workbook()
    junk = wb.active
    assert junk is not None
    junk.title = "tmp"
    junk.append(["no", "data", "here"])
    junk.sheet_state = "hidden"
    ws = wb.create_sheet("datos")
    ws.append(HEAD)
    ws["A1"].font = Font(bold=True)
    for r in GOOD:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# Written by LibreOffice from an openpyxl source: (target name, source rows, format)
LIBREOFFICE = {
    "lo_month_forms.ods": ([["09D08C04", "HOM-01", "Marzo-2025", 6], ["09D08C06", "HOM-01", "mar-25", 2]], "ods"),
    "lo_formula_with_result.xlsx": ([["09D08C04", "HOM-01", "2025-03", "=2+4"], GOOD[1]], "xlsx"),
    "lo_formula_with_result.ods": ([["09D08C04", "HOM-01", "2025-03", "=2+4"], GOOD[1]], "ods"),
    "lo_text_numbers.xlsx": (
        [["09D08", "BRI-01", "2025-03", "1.234,5"], ["09D01", "BRI-01", "2025-03", "12,5"]],
        "xlsx",
    ),
    "lo_negative.ods": ([["09D08C04", "HOM-01", "2025-03", -1]], "ods"),
    "lo_unknown_unit.xlsx": ([["09D08C4", "HOM-01", "2025-03", 1]], "xlsx"),
}


def libreoffice(name: str, rows: list[list[object]], fmt: str, work: Path) -> bytes:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed to write the lo_* files: apt-get install libreoffice-calc-nogui")
    src = work / f"{Path(name).stem}.xlsx"
    src.write_bytes(book(rows))
    out = work / "out"
    filt = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}[fmt]
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to", filt,
         "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return (out / f"{src.stem}.{fmt}").read_bytes()


def main() -> None:
    for name, make in files().items():
        (HERE / name).write_bytes(make())
    with tempfile.TemporaryDirectory() as tmp:
        for name, (rows, fmt) in LIBREOFFICE.items():
            (HERE / name).write_bytes(libreoffice(name, rows, fmt, Path(tmp)))
    print(f"{len(files()) + len(LIBREOFFICE)} files in {HERE}")


if __name__ == "__main__":
    main()
