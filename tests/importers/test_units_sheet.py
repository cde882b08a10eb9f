"""Unit sheets: xlsx, a hand-made .ods (another writer), Latin-1 CSV with ';'."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from importers.units_sheet import read_units
from scorecard.units import UnitSpec


def test_units_from_xlsx(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "unidades"
    for row in [
        ["Árbol del ECU 911"],
        ["Código", "Nombre", "Nivel", "Padre", "Población", "Año"],
        ["E911", "ECU 911", "nacional", None, None, None],
        ["CZ-QUI", "Centro Zonal Quito", "centro zonal", "E911", 3300000, 2025],
        [None] * 6,
    ]:
        sheet.append(row)
    path = tmp_path / "units.xlsx"
    book.save(path)
    units, problems = read_units(path)
    assert problems == []
    assert units == [
        UnitSpec("E911", "ECU 911", "nacional", None, row=3, sheet="unidades"),
        UnitSpec("CZ-QUI", "Centro Zonal Quito", "centro zonal", "E911", 3_300_000, 2025, row=4, sheet="unidades"),
    ]


def _ods(path: Path, rows: list[list[str]]) -> None:
    """An OpenDocument spreadsheet written by hand, as LibreOffice lays it out (a second writer)."""
    cells = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>' for c in row)
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Units">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)


def test_units_from_an_ods_in_english(tmp_path: Path) -> None:
    path = tmp_path / "units.ods"
    _ods(
        path,
        [
            ["code", "name", "level", "parent", "population", "year"],
            ["DMQ", "Quito", "municipality", "", "", ""],
            ["AZ-CAL", "Calderón", "zonal administration", "DMQ", "220000", "2025"],
        ],
    )
    units, problems = read_units(path)
    assert problems == []
    assert [(u.code, u.parent, u.population, u.year) for u in units] == [
        ("DMQ", None, None, None),
        ("AZ-CAL", "DMQ", 220_000, 2025),
    ]


def test_units_from_a_latin1_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "unidades.csv"
    path.write_bytes("codigo;nombre;nivel;padre\nPN;Policía;nacional;\nZ1;Zona Norte;zona;PN\n".encode("latin-1"))
    units, problems = read_units(path)
    assert problems == []
    assert [(u.code, u.name) for u in units] == [("PN", "Policía"), ("Z1", "Zona Norte")]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["Z1", "Zona", "zona", "PN", "mucha", "2025"], ("cell.number", "poblacion")),
        (["Z1", "Zona", "zona", "PN", '"1500,5"', "2025"], ("cell.integer", "poblacion")),
        (["Z1", "Zona", "zona", "PN", "220.000", "2025"], ("cell.ambiguous", "poblacion")),  # 220 or 220,000?
        (["Z1", "Zona", "zona", "PN", "1500", ""], ("cell.required", "anio")),
        (["Z1", "", "zona", "PN", "", ""], ("cell.required", "nombre")),
    ],
)
def test_bad_cells_are_reported_with_their_row(tmp_path: Path, row: list[str], expected: tuple[str, str]) -> None:
    path = tmp_path / "u.csv"
    path.write_text(
        "codigo,nombre,nivel,padre,poblacion,anio\nPN,Policía,nacional,,,\n" + ",".join(row) + "\n", encoding="utf-8"
    )
    _, problems = read_units(path)
    assert [(p.message_id, p.column, p.row) for p in problems] == [(*expected, 3)]
