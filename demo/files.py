"""The files a user would bring, written for the demo: a units sheet and long tables of results and targets
(the plan workbook is exports.plan_workbook's).

Written by a small xlsx writer of its own rather than openpyxl: openpyxl stores a number with 16
significant digits ("%.16g"), which does not give every double back (a target of 1/12 of a year's 2
homicides, a denominator of 17 210 / 12 person-years), while Excel stores as many as it takes and the
demo's figures must stay exactly what they are.  Numbers are number cells, so the importers read these
files as a machine-written user's file, by their fast lane; and a 70 000-row table is written in a
fraction of openpyxl's time.
"""

from __future__ import annotations

import datetime as dt
import functools
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from scorecard.units import UnitSpec

UNIT_HEADERS = ["codigo", "nombre", "nivel", "padre", "poblacion", "anio"]
RESULT_HEADERS = ["unidad", "indicador", "periodo", "valor", "numerador", "denominador", "casos"]
TARGET_HEADERS = ["unidad", "indicador", "periodo", "meta"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


@functools.cache
def _text(v: str) -> str:  # codes and months repeat on every row
    return f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>'


def _row(row: list[Any]) -> str:
    cells = []
    for v in row:  # ~700 000 cells for the police: the common cases first, by class
        cls = v.__class__
        if cls is float or cls is int:
            cells.append(f"<c><v>{v!r}</v></c>")  # repr: the shortest text that gives the double back
        elif v is None:
            cells.append("<c/>")
        elif cls is str:
            cells.append(_text(v))
        else:
            raise TypeError(f"{v!r} in a demo file")
    return f"<row>{''.join(cells)}</row>"


def _write(path: Path, sheet: str, headers: list[str], rows: Iterable[list[Any]]) -> Path:
    """One sheet of ``headers`` and ``rows`` (None: an empty cell) as an .xlsx file."""
    body = "".join(map(_row, [headers, *rows]))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, xml in _PARTS.items():
            z.writestr(name, xml)
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
            f"<sheetData>{body}</sheetData></worksheet>",
        )
    return path


def _period(month: int) -> str:
    return f"{month // 100}-{month % 100:02d}"


def units_sheet(path: Path, units: list[UnitSpec]) -> Path:
    return _write(
        path, "unidades", UNIT_HEADERS, ([u.code, u.name, u.level, u.parent, u.population, u.year] for u in units)
    )


def results_table(path: Path, results: Iterable[tuple[str, str, int, dict[str, float], dt.datetime]]) -> Path:
    return _write(
        path,
        "resultados",
        RESULT_HEADERS,
        (
            [u, code, _period(m), v.get("value"), v.get("numerator"), v.get("denominator"), v.get("observations")]
            for code, u, m, v, _at in results
        ),
    )


def targets_table(path: Path, targets: Iterable[tuple[str, str, int, float]]) -> Path:
    return _write(path, "metas", TARGET_HEADERS, ([u, code, _period(m), t] for code, u, m, t in targets))
