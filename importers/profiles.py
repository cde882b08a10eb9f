"""Monthly profiles for distributing an annual target (spec/imports.md §4): a name, or 12 weights.

``uniforme`` splits evenly.  The named profiles are seasonal shapes planning offices ask for; a cell may
also give its own 12 weights separated by ``;`` (e.g. ``1;1;1;1;1;1;1;1;1;1;1;2``).
"""

from __future__ import annotations

from importers.workbook import NotANumber, normalise, parse_number

PROFILES: dict[str, tuple[float, ...]] = {
    "uniforme": (1,) * 12,
    "uniform": (1,) * 12,
    "fin_de_anio": (1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.4, 1.6),  # December festivities weigh more
    "feriados": (1, 1.3, 1, 1.1, 1, 1, 1, 1.1, 1, 1, 1.1, 1.4),  # carnival, Easter, August, year end
    "vacaciones_sierra": (1, 1, 1, 1, 1, 1, 1.2, 1.3, 1, 1, 1, 1),
    "vacaciones_costa": (1.1, 1.3, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1),
}


def profile_weights(name: str) -> tuple[float, ...] | None:
    """The 12 weights a distribution cell names, or None if it names none."""
    key = normalise(name)
    if key in PROFILES:
        return PROFILES[key]
    parts = [p for p in name.replace(" ", "").split(";") if p]
    if len(parts) != 12:
        return None
    try:
        weights = tuple(parse_number(p, decimal_mark=".") for p in parts)
    except NotANumber:
        return None
    if any(w is None or w < 0 for w in weights) or not sum(w or 0 for w in weights):
        return None
    return tuple(float(w or 0) for w in weights)
