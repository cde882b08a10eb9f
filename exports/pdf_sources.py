"""Whose figure a report shows: the certified figures of a section (a note under its tables) and the
annex of disagreements between sources still open (scorecard.reconciliation)."""

from __future__ import annotations

from typing import Any

from exports.report_model import Section
from scorecard.formatting import number, percent

WORDS = {
    "es": {
        "certified_note": "* Cifra certificada: {items}.",
        "reconciled": "cifra conciliada",
        "annex": "Anexo — discrepancias entre fuentes",
        "annex_intro": (
            "Cifras de fuentes que difieren de la fuente oficial más allá de la tolerancia de la institución, "
            "sin certificar, o con una revisión pendiente desde su certificación."
        ),
        "indicator": "Indicador",
        "unit": "Unidad",
        "sources": "Cifras por fuente",
        "official": "Oficial",
        "certified": "Certificada",
        "state": "Estado",
        "open": "Abierta",
        "pending": "Revisión pendiente",
        "included": "La cifra incluye {n} cifras certificadas de unidades subordinadas.",
    },
    "en": {
        "certified_note": "* Certified figure: {items}.",
        "reconciled": "reconciled figure",
        "annex": "Annex — disagreements between sources",
        "annex_intro": (
            "Figures of sources that differ from the official source beyond the institution's tolerance, not "
            "certified, or with a revision pending since they were certified."
        ),
        "indicator": "Indicator",
        "unit": "Unit",
        "sources": "Figures by source",
        "official": "Official",
        "certified": "Certified",
        "state": "State",
        "open": "Open",
        "pending": "Pending revision",
        "included": "The figure includes {n} certified figures of units below.",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "es"]


def value_text(line: Any, lang: str) -> str:
    """The result as the tables show it: a certified figure carries an asterisk (explained below)."""
    text = number(line.value, lang)
    return f"{text}*" if getattr(line, "certified", False) else text


def certified_note(section: Section, lang: str) -> str | None:
    """One line naming each certified figure of the section: indicator, figure, source, date."""
    w = words(lang)
    items = []
    for o in section.view.objectives:
        for i in o.indicators:
            if i.certified:
                source = i.source or w["reconciled"]
                when = (i.certified_at or "")[:10]
                items.append(f"{i.code} {number(i.value, lang)} ({source}, {when})")
    return w["certified_note"].format(items="; ".join(items)) if items else None


def annex_rows(section: Section, lang: str) -> list[list[str]]:
    """The annex table: a header, then one row per open disagreement."""
    w = words(lang)
    rows = [[w["indicator"], w["unit"], w["sources"], w["official"], w["certified"], w["state"]]]
    for d in section.disagreements:
        figures = ", ".join(f"{k} {number(v, lang)}" for k, v in d["values"].items() if v is not None)
        diffs = [x["pct"] for x in d.get("differences", {}).values() if x.get("pct") is not None]
        if diffs:
            figures += f" (Δ {percent(max(diffs, key=abs) / 100, lang)})"
        state = w["pending"] if d["pending"] else w["open"]
        rows.append(
            [d["indicator"], d["unit"], figures, number(d["official"], lang), number(d["certified"], lang), state]
        )
    return rows
