"""The files a user would bring, written for the demo: a units sheet and long tables of results and
targets (the plan workbook is exports.plan_workbook's).  Written with openpyxl in write-only mode (the
police's tables are ~70 000 rows each): numbers stay numbers, so the importers read them as a user's
machine-written file, by the fast lane."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scorecard.units import UnitSpec

UNIT_HEADERS = ["codigo", "nombre", "nivel", "padre", "poblacion", "anio"]
RESULT_HEADERS = ["unidad", "indicador", "periodo", "valor", "numerador", "denominador", "casos"]
TARGET_HEADERS = ["unidad", "indicador", "periodo", "meta"]


def _write(path: Path, sheet: str, headers: list[str], rows: Iterable[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(headers)
    for row in rows:
        ws.append(row)
    book.save(path)
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
