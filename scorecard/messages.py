"""User-facing messages of the core, in Spanish and English.

The core cannot use Qt's ``tr()``; front ends pass the user's language here.  Every message id exists
in both languages (a test checks it), and parameters are named so translators can reorder them.
"""

from __future__ import annotations

import locale
import os
from typing import Any

LANGS = ("es", "en")

CATALOG: dict[str, dict[str, str]] = {
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
    # --- workflow, users, audit, data safety (issue 5) ---------------------------------------------------
    "access.read_only": {
        "es": "El usuario {user} es de solo lectura (autoridad): no puede realizar «{action}». No se cambió nada.",
        "en": "User {user} is read-only (executive): cannot do '{action}'. Nothing was changed.",
    },
    "access.role": {
        "es": "El usuario {user} (rol {role}) no puede realizar «{action}». No se cambió nada.",
        "en": "User {user} (role {role}) may not do '{action}'. Nothing was changed.",
    },
    "access.institution": {
        "es": "El usuario {user} actúa solo sobre {own}, no sobre {institution} («{action}»). No se cambió nada.",
        "en": "User {user} acts on {own} only, not on {institution} ('{action}'). Nothing was changed.",
    },
    "access.scope": {
        "es": "El usuario {user} solo puede registrar en {scope} y sus unidades subordinadas; {count} unidades "
        "quedan fuera: {units}. No se cambió nada.",
        "en": "User {user} may only file for {scope} and the units below it; {count} units are outside: "
        "{units}. Nothing was changed.",
    },
    "access.read_institution": {
        "es": "El usuario {user} consulta solo {own}, no {institution}.",
        "en": "User {user} reads {own} only, not {institution}.",
    },
    "period.locked": {
        "es": "{unit} {period} está aprobado y cerrado ({count} celdas afectadas): Planificación debe reabrirlo "
        "con un motivo antes de cambiarlo. No se cambió nada.",
        "en": "{unit} {period} is approved and closed ({count} cells affected): the planning office must reopen "
        "it with a reason before it changes. Nothing was changed.",
    },
    "period.under_review": {
        "es": "{unit} {period} está enviado y en revisión: no puede cambiarse hasta que se devuelva. "
        "No se cambió nada.",
        "en": "{unit} {period} is submitted and under review: it cannot change until it is returned. "
        "Nothing was changed.",
    },
    "conflict.stale": {
        "es": "Otra persona cambió este dato mientras usted lo editaba: vuelva a cargarlo y repita el cambio. "
        "No se cambió nada.",
        "en": "Someone changed this value while you were editing it: reload it and make your change again. "
        "Nothing was changed.",
    },
    "user.unknown": {
        "es": "No existe el usuario «{user}». En una base compartida indique --user NOMBRE y la contraseña en "
        "$SCORECARD_PASSWORD.",
        "en": "There is no user '{user}'. On a shared database give --user NAME and the password in "
        "$SCORECARD_PASSWORD.",
    },
    "user.inactive": {"es": "El usuario «{user}» está desactivado.", "en": "User '{user}' is deactivated."},
    "user.sign_in_required": {
        "es": "En un servidor compartido el usuario «{user}» debe identificarse con su contraseña "
        "(en la línea de comandos: $SCORECARD_PASSWORD).",
        "en": "On a shared server user '{user}' must sign in with a password "
        "(on the command line: $SCORECARD_PASSWORD).",
    },
    "user.bad_credentials": {
        "es": "Usuario o contraseña incorrectos.",
        "en": "Wrong user name or password.",
    },
    "user.locked": {
        "es": "La cuenta «{user}» está bloqueada por intentos fallidos; intente de nuevo en {seconds} s.",
        "en": "Account '{user}' is locked after failed sign-ins; try again in {seconds} s.",
    },
    "user.exists": {"es": "El usuario «{user}» ya existe.", "en": "User '{user}' already exists."},
    "user.name_invalid": {
        "es": "Nombre de usuario «{user}» no válido: use letras, cifras y . _ @ - (hasta 64).",
        "en": "Invalid user name '{user}': use letters, digits and . _ @ - (up to 64).",
    },
    "user.name_server": {
        "es": "«{user}» no sirve como rol de PostgreSQL sin comillas: use minúsculas, cifras y _, empezando por "
        "una letra, hasta 63 (por ejemplo «{suggestion}»).",
        "en": "'{user}' cannot be a PostgreSQL role without quoting: use lower-case letters, digits and _, "
        "starting with a letter, up to 63 (for example '{suggestion}').",
    },
    "audit.chain_intact": {
        "es": "Registro de auditoría íntegro: {entries} entradas encadenadas; último hash {head}.",
        "en": "Audit trail intact: {entries} chained entries; last hash {head}.",
    },
    "audit.chain_altered": {
        "es": "Registro de auditoría ROTO: la entrada {entry} fue modificada (su hash no corresponde a su contenido).",
        "en": "Audit trail BROKEN: entry {entry} was altered (its hash does not match its content).",
    },
    "audit.chain_removed": {
        "es": "Registro de auditoría ROTO: falta al menos una entrada antes de la {entry} (su enlace no corresponde).",
        "en": "Audit trail BROKEN: at least one entry before {entry} was removed (its link does not match).",
    },
    "audit.chain_head": {
        "es": "Registro de auditoría ROTO: faltan entradas después de la {entry} (la cabeza de la cadena no "
        "corresponde a la última).",
        "en": "Audit trail BROKEN: entries after {entry} were removed (the chain's head does not match the last).",
    },
    "server.refused": {
        "es": "El servidor rechazó la operación: {reason}",
        "en": "The server refused the operation: {reason}",
    },
    "user.password_short": {
        "es": "La contraseña de «{user}» debe tener al menos 8 caracteres.",
        "en": "The password of '{user}' must have at least 8 characters.",
    },
    "user.password_env": {
        "es": "La variable de entorno {var} no existe o está vacía.",
        "en": "Environment variable {var} is not set or empty.",
    },
    "user.role_invalid": {
        "es": "Rol «{value}» no válido.{suggest}",
        "en": "Invalid role '{value}'.{suggest}",
    },
    "user.admin_scope": {
        "es": "Un administrador no tiene institución ni ámbito.",
        "en": "An administrator has no institution or scope.",
    },
    "user.institution_required": {
        "es": "El rol {role} necesita --institution.",
        "en": "Role {role} needs --institution.",
    },
    "user.scope_required": {
        "es": "Un jefe de unidad necesita --scope UNIDAD (su unidad y las subordinadas).",
        "en": "A commander needs --scope UNIT (their unit and those below it).",
    },
    "workflow.month_only": {
        "es": "El flujo de revisión es mensual: «{period}» no es un mes (use p. ej. 2025-03).",
        "en": "The review workflow is monthly: '{period}' is not a month (use e.g. 2025-03).",
    },
    "workflow.cannot_submit": {
        "es": "{unit} {period} no puede enviarse: está «{state}».",
        "en": "{unit} {period} cannot be submitted: it is '{state}'.",
    },
    "workflow.cannot_approve": {
        "es": "{unit} {period} no puede aprobarse: está «{state}» (solo se aprueba lo enviado).",
        "en": "{unit} {period} cannot be approved: it is '{state}' (only a submission is approved).",
    },
    "workflow.cannot_return": {
        "es": "{unit} {period} no puede devolverse: está «{state}» (solo se devuelve lo enviado).",
        "en": "{unit} {period} cannot be returned: it is '{state}' (only a submission is returned).",
    },
    "workflow.cannot_reopen": {
        "es": "{unit} {period} no puede reabrirse: está «{state}» (solo se reabre lo aprobado).",
        "en": "{unit} {period} cannot be reopened: it is '{state}' (only an approved month is reopened).",
    },
    "workflow.reason_required": {
        "es": "«{action}» necesita un motivo: escriba por qué (en la línea de órdenes, --reason).",
        "en": "'{action}' needs a reason: say why (on the command line, --reason).",
    },
    "workflow.blocked": {
        "es": "{unit} {period} no puede enviarse: {count} resultados en rojo sin causa o acción correctiva: {items}.",
        "en": "{unit} {period} cannot be submitted: {count} red results lack a cause or corrective action: {items}.",
    },
    "workflow.justification_empty": {
        "es": "La justificación necesita causa y acción correctiva.",
        "en": "A justification needs a cause and a corrective action.",
    },
    "workflow.nothing_filed": {
        "es": "{unit} no tiene resultado de {indicator} en {period} que justificar.",
        "en": "{unit} has no {indicator} result in {period} to justify.",
    },
    "backup.server": {
        "es": "La copia de seguridad y la restauración son para bases SQLite; un servidor PostgreSQL se respalda "
        "con pg_dump.",
        "en": "Backup and restore are for SQLite databases; a PostgreSQL server is backed up with pg_dump.",
    },
    "backup.exists": {
        "es": "{path} ya existe: elija otro nombre.",
        "en": "{path} already exists: choose another name.",
    },
    "restore.not_scorecard": {
        "es": "{path} no es una base de datos de esta aplicación ({reason}); no se restauró nada.",
        "en": "{path} is not a database of this app ({reason}); nothing was restored.",
    },
    "institution.thresholds_closed": {
        "es": (
            "Los umbrales de {institution} no pueden cambiar desde {start}: {period} ya está aprobado y "
            "volvería a calificarse. Fíjelos desde {next} (vigente desde) o reabra los meses."
        ),
        "en": (
            "{institution}'s thresholds cannot change from {start}: {period} is already approved and would be "
            "rescored. Set them from {next} on (effective from) or reopen those months."
        ),
    },
    "institution.deadline_invalid": {
        "es": "Plazo «{value}» no válido: entre 1 y 60 días hábiles.",
        "en": "Invalid deadline '{value}': between 1 and 60 working days.",
    },
    "institution.tolerance_invalid": {
        "es": "Tolerancia no válida ({pct} %, {abs}): el porcentaje va de 0 a 100 y el valor absoluto no es negativo.",
        "en": "Invalid tolerance ({pct} %, {abs}): a percentage from 0 to 100, an absolute value not negative.",
    },
    "grant.server_only": {
        "es": "Los permisos de rol solo existen en PostgreSQL.",
        "en": "Role grants exist on PostgreSQL only.",
    },
    "grant.role_invalid": {
        "es": "Nombre de rol «{role}» no válido (letras, cifras y _).",
        "en": "Invalid role name '{role}' (letters, digits and _).",
    },
    # --- reports, signatures and their verification (exports/, issue 6) ---------------------------------
    "report.no_institutions": {
        "es": "La base no tiene instituciones: no hay nada que reportar.",
        "en": "The database holds no institutions: there is nothing to report.",
    },
    "report.no_plans": {
        "es": "Ninguna institución tiene un plan vigente para el periodo ({institutions}).",
        "en": "No institution has a plan in force for the period ({institutions}).",
    },
    "report.unit_needs_one_institution": {
        "es": "Un consolidado de la unidad {unit} necesita una sola institución (--institution).",
        "en": "A consolidated report of unit {unit} needs exactly one institution (--institution).",
    },
    "report.level_unknown": {
        "es": "Nivel «{value}» desconocido; niveles de la institución: {options}",
        "en": "Unknown level '{value}'; the institution's levels: {options}",
    },
    "report.output": {
        "es": "No se pudo escribir {path}: {reason}",
        "en": "Could not write {path}: {reason}",
    },
    "sign.pin_missing": {
        "es": "La variable de entorno {var} no está definida: debe contener la contraseña del archivo .p12.",
        "en": "Environment variable {var} is not set: it must hold the .p12 file's password.",
    },
    "sign.pin_needed": {
        "es": "Falta la contraseña del .p12: use --pin-env VARIABLE o ejecute el comando en una terminal.",
        "en": "The .p12 password is missing: use --pin-env VARIABLE or run the command in a terminal.",
    },
    "sign.wrong_password": {
        "es": "Contraseña incorrecta para {path}: el certificado no se abrió.",
        "en": "Wrong password for {path}: the certificate was not opened.",
    },
    "sign.p12_unreadable": {
        "es": "{path} no es un archivo PKCS#12 (.p12/.pfx) legible.",
        "en": "{path} is not a readable PKCS#12 (.p12/.pfx) file.",
    },
    "sign.no_key": {
        "es": "{path} no contiene la clave privada del firmante: no sirve para firmar (¿es solo el certificado?).",
        "en": "{path} holds no private key: it cannot sign (is it the certificate alone?).",
    },
    "sign.no_certificate": {
        "es": "{path} no contiene el certificado del firmante.",
        "en": "{path} holds no signer certificate.",
    },
    "sign.expired": {
        "es": "El certificado de {subject} caducó el {date}: no puede firmar. Renueve el certificado.",
        "en": "The certificate of {subject} expired on {date}: it cannot sign. Renew the certificate.",
    },
    "sign.not_yet_valid": {
        "es": "El certificado de {subject} es válido recién desde el {date}.",
        "en": "The certificate of {subject} is valid only from {date}.",
    },
    "sign.tsa_failed": {
        "es": "El servidor de sellado de tiempo {url} no respondió ({reason}); el reporte no se firmó.",
        "en": "The time-stamping server {url} did not answer ({reason}); the report was not signed.",
    },
    "sign.level_bb": {
        "es": "Firma PAdES B-B: sin sello de tiempo (no hay servidor de sellado configurado; use --tsa URL).",
        "en": "PAdES B-B signature: no timestamp (no time-stamping server configured; use --tsa URL).",
    },
    "sign.level_bt": {
        "es": "Firma PAdES B-T con sello de tiempo de {url}.",
        "en": "PAdES B-T signature with a timestamp from {url}.",
    },
    "verify.unsigned": {"es": "{path} no tiene firmas.", "en": "{path} has no signatures."},
    "verify.unreadable": {
        "es": "{path} no se pudo leer como PDF ({reason}).",
        "en": "{path} could not be read as a PDF ({reason}).",
    },
    "verify.bad_trust": {
        "es": "{path} no contiene certificados raíz legibles (PEM o DER).",
        "en": "{path} holds no readable root certificates (PEM or DER).",
    },
    "verify.valid": {
        "es": "Firma VÁLIDA: íntegra, cubre todo el archivo, sin cambios posteriores, firmante de confianza.",
        "en": "Signature VALID: intact, covers the whole file, no later change, trusted signer.",
    },
    "verify.invalid": {"es": "Firma NO VÁLIDA:", "en": "Signature NOT VALID:"},
    "verify.not_intact": {
        "es": "el contenido firmado fue alterado (la firma no corresponde a los bytes del archivo)",
        "en": "the signed content was altered (the signature does not match the file's bytes)",
    },
    "verify.not_whole_file": {
        "es": "la firma no cubre todo el archivo",
        "en": "the signature does not cover the whole file",
    },
    "verify.modified": {
        "es": "el archivo fue modificado después de firmarlo",
        "en": "the file was modified after it was signed",
    },
    "verify.untrusted": {
        "es": "el firmante no se encadena a ninguna de las raíces de confianza indicadas",
        "en": "the signer does not chain to any of the trusted roots given",
    },
    "verify.no_roots": {
        "es": "no se indicó una raíz de confianza (--trust CA.pem): no se puede confiar en el firmante",
        "en": "no trusted root was given (--trust CA.pem): the signer cannot be trusted",
    },
    "verify.timestamp_bad": {
        "es": "el sello de tiempo no es válido",
        "en": "the timestamp is not valid",
    },
    # --- desktop app: monthly data entry and backups (issue 4) ---
    "entry.justification": {
        "es": "{indicator} de {unit} queda en rojo: escriba la causa y la acción correctiva",
        "en": "{indicator} of {unit} is red: write the cause and the corrective action",
    },
    "backup.failed": {
        "es": "No se pudo copiar la base de datos a {path}: {reason}",
        "en": "Could not copy the database to {path}: {reason}",
    },
    "backup.restore_invalid": {
        "es": "{path} no es una copia de seguridad de esta aplicación ({reason}); no se restauró nada.",
        "en": "{path} is not a backup of this app ({reason}); nothing was restored.",
    },
    "backup.sqlite_only": {
        "es": "La copia de seguridad desde la aplicación es para bases SQLite locales; {url} es un servidor.",
        "en": "Backups from the app are for local SQLite databases; {url} is a server.",
    },
    # --- desktop app: import wizard's saved mappings (issue 4, gui2) ---
    "import.mapping_name_missing": {
        "es": "Escriba un nombre para guardar el mapeo.",
        "en": "Type a name to save the mapping.",
    },
    "import.mapping_kind_taken": {
        "es": "El nombre «{name}» ya lo usa un mapeo de tipo {kind}; elija otro.",
        "en": "The name '{name}' is already used by a mapping of kind {kind}; choose another.",
    },
    # --- the planning office's year (issue 14): frozen targets, re-programming, thresholds from a period
    "reprogram.reason": {
        "es": "Una reprogramación necesita un motivo (queda en la auditoría).",
        "en": "A re-programming needs a reason (it is kept in the audit).",
    },
    "reprogram.figure": {
        "es": "Indique la meta anual (--annual) o la mensual (--monthly), una de las dos.",
        "en": "Give the annual target (--annual) or the monthly one (--monthly), one of the two.",
    },
    "reprogram.negative": {
        "es": "La meta «{value}» no puede ser negativa.",
        "en": "The target '{value}' cannot be negative.",
    },
    "reprogram.month": {
        "es": "Una reprogramación empieza en un mes («{value}» no lo es): p. ej. 2025-07.",
        "en": "A re-programming starts in a month ('{value}' is not one): e.g. 2025-07.",
    },
    "reprogram.start_frozen": {
        "es": "{period} está aprobado para {unit}: la reprogramación empieza en un mes abierto.",
        "en": "{period} is approved for {unit}: a re-programming starts in an open month.",
    },
    "reprogram.below_kept": {
        "es": (
            "La meta anual {annual} es menor que lo que ya suman los meses anteriores a {period} ({kept}): "
            "esos meses conservan sus metas."
        ),
        "en": (
            "The annual target {annual} is below what the months before {period} already add up to ({kept}): "
            "those months keep their targets."
        ),
    },
    "derive.reason": {
        "es": "Las metas derivadas necesitan un motivo (queda en la auditoría).",
        "en": "Derived targets need a reason (it is kept in the audit).",
    },
    "derive.profile": {
        "es": "Perfil «{value}» desconocido: use {options}.",
        "en": "Unknown profile '{value}': use {options}.",
    },
    "derive.years": {
        "es": "Años de referencia «{value}» no válidos: entre 1 y 50.",
        "en": "Invalid number of reference years '{value}': between 1 and 50.",
    },
    "derive.year_order": {
        "es": "El año de las metas ({year}) debe ser posterior al año de referencia ({start}).",
        "en": "The targets' year ({year}) must come after the reference year ({start}).",
    },
    "derive.change": {
        "es": "Un cambio de {value} % dejaría metas negativas: debe ser mayor que −100 %.",
        "en": "A change of {value} % would leave negative targets: it must be above −100 %.",
    },
    "wide.no_header": {
        "es": "ninguna hoja tiene los meses en columnas (hojas: {found})",
        "en": "no sheet has the months across its columns (sheets: {found})",
    },
    "wide.unit_missing": {
        "es": "la hoja no tiene columna de unidad: indique la unidad de la que trata (--unit, o en el asistente)",
        "en": "the sheet has no unit column: say which unit it is about (--unit, or in the wizard)",
    },
    "wide.indicator_missing": {
        "es": (
            "la hoja no tiene columna de indicador: indique el indicador del que trata (--indicator, o en el asistente)"
        ),
        "en": "the sheet has no indicator column: say which indicator it is about (--indicator, or in the wizard)",
    },
    "wide.year_missing": {
        "es": (
            "los meses no dicen el año y no hay columna de año (año, anio, year): agréguela o escriba los meses "
            "como 2025-01"
        ),
        "en": (
            "the months do not say the year and there is no year column (año, anio, year): add one or head the "
            "months like 2025-01"
        ),
    },
    "wide.mapping_needed": {
        "es": (
            "las columnas de meses llevan categorías ({categories}): indique un mapeo guardado (--mapping NOMBRE)"
            " que diga qué indicador recibe cada una"
        ),
        "en": (
            "the month columns carry categories ({categories}): give a saved mapping (--mapping NAME) saying "
            "which indicator each one feeds"
        ),
    },
    "wide.category_unmapped": {
        "es": "la categoría «{value}» no está en el mapeo «{mapping}» (tiene: {known})",
        "en": "category '{value}' is not in mapping '{mapping}' (it has: {known})",
    },
    "cell.year": {
        "es": "«{value}» no es un año (escriba 2025)",
        "en": "'{value}' is not a year (write 2025)",
    },
    "cell.total_sum": {
        "es": "el total dice {value} pero los {months} meses de la fila suman {expected}",
        "en": "the total says {value} but the row's {months} months add up to {expected}",
    },
    "cell.total_mean": {
        "es": "el promedio dice {value} pero el de los {months} meses de la fila es {expected}",
        "en": "the average says {value} but the mean of the row's {months} months is {expected}",
    },
    "cell.total_median": {
        "es": "la mediana dice {value} pero la de los {months} meses de la fila es {expected}",
        "en": "the median says {value} but the median of the row's {months} months is {expected}",
    },
    "mapping.file_invalid": {
        "es": "El archivo no es un mapeo exportado por esta aplicación ({reason}); no se guardó nada.",
        "en": "The file is not a mapping exported by this app ({reason}); nothing was saved.",
    },
    "target.frozen": {
        "es": (
            "la meta de {indicator} de {unit} para {period} está congelada: el mes está aprobado "
            "(reprograme desde un mes abierto, o pida reabrir el mes)"
        ),
        "en": (
            "the target of {indicator} for {unit} in {period} is frozen: the month is approved "
            "(re-program from an open month, or have the month reopened)"
        ),
    },
    # --- one figure, one truth (issue 15): sources, editions, certified figures
    "source.unknown": {
        "es": "La fuente «{value}» no está declarada en {institution}.{suggest}",
        "en": "Source '{value}' is not declared in {institution}.{suggest}",
    },
    "source.code": {
        "es": "El código de fuente «{value}» no vale: letras, cifras, «.», «_» o «-», hasta 32 (y no OFICIAL).",
        "en": "Source code '{value}' is not valid: letters, digits, '.', '_' or '-', up to 32 (and not OFICIAL).",
    },
    "source.name": {
        "es": "La fuente «{value}» necesita un nombre.",
        "en": "Source '{value}' needs a name.",
    },
    "source.official_locked": {
        "es": "{indicator} tiene meses aprobados: su fuente oficial no cambia (reabra esos meses primero).",
        "en": "{indicator} has approved months: its official source does not change (reopen those months first).",
    },
    "certify.what": {
        "es": "Certifique la cifra de una fuente (--source) o una cifra conciliada (--value), una de las dos.",
        "en": "Certify one source's figure (--source) or a reconciled figure (--value), one of the two.",
    },
    "certify.reason": {
        "es": "Una certificación necesita un motivo (queda en la auditoría).",
        "en": "A certification needs a reason (it is kept in the audit).",
    },
    "certify.month": {
        "es": "Se certifica la cifra de un mes («{period}» no lo es): p. ej. 2025-09.",
        "en": "A month's figure is certified ('{period}' is not a month): e.g. 2025-09.",
    },
    "certify.value": {
        "es": "La cifra certificada «{value}» debe ser un número no negativo.",
        "en": "The certified figure '{value}' must be a non-negative number.",
    },
    "certify.no_figure": {
        "es": "La fuente {source} no tiene cifra de {indicator} para {unit} en {period}: no hay qué certificar.",
        "en": "Source {source} has no {indicator} figure for {unit} in {period}: there is nothing to certify.",
    },
    "certify.ratio_denominator": {
        "es": (
            "{indicator} es una razón: una cifra conciliada conserva el denominador oficial, y {unit} no lo tiene "
            "ese mes. Certifique la cifra de una fuente."
        ),
        "en": (
            "{indicator} is a ratio: a reconciled figure keeps the official denominator, which {unit} lacks that "
            "month. Certify one source's figure."
        ),
    },
    "reconcile.level": {
        "es": "No hay unidades del nivel «{value}» aquí.{suggest}",
        "en": "There are no units of level '{value}' here.{suggest}",
    },
    "events.no_register": {
        "es": "La fuente {source} no tiene ediciones de registro con eventos en {institution}.{suggest}",
        "en": "Source {source} has no register edition with events in {institution}.{suggest}",
    },
    "events.two": {
        "es": "Se comparan dos registros: dos fuentes, o una con dos ediciones ({value}).",
        "en": "Two registers are compared: two sources, or one with two editions ({value}).",
    },
    # --- signal or chance (issue 16): funnel plots
    "funnel.benchmark": {
        "es": "El punto de referencia «{value}» no existe: overall (la tasa de todas las unidades) o target (la meta).",
        "en": "Benchmark '{value}' does not exist: overall (all units' rate) or target (the target).",
    },
    "funnel.kind": {
        "es": "{indicator} es de tipo {kind}: el embudo compara conteos y razones de conteos.",
        "en": "{indicator} is of kind {kind}: the funnel compares counts and ratios of counts.",
    },
    "funnel.no_units": {
        "es": "{unit} no tiene unidades subordinadas que comparar: elija otra unidad o un nivel.",
        "en": "{unit} has no units below it to compare: choose another unit or a level.",
    },
    "funnel.no_target": {
        "es": "{unit} no tiene meta (o población) de {indicator} en el periodo: use el punto de referencia overall.",
        "en": "{unit} has no {indicator} target (or population) in the period: use the overall benchmark.",
    },
    "institution.alpha_invalid": {
        "es": "El nivel de significación {value} no vale: entre 0,0001 y 0,5 (lo usual, 0,05).",
        "en": "Significance level {value} is not valid: between 0.0001 and 0.5 (usually 0.05).",
    },
    # --- the desktop before Qt starts (issue 17): ui.platform_check
    "desktop.missing_libraries": {
        "es": "No se puede abrir la ventana: Qt no logra cargar su plataforma «{platform}» porque faltan "
        "bibliotecas del sistema (o no se pueden leer): {libraries}.\n(El cargador dice: {loader})\n"
        "Instale las que necesita la aplicación (Debian/Ubuntu) y vuelva a iniciarla:\n\n    {command}\n",
        "en": "Cannot open the window: Qt cannot load its '{platform}' platform because system libraries are "
        "missing (or unreadable): {libraries}.\n(The loader says: {loader})\n"
        "Install the ones the app needs (Debian/Ubuntu) and start it again:\n\n    {command}\n",
    },
    "desktop.no_screen": {
        "es": "No hay pantalla: ni DISPLAY ni WAYLAND_DISPLAY están definidas (¿una sesión SSH o un servidor?). "
        "Inicie la aplicación desde el escritorio o con ssh -X; sin pantalla, use la plataforma offscreen "
        "(QT_QPA_PLATFORM=offscreen scorecard-gui --demo --screenshot tablero.png) o un servidor X virtual "
        "(xvfb-run scorecard-gui --demo).",
        "en": "There is no screen: neither DISPLAY nor WAYLAND_DISPLAY is set (an SSH session or a server?). "
        "Start the app from the desktop or with ssh -X; without a screen, use the offscreen platform "
        "(QT_QPA_PLATFORM=offscreen scorecard-gui --demo --screenshot scorecard.png) or a virtual X server "
        "(xvfb-run scorecard-gui --demo).",
    },
}


def default_lang() -> str:
    """The user's language from the environment, Spanish unless it says English."""
    for var in ("SCORECARD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "es"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "en" if loc.lower().startswith("en") else "es"


def translate(message_id: str, lang: str = "es", **params: Any) -> str:
    entry = CATALOG.get(message_id)
    if entry is None:
        return message_id + (f" {params}" if params else "")
    template = entry.get(lang) or entry["es"]
    if "candidates" in params and "suggest" not in params:
        wanted = str(params.get("code", params.get("value", "")))
        params = {**params, "suggest": suggestion(wanted, list(params["candidates"]), lang)}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def suggestion(wanted: str, known: list[str], lang: str = "es", n: int = 3) -> str:
    """' Did you mean: A, B?' with the nearest known codes, or an empty string."""
    import difflib

    by_upper = {k.upper(): k for k in known}
    close = difflib.get_close_matches(wanted.strip().upper(), list(by_upper), n=n, cutoff=0.5)
    if not close:
        if not 0 < len(known) <= 10:
            return ""
        close = sorted(by_upper)  # few enough to name them all

    return translate("suggest", lang, options=", ".join(by_upper[c] for c in close))
