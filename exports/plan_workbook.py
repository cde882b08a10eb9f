"""The plan workbook written back (spec/imports.md §5), so a plan round-trips through Excel or LibreOffice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.plan_specs import INDICATORS_SHEET, OBJECTIVES_SHEET, PlanSpec

OBJECTIVE_HEADERS = ["codigo", "nombre", "tipo", "padre", "peso", "alineacion"]
INDICATOR_HEADERS = [
    "codigo",
    "nombre",
    "objetivo",
    "polaridad",
    "tipo",
    "frecuencia",
    "unidad_medida",
    "factor",
    "linea_base",
    "anio_linea_base",
    "metodo",
    "banda_min",
    "banda_max",
    "peso",
    "umbral_verde",
    "umbral_amarillo",
    "niveles",
    "fuente",
    "responsable",
    "descripcion",
    "formula",
]
SPANISH = {
    ObjectiveKind.STRATEGIC: "estrategico",
    ObjectiveKind.OPERATIONAL: "operativo",
    Polarity.HIGHER_IS_BETTER: "creciente",
    Polarity.LOWER_IS_BETTER: "decreciente",
    Polarity.IN_BAND: "banda",
    Kind.COUNT: "conteo",
    Kind.STOCK: "stock",
    Kind.AVERAGE: "promedio",
    Kind.RATIO: "razon",
    Frequency.MONTHLY: "mensual",
    Frequency.QUARTERLY: "trimestral",
    Frequency.SEMIANNUAL: "semestral",
    Frequency.ANNUAL: "anual",
    Method.TARGET: "meta",
    Method.BASELINE: "linea_base",
}
README_ROWS = [
    ("Hoja", "Columna", "Qué contiene"),
    ("objetivos", "codigo / nombre", "Código único y nombre del objetivo"),
    ("objetivos", "tipo", "estrategico | operativo (un operativo cuelga de un estratégico)"),
    ("objetivos", "padre", "Código del objetivo estratégico del que cuelga un operativo"),
    ("objetivos", "peso", "Peso dentro del plan (vacío = 1)"),
    ("indicadores", "objetivo", "Código del objetivo al que aporta"),
    ("indicadores", "polaridad", "creciente | decreciente | banda"),
    ("indicadores", "tipo", "conteo | stock | promedio | razon"),
    ("indicadores", "frecuencia", "mensual | trimestral | semestral | anual"),
    ("indicadores", "factor", "Para razones: 100 (porcentaje), 100000 (tasa por 100.000 hab.)"),
    ("indicadores", "metodo", "meta | linea_base (avance desde la línea base hacia la meta)"),
    ("indicadores", "banda_min / banda_max", "Rango aceptable de un indicador de banda"),
    ("indicadores", "umbral_verde / umbral_amarillo", "Umbrales propios (0,90 = 90 %); vacío = los de la institución"),
    ("indicadores", "niveles", "Niveles que lo reportan, separados por ; (p. ej. subcircuito)"),
]


def write_plan(spec: PlanSpec, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    objectives = book.active
    assert objectives is not None
    objectives.title = OBJECTIVES_SHEET
    _table(
        objectives,
        OBJECTIVE_HEADERS,
        [[o.code, o.name, SPANISH[o.kind], o.parent, o.weight, o.alignment] for o in spec.objectives],
    )
    indicators = book.create_sheet(INDICATORS_SHEET)
    _table(
        indicators,
        INDICATOR_HEADERS,
        [
            [
                i.code,
                i.name,
                i.objective,
                SPANISH[i.polarity],
                SPANISH[i.kind],
                SPANISH[i.frequency],
                i.unit_of_measure,
                i.factor,
                i.baseline,
                i.baseline_year,
                SPANISH[i.method],
                i.band_min,
                i.band_max,
                i.weight,
                i.green,
                i.yellow,
                "; ".join(i.levels),
                i.source,
                i.responsible,
                i.description,
                i.formula,
            ]
            for i in spec.indicators
        ],
    )
    notes = book.create_sheet("leeme")
    _table(notes, list(README_ROWS[0]), [list(r) for r in README_ROWS[1:]])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _table(sheet: Any, headers: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Font

    from exports.cells import put_row

    put_row(sheet, 1, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        put_row(sheet, r, row)
    sheet.freeze_panes = "A2"
    for c, header in enumerate(headers, start=1):
        width = max([len(header)] + [len(str(row[c - 1])) for row in rows if row[c - 1] is not None])
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = min(max(10, width + 2), 60)
