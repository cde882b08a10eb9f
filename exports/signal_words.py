"""The signal of a figure against its target (statistics.md §1) in the reports: a short word beside the
status in the PDF, and three columns at the end of the workbook's indicators sheet."""

from __future__ import annotations

from typing import Any

SIGNAL_WORDS = {
    "es": {"worse": "peor", "chance": "azar", "better": "mejor"},
    "en": {"worse": "worse", "chance": "chance", "better": "better"},
}


def signal_word(signal: str | None, lang: str) -> str:
    """«azar», «peor», «mejor» (chance, worse, better); empty where no signal applies."""
    if signal is None:
        return ""
    return SIGNAL_WORDS["en" if lang == "en" else "es"].get(signal, "")


def status_with_signal(status_text: str, line: Any, lang: str) -> str:
    """The PDF's status cell with the signal's word after it: «R · Rojo · azar»."""
    word = signal_word(getattr(line, "signal", None), lang)
    return f"{status_text} · {word}" if word else status_text


def status_head(head: str, lines: Any, lang: str) -> str:
    """The status column's head, «Semáforo · señal» where a line of the table carries a signal."""
    if not any(getattr(line, "signal", None) for line in lines):
        return head
    return f"{head} · {'signal' if lang == 'en' else 'señal'}"


def signal_heads(lang: str) -> list[str]:
    if lang == "en":
        return ["Signal", "P worse", "P better"]
    return ["Señal", "P peor", "P mejor"]


def signal_cells(line: Any, lang: str) -> list[Any]:
    """The signal's word and its two probabilities (numbers, shown as percentages)."""
    return [signal_word(line.signal, lang) or None, line.p_worse, line.p_better]
