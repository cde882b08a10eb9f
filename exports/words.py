"""The reports' words in Spanish and English, and the Ecuadorian way of writing dates and periods."""

from __future__ import annotations

import datetime as dt

from scorecard.periods import Period

MONTHS = {
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
SHORT_MONTHS = {
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

WORDS: dict[str, dict[str, str]] = {
    "es": {
        "title": "Reporte de resultados",
        "consolidated_title": "Reporte ejecutivo consolidado",
        "subtitle": "Tablero de Gobierno por Resultados — semáforo de gestión",
        "institution": "Institución",
        "unit": "Unidad",
        "period": "Periodo",
        "issued": "Fecha de emisión",
        "state": "Estado de los datos",
        "approved": "Aprobados",
        "draft": "Borrador (no aprobados)",
        "score": "Puntaje",
        "status": "Semáforo",
        "indicators_of": "{scored} de {total} indicadores",
        "completeness": "Tasa de reporte",
        "timeliness": "Oportunidad",
        "code": "Código",
        "indicator": "Indicador",
        "indicators": "Indicadores",
        "value": "Resultado",
        "target": "Meta",
        "performance": "Cumplimiento",
        "previous_value": "Año anterior",
        "change": "Cambio",
        "change_pct": "Cambio %",
        "objective": "Objetivo",
        "trend": "Tendencia de 12 meses — indicadores clave",
        "trend_value": "resultado",
        "trend_target": "meta",
        "no_series": "Sin cifras en los 12 meses",
        "without_plan": "Sin plan vigente, no incluidas: {codes}.",
        "reds": "Indicadores en rojo: justificación y acción correctiva",
        "no_reds": "Ningún indicador en rojo en este periodo.",
        "cause": "Causa",
        "action": "Acción correctiva",
        "no_justification": "Sin justificación registrada.",
        "more_justifications": "… y {count} justificaciones más en unidades subordinadas.",
        "below": "Unidades subordinadas (ranking)",
        "rank": "N.º",
        "level": "Nivel",
        "counts": "Verde {green} · Amarillo {yellow} · Rojo {red} · Sin dato {no_data} · "
        "No corresponde {not_due} · Sin meta {no_target}",
        "page": "Página {n} de",
        "fingerprint": "Huella de datos (SHA-256)",
        "summary": "Resumen ejecutivo",
        "summary_of": "Comparación de {what}",
        "institutions": "instituciones",
        "units_of": "unidades de nivel «{level}»",
        "sections": "Secciones",
        "signature": "Firma electrónica",
        "signature_hint": "Espacio reservado para la firma electrónica del reporte.",
        "legend": "Semáforo: V verde · A amarillo · R rojo · SD sin dato · NC no corresponde · SM sin meta",
        "ytd": "acumulado",
        "band": "banda",
        "justification_unit": "Unidad / mes",
        "section_of": "Sección",
    },
    "en": {
        "title": "Results report",
        "consolidated_title": "Consolidated executive report",
        "subtitle": "Results-Based Government scorecard — traffic-light report",
        "institution": "Institution",
        "unit": "Unit",
        "period": "Period",
        "issued": "Date of issue",
        "state": "Data state",
        "approved": "Approved",
        "draft": "Draft (not approved)",
        "score": "Score",
        "status": "Status",
        "indicators_of": "{scored} of {total} indicators",
        "completeness": "Completeness",
        "timeliness": "Timeliness",
        "code": "Code",
        "indicator": "Indicator",
        "indicators": "Indicators",
        "value": "Result",
        "target": "Target",
        "performance": "Performance",
        "previous_value": "Last year",
        "change": "Change",
        "change_pct": "Change %",
        "objective": "Objective",
        "trend": "12-month trend — key indicators",
        "trend_value": "result",
        "trend_target": "target",
        "no_series": "No figures in the 12 months",
        "without_plan": "No plan in force, not included: {codes}.",
        "reds": "Red indicators: justification and corrective action",
        "no_reds": "No indicator is red in this period.",
        "cause": "Cause",
        "action": "Corrective action",
        "no_justification": "No justification filed.",
        "more_justifications": "… and {count} more justifications in units below.",
        "below": "Units below (league table)",
        "rank": "No.",
        "level": "Level",
        "counts": "Green {green} · Yellow {yellow} · Red {red} · No data {no_data} · "
        "Not due {not_due} · No target {no_target}",
        "page": "Page {n} of",
        "fingerprint": "Data fingerprint (SHA-256)",
        "summary": "Executive summary",
        "summary_of": "Comparison of {what}",
        "institutions": "institutions",
        "units_of": "units at level '{level}'",
        "sections": "Sections",
        "signature": "Electronic signature",
        "signature_hint": "Space reserved for the report's electronic signature.",
        "legend": "Status: G green · Y yellow · R red · ND no data · NA not due · NT no target",
        "ytd": "year to date",
        "band": "band",
        "justification_unit": "Unit / month",
        "section_of": "Section",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["es"])


def date_text(day: dt.date | dt.datetime, lang: str = "es", *, with_time: bool = False) -> str:
    """``dd/mm/aaaa`` (and ``HH:MM``) in Spanish, ``yyyy-mm-dd`` in English."""
    text = day.strftime("%d/%m/%Y") if lang == "es" else day.strftime("%Y-%m-%d")
    if with_time and isinstance(day, dt.datetime):
        text += day.strftime(" %H:%M")
    return text


def month_text(month: int, lang: str = "es", *, short: bool = False) -> str:
    names = (SHORT_MONTHS if short else MONTHS).get(lang, MONTHS["es"])
    name = names[month % 100 - 1]
    return f"{name} {str(month // 100)[2:]}" if short else f"{name} {month // 100}"


def period_text(period: Period, lang: str = "es", *, ytd: bool = False) -> str:
    """A period as people say it: «octubre 2025», «enero–octubre 2025 (acumulado)», «2025-Q3»."""
    w = words(lang)
    if ytd:
        first = MONTHS.get(lang, MONTHS["es"])[0]
        return f"{first}–{month_text(period.last, lang)} ({w['ytd']})"
    if period.is_month:
        return month_text(period.last, lang)
    return f"{period.code} ({month_text(period.first, lang)} – {month_text(period.last, lang)})"
