"""PDF rendering of the reports with reportlab's platypus: a header band and a footer on every page
(«Página n de N» and the data fingerprint), tables with coloured statuses that carry their letter, trend
charts, reds with their justification, the units below ranked, an outline in consolidated reports, and
a reserved box on the last page where the signature stamp goes.
"""

from __future__ import annotations

from typing import IO, Any
from xml.sax.saxutils import escape

from exports import pdf_sources
from exports.pdf_charts import trend_chart
from exports.pdf_page import FOOTER_H, HEADER_H, MARGIN, PageContext, RenderedPdf, canvas_class, decorate, marker
from exports.pdf_style import (
    BAND,
    FONT_BOLD,
    FONT_NARROW,
    FONT_NARROW_BOLD,
    MUTED,
    RULE,
    page_size,
    register_fonts,
)
from exports.pdf_tables import (
    Styles,
    change_style,
    change_text,
    status_style,
    status_text,
    styled_table,
    target_text,
)
from exports.report_model import APPROVED, ConsolidatedReport, InstitutionReport, Section, SummaryRow
from exports.signal_words import status_head, status_with_signal
from exports.words import date_text, period_text, words
from scorecard.formatting import number, percent

SIGNATURE_H = 92.0
SIGNATURE_W = 300.0
LONG_NAME = 44  # characters that fit the indicator column on one line


class _Builder:
    def __init__(self, report: InstitutionReport | ConsolidatedReport, result: RenderedPdf) -> None:
        self.report = report
        self.lang = report.lang
        self.w = words(report.lang)
        self.s = Styles()
        self.result = result
        self.paper = page_size(report.paper)
        self.width = self.paper[0] - 2 * MARGIN
        self.bookmarks = 0

    # --- pieces ---------------------------------------------------------------------------------------

    def _p(self, text: str, style: Any) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), style)

    def _markup(self, markup: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(markup, self.s.cell)

    def name_cell(self, text: str) -> Any:
        return self._p(text, self.s.cell) if len(text) > LONG_NAME else text

    def header_block(self, section: Section) -> list[Any]:
        from reportlab.lib.colors import HexColor

        w, v, lang = self.w, section.view, self.lang
        state = w["approved"] if section.data_state == APPROVED else w["draft"]
        rows = [
            [
                w["institution"],
                f"{section.institution_name} ({section.institution_code})",
                w["period"],
                period_text(self.report.period, lang, ytd=self.report.ytd),
            ],
            [
                w["unit"],
                f"{v.unit_name} ({v.unit_code}) — {section.level}",
                w["issued"],
                date_text(self.report.issued_at, lang, with_time=True),
            ],
            ["", "", w["state"], state],
        ]
        half = self.width / 2
        extra = [
            ("FONTNAME", (0, 0), (0, -1), FONT_NARROW_BOLD),
            ("FONTNAME", (2, 0), (2, -1), FONT_NARROW_BOLD),
            ("TEXTCOLOR", (0, 0), (0, -1), HexColor(MUTED)),
            ("TEXTCOLOR", (2, 0), (2, -1), HexColor(MUTED)),
            ("BACKGROUND", (0, 0), (-1, 0), None),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, HexColor(RULE)),
        ]
        if section.data_state != APPROVED:
            extra.append(("TEXTCOLOR", (3, 2), (3, 2), HexColor("#b34700")))
        rows[1][1] = self.name_cell(rows[1][1]) if len(rows[1][1]) > 48 else rows[1][1]
        table = styled_table(rows, [70, half - 70, 80, half - 80], extra, header_rows=1)
        table.setStyle(
            [
                ("FONTNAME", (1, 0), (1, 0), FONT_NARROW),
                ("FONTNAME", (3, 0), (3, 0), FONT_NARROW),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#ffffff")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.35, HexColor(RULE)),
            ]
        )
        return [table]

    def score_block(self, section: Section) -> list[Any]:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Spacer

        w, v, lang = self.w, section.view, self.lang
        rows = [
            [w["score"], w["status"], w["indicators"], w["completeness"], w["timeliness"]],
            [
                percent(v.score, lang),
                status_text(v.status, lang),
                f"{v.indicators_scored} / {v.indicators_total}",
                percent(v.completeness, lang),
                percent(v.timeliness, lang),
            ],
        ]
        cw = self.width / 5
        extra = [
            ("FONTSIZE", (0, 1), (-1, 1), 11),
            ("LEADING", (0, 1), (-1, 1), 14),
            ("FONTNAME", (0, 1), (-1, 1), FONT_BOLD),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("TOPPADDING", (0, 1), (-1, 1), 5),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
            ("TEXTCOLOR", (0, 0), (-1, 0), HexColor(MUTED)),
            ("BOX", (0, 0), (-1, -1), 0.6, HexColor(RULE)),
            *status_style(1, 1, v.status),
        ]
        table = styled_table(rows, [cw] * 5, extra)
        table.setStyle([("FONTNAME", (1, 1), (1, 1), FONT_BOLD), ("FONTSIZE", (1, 1), (1, 1), 10)])
        counts = w["counts"].format(**v.status_counts)
        return [table, Spacer(1, 3), self._p(counts + "  ·  " + w["legend"], self.s.small), Spacer(1, 6)]

    def objective_tables(self, section: Section) -> list[Any]:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Spacer

        w, lang, out = self.w, self.lang, []
        fixed = [42, 52, 60, 54, 52, 60, 98]  # code; result, last year, change, target, performance, status (+ signal)
        widths = [fixed[0], self.width - sum(fixed), *fixed[1:]]
        fits = int(widths[1] / 4.2)  # characters of the narrow font that fit the name column on one line
        for o in section.view.objectives:
            head = f"{o.code} · {o.name}"
            rows: list[list[Any]] = [
                [
                    self.name_cell(head) if len(head) <= 80 else self._p(head, self.s.cell),
                    "",
                    "",
                    "",
                    "",
                    "",
                    percent(o.score, lang),
                    status_text(o.status, lang),
                ],
                [
                    w["code"],
                    w["indicator"],
                    w["value"],
                    w["previous_value"],
                    w["change"],
                    w["target"],
                    w["performance"],
                    status_head(w["status"], o.indicators, lang),
                ],
            ]
            extra: list[tuple[Any, ...]] = [
                ("SPAN", (0, 0), (5, 0)),
                ("BACKGROUND", (0, 0), (6, 0), HexColor("#dfe6ef")),
                ("FONTNAME", (0, 0), (-1, 0), FONT_NARROW_BOLD),
                ("FONTSIZE", (0, 0), (-1, 0), 8.4),
                ("FONTNAME", (0, 1), (-1, 1), FONT_NARROW_BOLD),
                ("TEXTCOLOR", (0, 1), (-1, 1), HexColor(MUTED)),
                ("LINEBELOW", (0, 1), (-1, 1), 0.8, HexColor(BAND)),
                ("ALIGN", (2, 1), (6, -1), "RIGHT"),
                ("ALIGN", (6, 0), (6, 0), "RIGHT"),
                *status_style(0, 7, o.status),
            ]
            for r, line in enumerate(o.indicators, start=2):
                rows.append(
                    [
                        line.code,
                        self._p(line.name, self.s.cell) if len(line.name) > fits else line.name,
                        pdf_sources.value_text(line, lang),
                        number(line.previous_value, lang),
                        change_text(line, lang),
                        target_text(line, lang),
                        percent(line.performance, lang),
                        status_with_signal(status_text(line.status, lang), line, lang),
                    ]
                )
                extra += status_style(r, 7, line.status) + change_style(r, 4, line)
            table = styled_table(rows, widths, extra, header_rows=2)
            out += [table, Spacer(1, 7)]
        note = pdf_sources.certified_note(section, lang)
        if note:
            out += [self._p(note, self.s.cell), Spacer(1, 7)]
        return out

    def disagreements_block(self, section: Section) -> list[Any]:
        """The annex of disagreements between sources still open (none: nothing is added)."""
        if not section.disagreements:
            return []
        w = pdf_sources.words(self.lang)
        rows: list[list[Any]] = [
            [self._p(c, self.s.cell) if k == 2 else c for k, c in enumerate(r)]
            for r in pdf_sources.annex_rows(section, self.lang)
        ]
        rest = self.width - 52 - 70 - 52 - 58 - 80
        table = styled_table(rows, [52, 70, rest, 52, 58, 80], [("VALIGN", (0, 0), (-1, -1), "TOP")])
        return [self._p(w["annex"], self.s.h2), self._p(w["annex_intro"], self.s.body), table]

    def trend_block(self, section: Section) -> list[Any]:
        from reportlab.platypus import KeepTogether, Table, TableStyle

        if not section.trends:
            return []
        cols = 3
        cw = self.width / cols
        charts = [trend_chart(t, self.lang, cw - 6, 112) for t in section.trends]
        rows = [charts[k : k + cols] + [""] * (cols - len(charts[k : k + cols])) for k in range(0, len(charts), cols)]
        grid = Table(rows, colWidths=[cw] * cols, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        head = self._p(self.w["trend"], self.s.h2)
        return [KeepTogether([head, grid])]

    def reds_block(self, section: Section) -> list[Any]:
        from reportlab.platypus import KeepTogether

        w, lang = self.w, self.lang
        head = self._p(w["reds"], self.s.h2)
        if not section.reds:
            return [KeepTogether([head, self._p(w["no_reds"], self.s.body)])]
        rows: list[list[Any]] = [[w["indicator"], w["justification_unit"], w["cause"], w["action"]]]
        rest = self.width - 150 - 64
        for red in section.reds:
            line = red.indicator
            figures = (
                f"{w['value']} {number(line.value, lang)} · {w['target']} {target_text(line, lang)} · "
                f"{percent(line.performance, lang)}"
            )
            label: Any = self._markup(f"<b>{escape(line.code)} · {escape(line.name)}</b><br/>{escape(figures)}")
            if not red.justifications:
                rows.append([label, "—", self._p(w["no_justification"], self.s.cell), ""])
            for j in red.justifications:
                rows.append(
                    [
                        label,
                        f"{j.unit_code}\n{j.month // 100}-{j.month % 100:02d}",
                        self._p(j.cause or "—", self.s.cell),
                        self._p(j.action or "—", self.s.cell),
                    ]
                )
                label = ""
            if red.more:
                rows.append(["", "", self._p(w["more_justifications"].format(count=red.more), self.s.cell), ""])
        table = styled_table(rows, [150, 64, rest / 2, rest / 2], [("VALIGN", (0, 0), (-1, -1), "TOP")])
        return [head, table]

    def units_block(self, section: Section) -> list[Any]:
        from reportlab.platypus import KeepTogether

        w, lang = self.w, self.lang
        children = section.view.children
        if not children:
            return []
        rows: list[list[Any]] = [
            [w["rank"], w["code"], w["unit"], w["level"], w["score"], w["status"], w["completeness"]]
        ]
        extra: list[tuple[Any, ...]] = [
            ("ALIGN", (4, 0), (4, -1), "RIGHT"),
            ("ALIGN", (6, 0), (6, -1), "RIGHT"),
            ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ]
        for r, c in enumerate(children, start=1):
            rows.append(
                [
                    str(r),
                    c.code,
                    self.name_cell(c.name),
                    c.level,
                    percent(c.score, lang),
                    status_text(c.status, lang),
                    percent(c.completeness, lang),
                ]
            )
            extra += status_style(r, 5, c.status)
        widths = [26, 70, self.width - 26 - 70 - 62 - 56 - 92 - 64, 62, 56, 92, 64]
        table = styled_table(rows, widths, extra)
        head = self._p(w["below"], self.s.h2)
        if len(rows) <= 12:
            return [KeepTogether([head, table])]
        return [head, table]

    def section(self, section: Section, *, title: str, bookmark: bool, first: bool) -> list[Any]:
        from reportlab.platypus import PageBreak, Spacer

        v = section.view
        when = period_text(self.report.period, self.lang, ytd=self.report.ytd)
        line = f"{section.institution_code} · {v.unit_code} · {when}"
        out: list[Any] = [] if first else [PageBreak()]
        mark = None
        if bookmark:
            self.bookmarks += 1
            label = (
                f"{v.unit_code} — {v.unit_name}"
                if v.unit_code != section.institution_code
                else (f"{section.institution_code} — {section.institution_name}")
            )
            mark = (f"s{self.bookmarks}", label, section.depth)
            self.result.outline.append(label)
        out += [marker(self._ctx, line, mark), self._p(title, self.s.h1), Spacer(1, 2)]
        out += [*self.header_block(section), Spacer(1, 8)]
        out += self.score_block(section)
        out += self.objective_tables(section)
        out += self.trend_block(section)
        out += self.reds_block(section)
        out += self.units_block(section)
        out += self.disagreements_block(section)
        return out

    def summary(self, report: ConsolidatedReport) -> list[Any]:
        from reportlab.platypus import Spacer

        w, lang = self.w, self.lang
        what = w["institutions"] if report.compared == "institutions" else w["units_of"].format(level=report.compared)
        out: list[Any] = [
            marker(self._ctx, period_text(report.period, lang, ytd=report.ytd), ("s0", w["summary"], 0)),
            self._p(w["consolidated_title"], self.s.title),
            self._p(w["subtitle"], self.s.subtitle),
            Spacer(1, 10),
            self._p(
                f"{w['period']}: {period_text(report.period, lang, ytd=report.ytd)}  ·  {w['issued']}: "
                f"{date_text(report.issued_at, lang, with_time=True)}",
                self.s.body,
            ),
            Spacer(1, 8),
            self._p(f"{w['summary']} — {w['summary_of'].format(what=what)}", self.s.h2),
        ]
        self.result.outline.append(w["summary"])
        total = SummaryRow.of(report.sections[0]) if report.compared != "institutions" and report.sections else None
        out.append(self.summary_table(report.summary, total))
        out += [Spacer(1, 6), self._p(w["legend"], self.s.small)]
        if report.without_plan:
            out += [Spacer(1, 4), self._p(w["without_plan"].format(codes=", ".join(report.without_plan)), self.s.small)]
        return out

    def summary_table(self, rows_in: tuple[SummaryRow, ...], total: SummaryRow | None = None) -> Any:
        w, lang = self.w, self.lang
        rows: list[list[Any]] = [
            [
                w["code"],
                w["unit"] if rows_in and rows_in[0].code != rows_in[0].institution_code else w["institution"],
                w["score"],
                w["status"],
                w["indicators"],
                w["completeness"],
                "R",
                w["state"],
            ]
        ]
        extra: list[tuple[Any, ...]] = [("ALIGN", (2, 0), (2, -1), "RIGHT"), ("ALIGN", (4, 0), (6, -1), "RIGHT")]
        ranked = sorted(rows_in, key=lambda r: (r.score is None, -(r.score or 0.0), r.code))
        if total is not None:  # the institution as a whole first, then its units ranked
            ranked.insert(0, total)
            extra += [("FONTNAME", (0, 1), (-1, 1), FONT_NARROW_BOLD), ("LINEBELOW", (0, 1), (-1, 1), 0.8, RULE)]
        for k, r in enumerate(ranked, start=1):
            rows.append(
                [
                    r.code,
                    self._p(r.name, self.s.cell),
                    percent(r.score, lang),
                    status_text(r.status, lang),
                    f"{r.indicators_scored}/{r.indicators_total}",
                    percent(r.completeness, lang),
                    str(r.status_counts.get("red", 0)),
                    w["approved"] if r.data_state == APPROVED else w["draft"],
                ]
            )
            extra += status_style(k, 3, r.status)
        widths = [52, self.width - 52 - 48 - 88 - 52 - 66 - 18 - 86, 48, 88, 52, 66, 18, 86]
        return styled_table(rows, widths, extra)

    def signature_block(self) -> Any:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus.flowables import Flowable

        result, w = self.result, self.w

        class SignatureBox(Flowable):
            """The empty, framed box on the last page where the signature's visible stamp is placed."""

            def wrap(self, avail_w: float, _h: float) -> tuple[float, float]:
                self.avail = avail_w
                return (avail_w, SIGNATURE_H + 14)

            def draw(self) -> None:
                c = self.canv
                x = self.avail - SIGNATURE_W
                c.saveState()
                c.setFont(FONT_BOLD, 7.5)
                c.setFillColor(HexColor(MUTED))
                c.drawString(x, SIGNATURE_H + 4, w["signature"])
                c.setStrokeColor(HexColor(RULE))
                c.setDash(2, 2)
                c.rect(x, 0, SIGNATURE_W, SIGNATURE_H, stroke=1, fill=0)
                c.restoreState()
                x0, y0 = c.absolutePosition(x, 0)
                result.signature_page = c.getPageNumber() - 1
                result.signature_box = (x0, y0, x0 + SIGNATURE_W, y0 + SIGNATURE_H)

        return SignatureBox()

    # --- documents ------------------------------------------------------------------------------------

    def story(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, Spacer

        report, w = self.report, self.w
        out: list[Any] = []
        if isinstance(report, ConsolidatedReport):
            out += self.summary(report)
            for section in report.sections:
                title = f"{w['section_of']}: {section.view.unit_name} ({section.view.unit_code})"
                out += self.section(section, title=title, bookmark=True, first=False)
        else:
            assert report.section is not None
            out += [self._p(w["title"], self.s.title), self._p(w["subtitle"], self.s.subtitle), Spacer(1, 8)]
            out += self.section(report.section, title=f"{report.section.view.unit_name}", bookmark=False, first=True)
        out.append(KeepTogether([Spacer(1, 14), self.signature_block()]))
        return out

    def build(self, out: IO[bytes]) -> None:
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        report, w = self.report, self.w
        fingerprint = report.fingerprint
        self.result.fingerprint = fingerprint
        title = w["consolidated_title"] if isinstance(report, ConsolidatedReport) else w["title"]
        self._ctx = PageContext(title, f"{w['fingerprint']}: {fingerprint}", self.lang)
        width, height = self.paper
        doc = BaseDocTemplate(
            out,
            pagesize=self.paper,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=HEADER_H,
            bottomMargin=FOOTER_H + 10,
            title=f"{title} — {report.period.code}",
            author="Tablero GPR",
            subject=f"{w['fingerprint']}: {fingerprint}",
            creator="gpr-scorecard",
            lang="es-EC" if self.lang == "es" else "en",
            pageCompression=1,
        )
        frame = Frame(
            MARGIN,
            FOOTER_H + 10,
            width - 2 * MARGIN,
            height - HEADER_H - FOOTER_H - 10,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=decorate(self._ctx, self.paper))])
        doc.build(self.story(), canvasmaker=canvas_class(self.result))


def render_pdf(report: InstitutionReport | ConsolidatedReport, out: IO[bytes]) -> RenderedPdf:
    """Write the report as PDF into ``out``; returns the page count, the signature box and the fingerprint."""
    register_fonts()
    result = RenderedPdf()
    _Builder(report, result).build(out)
    return result
