"""Messages of the workflow, users, access, the audit chain and data safety.

Part of the catalogue that ``scorecard.messages`` assembles; an id lives in one part only (a test checks)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
