"""The report's tables as a workbook: real numbers (not text), frozen headers, the status as a column
(key, letter and word), and any text a spreadsheet would run as a formula written as text."""

from __future__ import annotations

from typing import IO, Any

from exports.cells import put
from exports.report_model import APPROVED, ConsolidatedReport, InstitutionReport, Section
from exports.signal_words import signal_cells, signal_heads
from exports.words import date_text, period_text, words
from exports.xlsx_sources import annex_heads, annex_rows, source_cells, source_heads
from scorecard.domain import Status
from scorecard.formatting import status_letter, status_word

NUMBER_FORMAT = "#,##0.##"
PERCENT_FORMAT = "0.0%"
STATUS_FILL = {
    Status.GREEN: "C8E6C9",
    Status.YELLOW: "FFF3B0",
    Status.RED: "FFCDD2",
    Status.NO_DATA: "EEEEEE",
    Status.NOT_DUE: "F5F5F5",
    Status.NO_TARGET: "ECEFF1",
}


class _Sheet:
    def __init__(self, book: Any, title: str, headers: list[str], *, first: bool = False) -> None:
        from openpyxl.styles import Font, PatternFill

        self.sheet = book.active if first else book.create_sheet()
        self.sheet.title = title
        self.row = 1
        self.widths = [len(h) for h in headers]
        for c, h in enumerate(headers, start=1):
            cell = put(self.sheet, 1, c, h)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F3A5F")
        self.sheet.freeze_panes = "A2"
        self.sheet.auto_filter.ref = None

    def add(
        self,
        values: list[Any],
        formats: dict[int, str] | None = None,
        status: Status | None = None,
        status_cols: tuple[int, ...] = (),
    ) -> None:
        from openpyxl.styles import PatternFill

        self.row += 1
        for c, v in enumerate(values, start=1):
            cell = put(self.sheet, self.row, c, v, (formats or {}).get(c))
            if status is not None and c in status_cols:
                cell.fill = PatternFill("solid", fgColor=STATUS_FILL[status])
            if c <= len(self.widths):
                self.widths[c - 1] = max(self.widths[c - 1], min(len(str(v)) if v is not None else 0, 60))

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        for c, width in enumerate(self.widths, start=1):
            self.sheet.column_dimensions[get_column_letter(c)].width = max(8, width + 2)
        if self.row > 1:
            self.sheet.auto_filter.ref = self.sheet.dimensions


def _status_cells(status: Status, lang: str) -> list[str]:
    return [status.key, status_letter(status, lang), status_word(status, lang)]


def render_xlsx(report: InstitutionReport | ConsolidatedReport, out: IO[bytes]) -> None:
    from openpyxl import Workbook

    w, lang = words(report.lang), report.lang
    book = Workbook()
    status_heads = [
        w["status"],
        f"{w['status']} (letra)" if lang == "es" else "Status (letter)",
        f"{w['status']} (texto)" if lang == "es" else "Status (text)",
    ]
    info = _Sheet(
        book,
        "reporte" if lang == "es" else "report",
        ["campo" if lang == "es" else "field", "valor" if lang == "es" else "value"],
        first=True,
    )
    title = w["consolidated_title"] if isinstance(report, ConsolidatedReport) else w["title"]
    info.add(["informe" if lang == "es" else "report", title])
    info.add([w["period"], report.period.code])
    info.add(
        [
            w["period"] + " (texto)" if lang == "es" else "Period (text)",
            period_text(report.period, lang, ytd=report.ytd),
        ]
    )
    info.add([w["issued"], date_text(report.issued_at, lang, with_time=True)])
    info.add([w["fingerprint"], report.fingerprint])
    info.finish()

    units = _Sheet(
        book,
        "unidades" if lang == "es" else "units",
        [
            w["institution"],
            w["code"],
            w["unit"],
            w["level"],
            w["score"],
            *status_heads,
            w["indicators"],
            w["completeness"],
            w["timeliness"],
            w["state"],
        ],
    )
    lines = _Sheet(
        book,
        "indicadores" if lang == "es" else "indicators",
        [
            w["institution"],
            w["unit"],
            w["objective"],
            w["code"],
            w["indicator"],
            w["value"],
            w["target"],
            f"{w['target']} min",
            f"{w['target']} max",
            w["performance"],
            *status_heads,
            w["previous_value"],
            w["change"],
            w["change_pct"],
            *source_heads(lang),
            *signal_heads(lang),  # signal or chance (issue 16), after them
        ],
    )
    below = _Sheet(
        book,
        "ranking",
        [
            w["institution"],
            w["unit"],
            w["rank"],
            w["code"],
            w["unit"],
            w["level"],
            w["score"],
            *status_heads,
            w["completeness"],
        ],
    )
    reds = _Sheet(
        book,
        "rojos" if lang == "es" else "reds",
        [
            w["institution"],
            w["unit"],
            w["code"],
            w["indicator"],
            w["value"],
            w["target"],
            w["performance"],
            w["justification_unit"],
            "mes" if lang == "es" else "month",
            w["cause"],
            w["action"],
        ],
    )
    pct = {5: PERCENT_FORMAT, 10: PERCENT_FORMAT, 11: PERCENT_FORMAT}
    trends = _Sheet(
        book,
        "tendencias" if lang == "es" else "trends",
        [
            w["institution"],
            w["unit"],
            w["code"],
            w["indicator"],
            "mes" if lang == "es" else "month",
            w["value"],
            w["target"],
            *status_heads,
        ],
    )
    annex = _Sheet(book, "discrepancias" if lang == "es" else "disagreements", annex_heads(lang))
    for section in report.sections:
        _section(section, lang, units, lines, below, reds, pct)
        _trends(section, lang, trends)
        for row in annex_rows(section, lang):
            annex.add(row, {})
    for sheet in (units, lines, below, reds, trends, annex):
        sheet.finish()
    book.save(out)


def _section(
    section: Section, lang: str, units: _Sheet, lines: _Sheet, below: _Sheet, reds: _Sheet, pct: dict[int, str]
) -> None:
    w = words(lang)
    v, inst = section.view, section.institution_code
    units.add(
        [
            inst,
            v.unit_code,
            v.unit_name,
            section.level,
            v.score,
            *_status_cells(v.status, lang),
            v.indicators_scored,
            v.completeness,
            v.timeliness,
            w["approved"] if section.data_state == APPROVED else w["draft"],
        ],
        pct,
        v.status,
        (6, 7, 8),
    )
    fmt = {6: NUMBER_FORMAT, 7: NUMBER_FORMAT, 8: NUMBER_FORMAT, 9: NUMBER_FORMAT, 10: PERCENT_FORMAT}
    fmt |= {14: NUMBER_FORMAT, 15: NUMBER_FORMAT, 16: PERCENT_FORMAT}  # last year's columns, added at the end
    fmt |= {21: PERCENT_FORMAT, 22: PERCENT_FORMAT}  # P worse, P better: after the sources' columns
    for o in v.objectives:
        for i in o.indicators:
            low, high = i.band if i.band else (None, None)
            lines.add(
                [
                    inst,
                    v.unit_code,
                    o.code,
                    i.code,
                    i.name,
                    i.value,
                    None if i.band else i.target,
                    low,
                    high,
                    i.performance,
                    *_status_cells(i.status, lang),
                    i.previous_value,
                    i.change,
                    None if i.change_pct is None else i.change_pct / 100,  # a percentage cell, as performance
                    *source_cells(i, lang),
                    *signal_cells(i, lang),
                ],
                fmt,
                i.status,
                (11, 12, 13),
            )
    for rank, c in enumerate(v.children, start=1):
        below.add(
            [inst, v.unit_code, rank, c.code, c.name, c.level, c.score, *_status_cells(c.status, lang), c.completeness],
            {7: PERCENT_FORMAT, 11: PERCENT_FORMAT},
            c.status,
            (8, 9, 10),
        )
    for red in section.reds:
        i = red.indicator
        target = None if i.band else i.target
        if not red.justifications:
            reds.add(
                [
                    inst,
                    v.unit_code,
                    i.code,
                    i.name,
                    i.value,
                    target,
                    i.performance,
                    None,
                    None,
                    w["no_justification"],
                    None,
                ],
                {5: NUMBER_FORMAT, 6: NUMBER_FORMAT, 7: PERCENT_FORMAT},
            )
        for j in red.justifications:
            reds.add(
                [
                    inst,
                    v.unit_code,
                    i.code,
                    i.name,
                    i.value,
                    target,
                    i.performance,
                    j.unit_code,
                    f"{j.month // 100}-{j.month % 100:02d}",
                    j.cause,
                    j.action,
                ],
                {5: NUMBER_FORMAT, 6: NUMBER_FORMAT, 7: PERCENT_FORMAT},
            )


def _trends(section: Section, lang: str, sheet: _Sheet) -> None:
    """The numbers behind the PDF's trend charts, one row per key indicator and month."""
    v = section.view
    for t in section.trends:
        for month, value, target, status in zip(t.months, t.values, t.targets, t.statuses, strict=True):
            sheet.add(
                [
                    section.institution_code,
                    v.unit_code,
                    t.code,
                    t.name,
                    f"{month // 100}-{month % 100:02d}",
                    value,
                    target,
                    *_status_cells(status, lang),
                ],
                {6: NUMBER_FORMAT, 7: NUMBER_FORMAT},
                status,
                (8, 9, 10),
            )
