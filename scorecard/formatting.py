"""Numbers and statuses as people read them: Ecuadorian style in Spanish (1.234,5), English style in English."""

from __future__ import annotations

import math

from scorecard.domain import Status

STATUS_WORDS = {
    "es": {
        "green": "verde",
        "yellow": "amarillo",
        "red": "rojo",
        "no_data": "sin dato",
        "not_due": "no corresponde",
        "no_target": "sin meta",
    },
    "en": {
        "green": "green",
        "yellow": "yellow",
        "red": "red",
        "no_data": "no data",
        "not_due": "not due",
        "no_target": "no target",
    },
}
STATUS_LETTERS = {
    "es": {"green": "V", "yellow": "A", "red": "R", "no_data": "SD", "not_due": "NC", "no_target": "SM"},
    "en": {"green": "G", "yellow": "Y", "red": "R", "no_data": "ND", "not_due": "NA", "no_target": "NT"},
}


def number(value: float | None, lang: str = "es", decimals: int | None = None) -> str:
    """``1.234,5`` in Spanish, ``1,234.5`` in English; a dash for no value.  Whole numbers show no decimals
    unless ``decimals`` asks for them; others show up to two."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if lang == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value: float | None, lang: str = "es", decimals: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return number(value * 100, lang, decimals) + " %"


def status_word(status: Status | str, lang: str = "es") -> str:
    key = status.key if isinstance(status, Status) else status
    return STATUS_WORDS.get(lang, STATUS_WORDS["es"])[key]


def status_letter(status: Status | str, lang: str = "es") -> str:
    key = status.key if isinstance(status, Status) else status
    return STATUS_LETTERS.get(lang, STATUS_LETTERS["es"])[key]


def signed_number(x: float | None, lang: str) -> str:
    """A change with its sign (``+3``, ``−1,5``), ``—`` where there is none."""
    if x is None:
        return "—"
    text = number(abs(x), lang)
    return ("+" if x > 0 else "−" if x < 0 else "") + text


def signed_percent(pct: float | None, lang: str) -> str:
    """A change in percent with its sign (``+12,5 %``), ``—`` where there is none."""
    if pct is None:
        return "—"
    return ("+" if pct > 0 else "−" if pct < 0 else "") + number(abs(pct), lang, 1) + " %"
