"""The page of a PDF report: header band, footer with «Página n de N» (a form filled in once the page
count is known) and the data fingerprint, and the markers that set the header line and the outline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from exports.pdf_style import BAND, FONT, FONT_BOLD, MUTED, RULE
from exports.words import words

MARGIN = 42.0  # 15 mm
HEADER_H = 46.0
FOOTER_H = 30.0


@dataclass
class RenderedPdf:
    pages: int = 0
    # where the signature stamp goes: 0-based page and (x1, y1, x2, y2) in points
    signature_page: int = -1
    signature_box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    fingerprint: str = ""
    outline: list[str] = field(default_factory=list)


class PageContext:
    """What the page decorations need: the current section's title, set by markers in the story."""

    def __init__(self, report_title: str, footer_left: str, lang: str) -> None:
        self.report_title = report_title
        self.footer_left = footer_left
        self.lang = lang
        self.section_line = ""


def marker(ctx: PageContext, line: str, bookmark: tuple[str, str, int] | None = None) -> Any:
    """A flowable of no size that sets the page header's line and, in a consolidated report, adds a
    bookmark to the PDF outline where it is drawn."""
    from reportlab.platypus.flowables import Flowable

    class Marker(Flowable):
        def wrap(self, *_: Any) -> tuple[float, float]:
            return (0, 0)

        def draw(self) -> None:
            ctx.section_line = line
            if bookmark:
                key, title, level = bookmark
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)

    return Marker()


def canvas_class(result: RenderedPdf) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    class ReportCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # no standard font declared on any page: every glyph comes from the embedded fonts
            kwargs.setdefault("initialFontName", FONT)
            kwargs.setdefault("initialFontSize", 8)
            super().__init__(*args, **kwargs)

        def save(self) -> None:
            # «de N»: a form every page draws, defined once the number of pages is known
            total = self.getPageNumber() - 1
            result.pages = total
            self.beginForm("gpr-total")
            self.setFont(FONT, 7)
            self.setFillColor(MUTED)
            self.drawString(0, 0, str(total))
            self.endForm()
            super().save()

    return ReportCanvas


def decorate(ctx: PageContext, paper: tuple[float, float]) -> Any:
    from reportlab.lib.colors import HexColor

    width, height = paper

    def on_page(canvas: Any, doc: Any) -> None:
        w = words(ctx.lang)
        canvas.saveState()
        canvas.setFillColor(HexColor(BAND))
        canvas.rect(0, height - 30, width, 30, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#ffffff"))
        canvas.setFont(FONT_BOLD, 9.5)
        canvas.drawString(MARGIN, height - 19, ctx.report_title)
        canvas.setFont(FONT, 8)
        canvas.drawRightString(width - MARGIN, height - 19, ctx.section_line)
        # footer
        canvas.setStrokeColor(HexColor(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, FOOTER_H, width - MARGIN, FOOTER_H)
        canvas.setFillColor(HexColor(MUTED))
        canvas.setFont(FONT, 5.8)
        canvas.drawString(MARGIN, FOOTER_H - 10, ctx.footer_left)
        canvas.setFont(FONT, 7)
        page_label = w["page"].format(n=doc.page) + " "
        canvas.drawRightString(width - MARGIN - 12, FOOTER_H - 10, page_label)
        canvas.translate(width - MARGIN - 11, FOOTER_H - 10)
        canvas.doForm("gpr-total")
        canvas.restoreState()

    return on_page
