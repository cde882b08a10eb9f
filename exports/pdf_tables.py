"""Tables and statuses of the PDF reports: one table style, statuses as colour and letter."""

from __future__ import annotations

from typing import Any

from exports.pdf_style import BAND, FONT, FONT_BOLD, FONT_NARROW, FONT_NARROW_BOLD, INK, MUTED, RULE, SHADE, STATUS_FILL
from scorecard import year_on_year
from scorecard.domain import IndicatorLine, Status
from scorecard.formatting import number, status_letter, status_word

GOOD_INK, BAD_INK = "#1b6e2a", "#b3261e"  # the change's colour: better / worse than last year


def status_text(status: Status, lang: str) -> str:
    return f"{status_letter(status, lang)} · {status_word(status, lang)}"


def target_text(line: IndicatorLine, lang: str) -> str:
    if line.band:
        return f"{number(line.band[0], lang)} – {number(line.band[1], lang)}"
    return number(line.target, lang)


class Styles:
    def __init__(self) -> None:
        from reportlab.lib.colors import HexColor
        from reportlab.lib.styles import ParagraphStyle

        ink = HexColor(INK)
        self.title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=HexColor(BAND))
        self.subtitle = ParagraphStyle("subtitle", fontName=FONT, fontSize=9, leading=12, textColor=HexColor(MUTED))
        self.h1 = ParagraphStyle(
            "h1", fontName=FONT_BOLD, fontSize=13, leading=16, textColor=HexColor(BAND), spaceBefore=2, spaceAfter=6
        )
        self.h2 = ParagraphStyle(
            "h2", fontName=FONT_BOLD, fontSize=10, leading=13, textColor=HexColor(BAND), spaceBefore=10, spaceAfter=4
        )
        self.body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11, textColor=ink)
        self.small = ParagraphStyle("small", fontName=FONT, fontSize=7, leading=9, textColor=HexColor(MUTED))
        self.cell = ParagraphStyle("cell", fontName=FONT_NARROW, fontSize=7.8, leading=9.4, textColor=ink)
        self.cell_bold = ParagraphStyle(
            "cellb", fontName=FONT_NARROW_BOLD, fontSize=8, leading=9.6, textColor=HexColor("#ffffff")
        )


def status_style(row: int, col: int, status: Status) -> list[tuple[Any, ...]]:
    from reportlab.lib.colors import HexColor

    fill, ink = STATUS_FILL[status]
    return [
        ("BACKGROUND", (col, row), (col, row), HexColor(fill)),
        ("TEXTCOLOR", (col, row), (col, row), HexColor(ink)),
        ("FONTNAME", (col, row), (col, row), FONT_NARROW_BOLD),
    ]


def styled_table(
    rows: list[list[Any]],
    widths: list[float],
    extra: list[tuple[Any, ...]],
    *,
    header_rows: int = 1,
    align_right_from: int | None = None,
) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NARROW),
        ("FONTSIZE", (0, 0), (-1, -1), 7.8),
        ("LEADING", (0, 0), (-1, -1), 9.4),
        ("TEXTCOLOR", (0, 0), (-1, -1), HexColor(INK)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.35, HexColor(RULE)),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_NARROW_BOLD),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HexColor(SHADE)),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, HexColor(BAND)),
    ]
    if align_right_from is not None:
        style.append(("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"))
    style += extra
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def change_text(line: IndicatorLine, lang: str) -> str:
    return year_on_year.arrow_text(line.change, line.change_pct, lang)


def change_style(row: int, col: int, line: IndicatorLine) -> list[tuple[Any, ...]]:
    """Green where the change is an improvement for the indicator's polarity, red where it is a worsening."""
    from reportlab.lib.colors import HexColor

    way = year_on_year.verdict(line.polarity, line.change)
    if not way:
        return []
    return [("TEXTCOLOR", (col, row), (col, row), HexColor(GOOD_INK if way > 0 else BAD_INK))]
