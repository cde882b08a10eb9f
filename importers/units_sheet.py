"""A unit tree from a sheet (spec/imports.md §6): codigo, nombre, nivel, padre, optional poblacion and anio."""

from __future__ import annotations

from pathlib import Path

from importers.workbook import (
    Book,
    NotANumber,
    best_header_cells,
    find_header,
    is_empty,
    normalise,
    parse_number,
    read_book,
    read_workbook,
    text,
)
from scorecard.errors import Problem
from scorecard.units import UnitSpec

COLUMNS = {
    "codigo": ["code", "cod", "codigo_unidad", "unit_code"],
    "nombre": ["name", "nombre_unidad"],
    "nivel": ["level"],
    "padre": ["parent", "codigo_padre", "parent_code"],
    "poblacion": ["population"],
    "anio": ["year", "ano"],
}
REQUIRED = ["codigo", "nombre", "nivel", "padre"]


def read_units(path: Path) -> tuple[list[UnitSpec], list[Problem]]:
    """The units of the sheet named ``unidades``/``units`` (else the first sheet), and every problem."""
    sheets = read_workbook(Path(path))
    by_name = {normalise(k): k for k in sheets}
    name = by_name.get("unidades") or by_name.get("units") or next(iter(sheets))
    rows = sheets[name]
    header = find_header(rows, COLUMNS, REQUIRED)
    if header is None:
        found = ", ".join(best_header_cells(rows)) or "—"
        return [], [Problem("column.missing", sheet=name, column=", ".join(REQUIRED), found=found)]
    problems: list[Problem] = []
    units: list[UnitSpec] = []
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        cells = {f: row[c] if c < len(row) else None for f, c in header.columns.items()}
        if all(is_empty(v) for v in cells.values()):
            continue
        n = r + 1
        population: int | None = None
        year: int | None = None
        for field in ("poblacion", "anio"):
            raw = cells.get(field)
            try:
                value = parse_number(raw)
            except NotANumber as exc:
                problems.append(Problem(exc.message_id, sheet=name, row=n, column=field, value=raw))
                continue
            if value is not None and (value != int(value) or value < 0):
                problems.append(Problem("cell.integer", sheet=name, row=n, column=field, value=raw))
                continue
            if field == "poblacion":
                population = None if value is None else int(value)
            else:
                year = None if value is None else int(value)
        if population is not None and year is None:
            problems.append(Problem("cell.required", sheet=name, row=n, column="anio"))
        for field in ("codigo", "nombre", "nivel"):
            if not text(cells.get(field)):
                problems.append(Problem("cell.required", sheet=name, row=n, column=field))
        units.append(
            UnitSpec(
                code=text(cells.get("codigo")),
                name=text(cells.get("nombre")),
                level=text(cells.get("nivel")),
                parent=text(cells.get("padre")) or None,
                population=population,
                year=year,
                row=n,
                sheet=name,
            )
        )
    return units, problems


def identify(source: Path | Book) -> float:
    """0.8 when a sheet has a unit tree's header (codigo, nombre, nivel, padre), else 0."""
    book = source if isinstance(source, Book) else read_book(source)
    return 0.8 if any(find_header(rows, COLUMNS, REQUIRED) for rows in book.sheets.values()) else 0.0
