"""Messages of reports, signatures and their verification, and of the desktop's entry, backups and saved mappings.

Part of the catalogue that ``scorecard.messages`` assembles; an id lives in one part only (a test checks)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
