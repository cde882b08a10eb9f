"""The workbook's columns of whose figure each is, and its sheet of open disagreements between sources."""

from __future__ import annotations

from typing import Any

from exports.report_model import Section


def source_heads(lang: str) -> list[str]:
    if lang == "en":
        return ["Source", "Certified", "Certified on"]
    return ["Fuente", "Cifra certificada", "Certificada el"]


def source_cells(line: Any, lang: str) -> list[Any]:
    """Source of the figure (the certified one's, «cifra conciliada» for a typed figure), yes/no, date."""
    reconciled = "reconciled figure" if lang == "en" else "cifra conciliada"
    yes, no = ("yes", "no") if lang == "en" else ("sí", "no")
    source = line.source if line.source or not line.certified else reconciled
    return [source, yes if line.certified else no, (line.certified_at or "")[:10] or None]


def annex_heads(lang: str) -> list[str]:
    if lang == "en":
        return [
            "Institution",
            "Unit",
            "Indicator",
            "Source",
            "Figure",
            "Official",
            "Difference",
            "Difference %",
            "Certified",
            "State",
        ]
    return [
        "Institución",
        "Unidad",
        "Indicador",
        "Fuente",
        "Cifra",
        "Oficial",
        "Diferencia",
        "Diferencia %",
        "Certificada",
        "Estado",
    ]


def annex_rows(section: Section, lang: str) -> list[list[Any]]:
    """One row per source that differs, of each open disagreement: figures as numbers, not text."""
    state = {
        True: "Pending revision" if lang == "en" else "Revisión pendiente",
        False: "Open" if lang == "en" else "Abierta",
    }
    rows = []
    for d in section.disagreements:
        for source, diff in d.get("differences", {}).items():
            pct = diff.get("pct")
            rows.append(
                [
                    section.institution_code,
                    d["unit"],
                    d["indicator"],
                    source,
                    d["values"].get(source),
                    d["official"],
                    diff.get("abs"),
                    None if pct is None else pct / 100,
                    d["certified"],
                    state[bool(d["pending"])],
                ]
            )
    return rows
