"""Messages of the model's checks: files, cells, units, plans, values, the database, data-quality flags.

Part of the catalogue that ``scorecard.messages`` assembles; an id lives in one part only (a test checks)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # data-quality flags of an import (importers.quality): never errors, a second look
    "quality.improbable_high": {
        "es": "{observed} con un esperado de {expected} (P < 0,001)",
        "en": "{observed} against an expected {expected} (P < 0.001)",
    },
    "quality.improbable_low": {
        "es": "{observed} con un esperado de {expected} (P < 0,001)",
        "en": "{observed} against an expected {expected} (P < 0.001)",
    },
    "quality.zero_after_run": {
        "es": "0 tras seis meses seguidos con datos, con media de {mean}",
        "en": "0 after six filed months in a row averaging {mean}",
    },
    "quality.share_over_one": {
        "es": "el numerador {numerator} supera al denominador {denominator} en un porcentaje",
        "en": "numerator {numerator} exceeds denominator {denominator} in a percentage",
    },
    "quality.unstable_rate": {
        "es": "{events} eventos esperados al año (menos de 10): tasa inestable",
        "en": "{events} expected events a year (fewer than 10): unstable rate",
    },
    "where": {
        "es": "hoja «{sheet}», fila {row}, columna «{column}»",
        "en": "sheet '{sheet}', row {row}, column '{column}'",
    },
    "validation.failed": {
        "es": "Se encontraron {count} problemas; no se escribió nada.",
        "en": "{count} problems found; nothing was written.",
    },
    "validation.more": {"es": "… y {count} más", "en": "… and {count} more"},
    "period.invalid": {
        "es": "Periodo «{value}» no válido: use 2025-03 (mes), 2025-Q1 (trimestre), 2025-H1 (semestre) o 2025 (año).",
        "en": "Invalid period '{value}': use 2025-03 (month), 2025-Q1 (quarter), 2025-H1 (half) or 2025 (year).",
    },
    "thresholds.invalid": {
        "es": "Umbrales no válidos: verde {green} debe ser ≥ amarillo {yellow} ≥ 0.",
        "en": "Invalid thresholds: green {green} must be ≥ yellow {yellow} ≥ 0.",
    },
    "db.upgrade_without_pg_dump": {
        "es": "Esta versión de la aplicación necesita actualizar el esquema del servidor y antes lo respalda con "
        "pg_dump, que no está instalado aquí (apt-get install postgresql-client). El esquema no se modificó.",
        "en": "This version of the app must upgrade the server's schema and backs it up first with pg_dump, which "
        "is not installed here (apt-get install postgresql-client). The schema was not changed.",
    },
    "db.upgrade_backup_failed": {
        "es": "No se pudo respaldar el esquema antes de actualizarlo (pg_dump: {reason}). El esquema no se modificó.",
        "en": "The schema could not be backed up before its upgrade (pg_dump: {reason}). The schema was not changed.",
    },
    "db.newer": {
        "es": "La base de datos fue creada por una versión más nueva de la aplicación (esquema {revision}; "
        "esta versión conoce hasta {head}). Actualice la aplicación; la base no se modificó.",
        "en": "The database was written by a newer version of the app (schema {revision}; this version knows "
        "up to {head}). Update the app; the database was not changed.",
    },
    "db.foreign": {
        "es": "{url} contiene tablas que no son de esta aplicación; no se modificó.",
        "en": "{url} holds tables that are not this app's; it was not changed.",
    },
    "db.not_initialised": {
        "es": "La base de datos {url} no está inicializada: ejecute «scorecard init».",
        "en": "The database {url} is not initialised: run 'scorecard init'.",
    },
    "db.unreachable": {
        "es": "No se pudo abrir la base de datos {url}: {reason}",
        "en": "Could not open the database {url}: {reason}",
    },
    "institution.missing": {
        "es": "El archivo no dice de qué institución son sus cifras (una plantilla lo dice; una tabla o un registro, "
        "no): indíquela (en la línea de órdenes, --institution).",
        "en": "The file does not say which institution its figures belong to (a template does; a table or a "
        "register does not): name it (on the command line, --institution).",
    },
    "institution.unknown": {
        "es": "Institución «{code}» desconocida.{suggest}",
        "en": "Unknown institution '{code}'.{suggest}",
    },
    "unit.unknown": {
        "es": "Unidad «{code}» desconocida en {institution}.{suggest}",
        "en": "Unknown unit '{code}' in {institution}.{suggest}",
    },
    "indicator.unknown": {
        "es": "Indicador «{code}» desconocido en {institution}.{suggest}",
        "en": "Unknown indicator '{code}' in {institution}.{suggest}",
    },
    "suggest": {"es": " ¿Quiso decir: {options}?", "en": " Did you mean: {options}?"},
    "plan.none": {
        "es": "{institution} no tiene un plan vigente para {year}.",
        "en": "{institution} has no plan in force for {year}.",
    },
    "file.missing": {"es": "No existe el archivo {path}.", "en": "File {path} does not exist."},
    "file.format": {
        "es": "{path}: formato no admitido ({reason}). Use .xlsx, .xlsm, .ods o .csv.",
        "en": "{path}: unsupported format ({reason}). Use .xlsx, .xlsm, .ods or .csv.",
    },
    "file.unreadable": {
        "es": "{path}: no se pudo leer como hoja de cálculo ({reason}).",
        "en": "{path}: could not be read as a spreadsheet ({reason}).",
    },
    "sheet.missing": {
        "es": "{path}: falta la hoja «{sheet}».",
        "en": "{path}: sheet '{sheet}' is missing.",
    },
    "column.missing": {
        "es": "falta la columna «{column}» (encabezados encontrados: {found})",
        "en": "column '{column}' is missing (headers found: {found})",
    },
    "cell.required": {"es": "valor obligatorio vacío", "en": "required value is empty"},
    "cell.number": {"es": "«{value}» no es un número", "en": "'{value}' is not a number"},
    "cell.ambiguous": {
        "es": "«{value}» es ambiguo: ¿un punto de miles o un decimal? Escriba el número sin separador de miles "
        "o indique la marca decimal de la importación",
        "en": "'{value}' is ambiguous: a thousands separator or a decimal point? Write the number without "
        "thousands separators or state the import's decimal mark",
    },
    "cell.integer": {"es": "«{value}» no es un número entero", "en": "'{value}' is not a whole number"},
    "cell.negative": {"es": "«{value}» no puede ser negativo", "en": "'{value}' cannot be negative"},
    "cell.choice": {
        "es": "«{value}» no es válido; use uno de: {options}",
        "en": "'{value}' is not valid; use one of: {options}",
    },
    "unit.duplicate": {"es": "código de unidad «{value}» repetido", "en": "unit code '{value}' repeated"},
    "unit.parent_missing": {
        "es": "la unidad padre «{value}» no existe ni en el archivo ni en la base",
        "en": "parent unit '{value}' is neither in the file nor in the database",
    },
    "unit.cycle": {
        "es": "ciclo en el árbol de unidades: {value}",
        "en": "cycle in the unit tree: {value}",
    },
    "unit.second_root": {
        "es": "la unidad «{value}» no tiene padre, pero la institución ya tiene raíz «{root}»",
        "en": "unit '{value}' has no parent, but the institution already has root '{root}'",
    },
    "plan.duplicate": {"es": "código «{value}» repetido", "en": "code '{value}' repeated"},
    "plan.objective_unknown": {
        "es": "el objetivo «{value}» no está en la hoja de objetivos",
        "en": "objective '{value}' is not in the objectives sheet",
    },
    "plan.parent_not_strategic": {
        "es": "el objetivo operativo debe colgar de un objetivo estratégico; «{value}» no lo es",
        "en": "an operational objective must hang from a strategic one; '{value}' is not",
    },
    "plan.strategic_with_parent": {
        "es": "un objetivo estratégico no tiene padre (se indicó «{value}»)",
        "en": "a strategic objective has no parent ('{value}' was given)",
    },
    "plan.operational_without_parent": {
        "es": "el objetivo operativo necesita un padre estratégico",
        "en": "an operational objective needs a strategic parent",
    },
    "plan.ratio_factor": {
        "es": "un indicador de razón necesita factor > 0 (p. ej. 100 o 100000); se indicó «{value}»",
        "en": "a ratio indicator needs a factor > 0 (e.g. 100 or 100000); '{value}' was given",
    },
    "plan.band": {
        "es": "un indicador de banda necesita banda_min ≤ banda_max; se indicó «{value}»",
        "en": "an in-band indicator needs band_min ≤ band_max; '{value}' was given",
    },
    "plan.baseline": {
        "es": "el método linea_base necesita una línea base",
        "en": "the baseline method needs a baseline value",
    },
    "plan.level_unknown": {
        "es": "nivel «{value}» desconocido; niveles de la institución: {options}",
        "en": "unknown level '{value}'; the institution's levels: {options}",
    },
    "plan.thresholds": {
        "es": "umbrales no válidos: verde {green} debe ser ≥ amarillo {yellow} ≥ 0",
        "en": "invalid thresholds: green {green} must be ≥ yellow {yellow} ≥ 0",
    },
    "value.ratio_parts": {
        "es": "un indicador de razón necesita numerador y denominador",
        "en": "a ratio indicator needs a numerator and a denominator",
    },
    "value.denominator": {
        "es": "denominador «{value}» no válido: debe ser mayor que 0",
        "en": "invalid denominator '{value}': it must be greater than 0",
    },
    "value.not_due": {
        "es": "{indicator} no corresponde en {period} (frecuencia {frequency})",
        "en": "{indicator} is not due in {period} (frequency {frequency})",
    },
    "value.level": {
        "es": "{indicator} no lo reporta el nivel «{level}» de la unidad {unit} (lo reportan: {levels})",
        "en": "{indicator} is not reported at level '{level}' of unit {unit} (reported by: {levels})",
    },
    "plan.sheet_missing": {
        "es": "falta la hoja «{value}» (hojas del libro: {found})",
        "en": "sheet '{value}' is missing (sheets in the workbook: {found})",
    },
    "cell.date": {"es": "«{value}» no es una fecha", "en": "'{value}' is not a date"},
    "import.mapping_unknown": {
        "es": "Mapeo «{value}» desconocido.{suggest}",
        "en": "Unknown mapping '{value}'.{suggest}",
    },
    "import.empty": {"es": "{path} no tiene eventos que importar.", "en": "{path} has no events to import."},
    "import.register_kind": {
        "es": "Un registro de eventos alimenta indicadores de conteo; {indicator} es de tipo {kind}.",
        "en": "An event register feeds count indicators; {indicator} is of kind {kind}.",
    },
    "import.kind_unsupported": {
        "es": "La importación de tipo «{value}» aún no está disponible; use --kind register.",
        "en": "Importing kind '{value}' is not available yet; use --kind register.",
    },
    "unit.unknown_in_register": {
        "es": "{count} códigos de unidad del registro no existen en el árbol: {value} (use --add-missing-units "
        "para crearlos desde las columnas de jerarquía del registro)",
        "en": "{count} unit codes of the register are not in the tree: {value} (use --add-missing-units to "
        "create them from the register's hierarchy columns)",
    },
    "unit.register_hierarchy": {
        "es": "jerarquía inconsistente en el registro: {value}",
        "en": "inconsistent hierarchy in the register: {value}",
    },
}
