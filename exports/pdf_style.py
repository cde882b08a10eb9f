"""Fonts, colours and paper of the PDF reports.  The bundled DejaVu fonts carry every accented letter
(á é í ó ú ü ñ Á É Í Ó Ú Ñ ¿ ¡ and the symbols), so nothing depends on the fonts of the machine."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from scorecard.domain import Status

FONT = "GPR-Sans"
FONT_BOLD = "GPR-Sans-Bold"
FONT_NARROW = "GPR-Condensed"
FONT_NARROW_BOLD = "GPR-Condensed-Bold"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_NARROW: "DejaVuSansCondensed.ttf",
    FONT_NARROW_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

# status colours (fill, text): readable in colour, and the letter beside them reads in black and white
STATUS_FILL = {
    Status.GREEN: ("#2e7d32", "#ffffff"),
    Status.YELLOW: ("#f9c623", "#3b2f00"),
    Status.RED: ("#c62828", "#ffffff"),
    Status.NO_DATA: ("#e0e0e0", "#424242"),
    Status.NOT_DUE: ("#f5f5f5", "#616161"),
    Status.NO_TARGET: ("#eceff1", "#455a64"),
}
INK = "#1a2330"
MUTED = "#5f6b7a"
RULE = "#c5ccd6"
BAND = "#1f3a5f"  # the header band: the navy of official documents
SHADE = "#f1f4f8"


def font_path(name: str) -> Path:
    return Path(str(resources.files("resources") / "fonts" / FONT_FILES[name]))


@cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in FONT_FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    addMapping(FONT_NARROW, 0, 0, FONT_NARROW)
    addMapping(FONT_NARROW, 1, 0, FONT_NARROW_BOLD)
    addMapping(FONT_NARROW, 0, 1, FONT_NARROW)
    addMapping(FONT_NARROW, 1, 1, FONT_NARROW_BOLD)


def page_size(paper: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, LETTER

    return LETTER if paper == "letter" else A4
