"""The reader and the number rules of spec/imports.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.workbook import AmbiguousNumber, NotANumber, parse_number, read_workbook
from scorecard.errors import UserError


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("12,5", 12.5),
        ("1.234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567),
        (" 85 ", 85),
        (3.5, 3.5),
        (7, 7.0),
        ("-2", -2),
    ],
)
def test_numbers_written_as_text(written: object, number: float) -> None:
    assert parse_number(written) == number


@pytest.mark.parametrize("written", [None, "", "s/d", "S/D", "N/A", "ND", "sin dato", "-"])
def test_no_value_is_never_zero(written: object) -> None:
    assert parse_number(written) is None


def test_a_lone_dot_before_three_digits_is_ambiguous_unless_the_mark_is_stated() -> None:
    with pytest.raises(AmbiguousNumber, match=r"1\.234"):
        parse_number("1.234")
    assert parse_number("1.234", decimal_mark=",") == 1234
    assert parse_number("1.234", decimal_mark=".") == 1.234


@pytest.mark.parametrize("written", ["doce", "12a", "1..2,,3x", True])
def test_not_numbers(written: object) -> None:
    with pytest.raises(NotANumber):
        parse_number(written)


def test_a_renamed_text_file_is_refused_before_parsing(tmp_path: Path) -> None:
    fake = tmp_path / "datos.xlsx"
    fake.write_text("codigo,nombre\nPN,Policía\n", encoding="utf-8")
    with pytest.raises(UserError) as exc:
        read_workbook(fake)
    assert exc.value.message_id == "file.refused" and "datos.xlsx" in exc.value.text("es")


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        read_workbook(tmp_path / "nada.xlsx")
    odd = tmp_path / "plan.docx"
    odd.write_bytes(b"PK")
    with pytest.raises(UserError) as exc:
        read_workbook(odd)
    assert exc.value.message_id == "file.format"


CORPUS = Path(__file__).with_name("corpus")


def _readable(path: Path) -> bool:
    """A corpus file the safety checks let through (the refused ones are never read at all)."""
    from importers import safety

    try:
        safety.check(path)
    except UserError:
        return False
    return True


@pytest.mark.parametrize(
    "name", sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm", ".ods") and _readable(p))
)
def test_sheets_are_read_as_calamine_reads_them_from_a1(name: str) -> None:
    """read_book takes rows one at a time (so a GUI thread keeps its turns); they must be exactly what
    calamine's to_python(skip_empty_area=False) gives, leading empty rows and columns included."""
    from python_calamine import CalamineWorkbook

    from importers.workbook import read_book

    book = read_book(CORPUS / name)
    wb = CalamineWorkbook.from_path(str(CORPUS / name))
    for sheet, rows in book.sheets.items():
        assert rows == wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False), sheet


def test_leading_empty_rows_and_columns_keep_their_places(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from importers.workbook import read_book

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["C3"], ws["D5"] = "unidad", 2
    wb.save(tmp_path / "a.xlsx")
    rows = read_book(tmp_path / "a.xlsx").sheets[ws.title]
    assert len(rows) == 5 and rows[2][2] == "unidad" and rows[4][3] == 2 and all(len(r) == 4 for r in rows)
