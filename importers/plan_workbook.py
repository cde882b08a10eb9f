"""The plan workbook (spec/imports.md §5): sheets ``objetivos`` and ``indicadores`` → a PlanSpec.

Spanish or English headers and values, case- and accent-insensitive.  Every problem carries the sheet,
the spreadsheet row (1-based), the column and the value as written; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from importers.workbook import (
    Book,
    NotANumber,
    Rows,
    best_header_cells,
    find_header,
    is_empty,
    normalise,
    parse_number,
    read_book,
    read_workbook,
    text,
)
from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.errors import Problem
from scorecard.plan_specs import INDICATORS_SHEET, OBJECTIVES_SHEET, IndicatorSpec, ObjectiveSpec, PlanSpec

E = TypeVar("E", bound=Enum)

OBJECTIVE_COLUMNS = {
    "codigo": ["code", "cod"],
    "nombre": ["name"],
    "tipo": ["type", "kind"],
    "padre": ["parent"],
    "peso": ["weight"],
    "alineacion": ["alignment", "alineacion_pnd"],
}
INDICATOR_COLUMNS = {
    "codigo": ["code", "cod"],
    "nombre": ["name"],
    "objetivo": ["objective"],
    "polaridad": ["polarity"],
    "tipo": ["type", "kind"],
    "frecuencia": ["frequency"],
    "unidad_medida": ["unit_of_measure", "unidad"],
    "factor": [],
    "linea_base": ["baseline"],
    "anio_linea_base": ["baseline_year", "ano_linea_base"],
    "metodo": ["method"],
    "banda_min": ["band_min"],
    "banda_max": ["band_max"],
    "peso": ["weight"],
    "umbral_verde": ["green_threshold", "green"],
    "umbral_amarillo": ["yellow_threshold", "yellow"],
    "niveles": ["levels", "nivel"],
    "fuente": ["source"],
    "responsable": ["responsible"],
    "descripcion": ["description"],
    "formula": ["formula_de_calculo"],
}
SHEET_NAMES = {OBJECTIVES_SHEET: ["objectives"], INDICATORS_SHEET: ["indicators"]}

# values as planners write them → the domain's
OBJECTIVE_KINDS = {
    "estrategico": ObjectiveKind.STRATEGIC,
    "strategic": ObjectiveKind.STRATEGIC,
    "operativo": ObjectiveKind.OPERATIONAL,
    "operational": ObjectiveKind.OPERATIONAL,
}
POLARITIES = {
    "creciente": Polarity.HIGHER_IS_BETTER,
    "higher_is_better": Polarity.HIGHER_IS_BETTER,
    "decreciente": Polarity.LOWER_IS_BETTER,
    "lower_is_better": Polarity.LOWER_IS_BETTER,
    "banda": Polarity.IN_BAND,
    "in_band": Polarity.IN_BAND,
}
KINDS = {
    "conteo": Kind.COUNT,
    "count": Kind.COUNT,
    "stock": Kind.STOCK,
    "promedio": Kind.AVERAGE,
    "average": Kind.AVERAGE,
    "razon": Kind.RATIO,
    "ratio": Kind.RATIO,
}
FREQUENCIES = {
    "mensual": Frequency.MONTHLY,
    "monthly": Frequency.MONTHLY,
    "trimestral": Frequency.QUARTERLY,
    "quarterly": Frequency.QUARTERLY,
    "semestral": Frequency.SEMIANNUAL,
    "semiannual": Frequency.SEMIANNUAL,
    "anual": Frequency.ANNUAL,
    "annual": Frequency.ANNUAL,
}
METHODS = {"meta": Method.TARGET, "target": Method.TARGET, "linea_base": Method.BASELINE, "baseline": Method.BASELINE}


class _Sheet:
    """Reads one sheet's rows, collecting problems instead of stopping at the first."""

    def __init__(
        self, name: str, rows: Rows, columns: dict[str, list[str]], required: list[str], problems: list[Problem]
    ) -> None:
        self.name, self.rows, self.problems = name, rows, problems
        header = find_header(rows, columns, required)
        self.ok = header is not None
        self.columns = header.columns if header else {}
        self.start = header.row + 1 if header else len(rows)
        if header is None:
            found = ", ".join(best_header_cells(rows)) or "—"
            missing = [c for c in required if c not in self._partial(rows, columns)]
            for column in missing or required:
                problems.append(Problem("column.missing", sheet=name, row=None, column=column, found=found))

    @staticmethod
    def _partial(rows: Rows, columns: dict[str, list[str]]) -> set[str]:
        names = {f: {normalise(a) for a in [f, *alts]} for f, alts in columns.items()}
        best: set[str] = set()
        for row in rows[:20]:
            cells = {normalise(c) for c in row if c is not None}
            hit = {f for f, n in names.items() if cells & n}
            best = hit if len(hit) > len(best) else best
        return best

    def records(self) -> list[tuple[int, dict[str, Any]]]:
        """(spreadsheet row number, field → raw cell) for every non-empty row under the header."""
        out = []
        for r in range(self.start, len(self.rows)):
            row = self.rows[r]
            cells = {f: row[c] if c < len(row) else None for f, c in self.columns.items()}
            if all(is_empty(v) for v in cells.values()):
                continue
            out.append((r + 1, cells))
        return out

    def text(self, n: int, cells: dict[str, Any], field: str, *, required: bool = False) -> str:
        value = text(cells.get(field))
        if required and not value:
            self.problems.append(Problem("cell.required", sheet=self.name, row=n, column=field))
        return value

    def choice(self, n: int, cells: dict[str, Any], field: str, options: dict[str, E], default: E | None) -> E | None:
        raw = cells.get(field)
        if is_empty(raw):
            if default is None:
                self.problems.append(Problem("cell.required", sheet=self.name, row=n, column=field))
            return default
        value = options.get(normalise(raw))
        if value is None:
            shown = ", ".join(k for k in options if "_" not in k or k.startswith(("linea", "higher", "lower", "in_")))
            self.problems.append(Problem("cell.choice", sheet=self.name, row=n, column=field, value=raw, options=shown))
        return value

    def number(
        self,
        n: int,
        cells: dict[str, Any],
        field: str,
        default: float | None = None,
        convert: Callable[[float, Any], float] | None = None,
    ) -> float | None:
        raw = cells.get(field)
        try:
            value = parse_number(raw.replace("%", "") if isinstance(raw, str) and convert else raw)
        except NotANumber as exc:
            self.problems.append(Problem(exc.message_id, sheet=self.name, row=n, column=field, value=raw))
            return default
        if value is None:
            return default
        return convert(value, raw) if convert else value


def _threshold(value: float, raw: Any) -> float:
    """0.9, 90 and '90 %' all mean 0.90."""
    return value / 100 if value > 1 or (isinstance(raw, str) and "%" in raw) else value


def read_plan(path: Path) -> tuple[PlanSpec, list[Problem]]:
    """The plan in the workbook at ``path`` and every problem found (an empty list: it can be loaded)."""
    sheets = read_workbook(Path(path))
    by_name = {normalise(k): k for k in sheets}
    problems: list[Problem] = []
    found: dict[str, Rows] = {}
    for sheet, alternatives in SHEET_NAMES.items():
        key = next((by_name[n] for n in [sheet, *alternatives] if n in by_name), None)
        if key is None:
            problems.append(Problem("plan.sheet_missing", sheet=sheet, value=sheet, found=", ".join(sheets)))
        else:
            found[sheet] = sheets[key]
    if problems:
        return PlanSpec((), ()), problems

    obj = _Sheet(OBJECTIVES_SHEET, found[OBJECTIVES_SHEET], OBJECTIVE_COLUMNS, ["codigo", "nombre", "tipo"], problems)
    objectives = []
    for n, cells in obj.records():
        objectives.append(
            ObjectiveSpec(
                code=obj.text(n, cells, "codigo", required=True),
                name=obj.text(n, cells, "nombre", required=True),
                kind=obj.choice(n, cells, "tipo", OBJECTIVE_KINDS, None) or ObjectiveKind.STRATEGIC,
                parent=obj.text(n, cells, "padre") or None,
                weight=obj.number(n, cells, "peso", 1.0) or 0.0,
                alignment=obj.text(n, cells, "alineacion") or None,
                row=n,
            )
        )

    ind = _Sheet(
        INDICATORS_SHEET,
        found[INDICATORS_SHEET],
        INDICATOR_COLUMNS,
        ["codigo", "nombre", "objetivo", "polaridad", "tipo"],
        problems,
    )
    indicators = []
    for n, cells in ind.records():
        year = ind.number(n, cells, "anio_linea_base")
        levels = tuple(x.strip() for x in ind.text(n, cells, "niveles").replace(",", ";").split(";") if x.strip())
        indicators.append(
            IndicatorSpec(
                code=ind.text(n, cells, "codigo", required=True),
                name=ind.text(n, cells, "nombre", required=True),
                objective=ind.text(n, cells, "objetivo", required=True),
                polarity=ind.choice(n, cells, "polaridad", POLARITIES, None) or Polarity.HIGHER_IS_BETTER,
                kind=ind.choice(n, cells, "tipo", KINDS, None) or Kind.COUNT,
                frequency=ind.choice(n, cells, "frecuencia", FREQUENCIES, Frequency.MONTHLY) or Frequency.MONTHLY,
                unit_of_measure=ind.text(n, cells, "unidad_medida") or None,
                factor=ind.number(n, cells, "factor", 1.0) or 0.0,
                baseline=ind.number(n, cells, "linea_base"),
                baseline_year=int(year) if year is not None else None,
                method=ind.choice(n, cells, "metodo", METHODS, Method.TARGET) or Method.TARGET,
                band_min=ind.number(n, cells, "banda_min"),
                band_max=ind.number(n, cells, "banda_max"),
                weight=ind.number(n, cells, "peso", 1.0) or 0.0,
                green=ind.number(n, cells, "umbral_verde", convert=_threshold),
                yellow=ind.number(n, cells, "umbral_amarillo", convert=_threshold),
                levels=levels,
                source=ind.text(n, cells, "fuente") or None,
                responsible=ind.text(n, cells, "responsable") or None,
                description=ind.text(n, cells, "descripcion") or None,
                formula=ind.text(n, cells, "formula") or None,
                row=n,
            )
        )
    return PlanSpec(tuple(objectives), tuple(indicators)), problems


def identify(source: Path | Book) -> float:
    """0.95 for a workbook with the plan's two sheets (Spanish or English names), else 0."""
    book = source if isinstance(source, Book) else read_book(source)
    names = {normalise(n) for n in book.sheets}
    return 0.95 if {"objetivos", "indicadores"} <= names or {"objectives", "indicators"} <= names else 0.0
