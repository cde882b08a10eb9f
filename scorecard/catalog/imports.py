"""Messages of the importers: long tables, templates, hostile files, the demo's load.

Part of the catalogue that ``scorecard.messages`` assembles; an id lives in one part only (a test checks)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- importers: long tables, templates, hostile files (issue 3) ---
    "file.refused": {
        "es": "Se rechazó {path} sin leerlo entero: {reason}.",
        "en": "{path} was refused without reading it in full: {reason}.",
    },
    "cell.formula_no_result": {
        "es": "la fórmula no tiene resultado guardado (abra y guarde el archivo en Excel o LibreOffice, "
        "o escriba el valor)",
        "en": "the formula has no stored result (open and save the file in Excel or LibreOffice, or type the value)",
    },
    "cell.month": {
        "es": "«{value}» no es un mes (escriba 2025-03, 03/2025, marzo 2025 o mar-25)",
        "en": "'{value}' is not a month (write 2025-03, 03/2025, marzo 2025 or mar-25)",
    },
    "cell.percent": {
        "es": "«{value}»: un porcentaje solo vale en una columna de razón expresada en %",
        "en": "'{value}': a percentage is only valid in a column of a ratio expressed in %",
    },
    "cell.unit_unknown": {
        "es": "unidad «{value}» desconocida en {institution}.{suggest}",
        "en": "unknown unit '{value}' in {institution}.{suggest}",
    },
    "cell.indicator_unknown": {
        "es": "indicador «{value}» desconocido en {institution}.{suggest}",
        "en": "unknown indicator '{value}' in {institution}.{suggest}",
    },
    "cell.duplicate": {
        "es": "{unit} · {indicator} · {period} aparece también en la fila {other} con otro valor",
        "en": "{unit} · {indicator} · {period} also appears in row {other} with a different value",
    },
    "cell.no_value": {
        "es": "sin dato («{value}»): no se registra nada (nunca se toma como 0)",
        "en": "no value ('{value}'): nothing is filed (never taken as 0)",
    },
    "cell.total_mismatch": {
        "es": "la fila de totales dice {value} pero las filas de arriba suman {sum}",
        "en": "the totals row says {value} but the rows above add up to {sum}",
    },
    "cell.annual_only_targets": {
        "es": "«{value}» es un año: solo las metas pueden darse por año",
        "en": "'{value}' is a year: only targets can be given for a whole year",
    },
    "cell.profile_unknown": {
        "es": "distribución «{value}» desconocida.{suggest}",
        "en": "unknown distribution '{value}'.{suggest}",
    },
    "import.kind_unknown": {
        "es": "No se reconoce {path} como plantilla, tabla larga, registro, plan ni hoja de unidades "
        "(encabezados encontrados: {found}); indique --kind.",
        "en": "{path} is not recognised as a template, long table, register, plan or unit sheet "
        "(headers found: {found}); pass --kind.",
    },
    "import.wrong_kind": {
        "es": "{path} es un archivo de tipo «{value}»: use el comando que le corresponde ({command}).",
        "en": "{path} is a '{value}' file: use its own command ({command}).",
    },
    "import.template_other": {
        "es": "La plantilla fue hecha para {value}, no para {institution}.",
        "en": "The template was made for {value}, not for {institution}.",
    },
    "import.cancelled": {
        "es": "Importación cancelada: no se guardó ningún cambio.",
        "en": "Import cancelled: no change was saved.",
    },
    "template.nothing": {
        "es": "Ninguna unidad bajo {unit} reporta indicadores en {period}.",
        "en": "No unit under {unit} reports any indicator in {period}.",
    },
    "demo.exists": {
        "es": "La base ya tiene la institución {institution}: la demostración no se cargó otra vez.",
        "en": "The database already holds institution {institution}: the demo was not loaded again.",
    },
    "demo.register": {
        "es": "El registro de demostración es inconsistente: {issues}",
        "en": "The demo register is inconsistent: {issues}",
    },
}
