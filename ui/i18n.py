"""The UI's words: Spanish source strings with their English translation.

A small table today so the app is complete in both languages; the desktop issue moves these to Qt's
.ts/.qm files (``tr()``), keeping the Spanish source strings as they are.
"""

from __future__ import annotations

ENGLISH = {
    "Tablero GPR": "GPR Scorecard",
    "Institución": "Institution",
    "Buscar unidad…": "Search unit…",
    "Periodo": "Period",
    "Acumulado (año a la fecha)": "Year to date",
    "Código": "Code",
    "Nombre": "Name",
    "Resultado": "Result",
    "Meta": "Target",
    "Cumplimiento": "Performance",
    "Semáforo": "Status",
    "Unidad": "Unit",
    "Puntaje": "Score",
    "Tasa de reporte": "Completeness",
    "Oportunidad": "Timeliness",
    "Unidades subordinadas": "Units below",
    "Nº": "No.",
    "Archivo": "File",
    "Salir": "Quit",
    "Ver": "View",
    "Idioma": "Language",
    "Ayuda": "Help",
    "Acerca de": "About",
    "{scored} de {total} indicadores": "{scored} of {total} indicators",
    "Unidades": "Units",
    "Cargando la demostración…": "Loading the demo…",
    "No se pudo abrir la base de datos": "Could not open the database",
    "Tablero de Gobierno por Resultados para la seguridad ciudadana.": "Results-based management scorecard "
    "for public security.",
    "Objetivo": "Objective",
}


class Words:
    """``words("Meta")`` in the current language."""

    def __init__(self, lang: str = "es") -> None:
        self.lang = lang

    def __call__(self, text: str, **params: object) -> str:
        out = ENGLISH.get(text, text) if self.lang == "en" else text
        return out.format(**params) if params else out
