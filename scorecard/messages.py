"""User-facing messages of the core, in Spanish and English.

The core cannot use Qt's ``tr()``; front ends pass the user's language here.  Every message id exists
in both languages (a test checks it), and parameters are named so translators can reorder them.
"""

from __future__ import annotations

import locale
import os
from typing import Any

from scorecard.catalog import files_and_plans, imports, reports, workflow

LANGS = ("es", "en")

CATALOG: dict[str, dict[str, str]] = {
    # the parts by subject (scorecard/catalog/); the later issues' messages follow here
    **files_and_plans.MESSAGES,
    **imports.MESSAGES,
    **workflow.MESSAGES,
    **reports.MESSAGES,
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
    "desktop.no_x_display": {
        "es": "QT_QPA_PLATFORM=xcb pide una pantalla X11, pero DISPLAY no está definida (esta sesión es Wayland: "
        "WAYLAND_DISPLAY={wayland}). Quite QT_QPA_PLATFORM para abrir la ventana en Wayland, o defina DISPLAY "
        "(XWayland suele ser :0).",
        "en": "QT_QPA_PLATFORM=xcb asks for an X11 screen, but DISPLAY is not set (this is a Wayland session: "
        "WAYLAND_DISPLAY={wayland}). Unset QT_QPA_PLATFORM to open the window on Wayland, or set DISPLAY "
        "(XWayland is usually :0).",
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
