"""The 12-month trend of a key indicator, drawn straight on the canvas by a small flowable: a consolidated
report draws hundreds of them, and the canvas is several times faster than a graphics Drawing."""

from __future__ import annotations

import math
from typing import Any

from exports.pdf_style import FONT, FONT_BOLD, INK, MUTED, RULE, STATUS_FILL
from exports.report_model import Trend
from exports.words import month_text, words
from scorecard.domain import Status
from scorecard.formatting import number, status_letter

LINE = "#1f3a5f"
TARGET = "#7b8794"
GRID = "#e3e7ed"


def _nice_range(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        return lo - pad, hi + pad
    pad = (hi - lo) * 0.12
    low = lo - pad if lo - pad > 0 or lo < 0 else 0.0
    return low, hi + pad


def _compact(value: float, lang: str) -> str:
    if abs(value) >= 100:
        return number(round(value), lang, 0)
    return number(value, lang, 1)


def _fit(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while stringWidth(text, font, size) > width and len(text) > 8:
        text = text[:-2] + "…"
    return text


def _runs(xs: list[float], values: tuple[float | None, ...], due: list[bool]) -> list[list[tuple[float, float]]]:
    """Months with a figure joined, across months when the indicator is not due (a quarterly one); a due
    month without a figure breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, v, owed in zip(xs, values, due, strict=True):
        if v is None and not owed:
            continue
        if v is None or not math.isfinite(v):
            runs.append([])
            continue
        runs[-1].append((x, v))
    return [r for r in runs if len(r) >= 2]


def trend_chart(trend: Trend, lang: str, width: float, height: float) -> Any:
    """A flowable: the values as a line with a dot per month coloured by its status and its letter above
    (colour is never the only signal), the target as a dashed line, three grid lines with their values."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus.flowables import Flowable

    w = words(lang)
    colours = {name: HexColor(name) for name in (RULE, INK, MUTED, LINE, TARGET, GRID)}
    fills = {s: HexColor(f) for s, (f, _) in STATUS_FILL.items()}

    class TrendChart(Flowable):
        def wrap(self, *_: Any) -> tuple[float, float]:
            return (width, height)

        def draw(self) -> None:
            c = self.canv
            c.saveState()
            c.setStrokeColor(colours[RULE])
            c.setLineWidth(0.5)
            c.rect(0, 0, width, height, stroke=1, fill=0)
            c.setFillColor(colours[INK])
            c.setFont(FONT_BOLD, 7.5)
            c.drawString(6, height - 12, _fit(f"{trend.code} · {trend.name}", FONT_BOLD, 7.5, width - 12))
            c.setFont(FONT, 5.8)
            c.setFillColor(colours[MUTED])
            c.drawRightString(width - 8, height - 22, f"— {w['trend_value']}   - - {w['trend_target']}")
            left, right, bottom, top = 30.0, width - 8, 22.0, height - 34
            n = len(trend.months)
            step = (right - left) / max(n - 1, 1)
            xs = [left + k * step for k in range(n)]
            for k, m in enumerate(trend.months):
                if k % 2 == (n - 1) % 2:  # every other month, always the last
                    c.drawCentredString(xs[k], 8, month_text(m, lang, short=True))
            numbers = [v for v in (*trend.values, *trend.targets) if v is not None and math.isfinite(v)]
            if not numbers:
                c.setFont(FONT, 7)
                c.drawCentredString(width / 2, height / 2 - 6, w["no_series"])
                c.restoreState()
                return
            lo, hi = _nice_range(numbers)

            def y(v: float) -> float:
                return bottom + (v - lo) / (hi - lo) * (top - bottom)

            c.setFont(FONT, 5.6)
            c.setLineWidth(0.4)
            c.setStrokeColor(colours[GRID])
            for frac in (0.0, 0.5, 1.0):
                gv = lo + frac * (hi - lo)
                c.line(left, y(gv), right, y(gv))
                c.drawRightString(left - 3, y(gv) - 2, _compact(gv, lang))
            due = [s is not Status.NOT_DUE for s in trend.statuses]
            for values, colour, dash, lw in (
                (trend.targets, TARGET, (2.5, 1.8), 0.9),
                (trend.values, LINE, None, 1.3),
            ):
                c.setStrokeColor(colours[colour])
                c.setLineWidth(lw)
                if dash:
                    c.setDash(*dash)
                else:
                    c.setDash()
                for run in _runs(xs, values, due):
                    path = c.beginPath()
                    path.moveTo(run[0][0], y(run[0][1]))
                    for x, figure in run[1:]:
                        path.lineTo(x, y(figure))
                    c.drawPath(path, stroke=1, fill=0)
            c.setDash()
            c.setLineWidth(0.35)
            c.setStrokeColor(colours[INK])
            c.setFont(FONT_BOLD, 5)
            for k, v in enumerate(trend.values):
                if v is None or not math.isfinite(v):
                    continue
                status = trend.statuses[k]
                c.setFillColor(fills[status])
                c.circle(xs[k], y(v), 2.6, stroke=1, fill=1)
                if status.scored:
                    c.setFillColor(colours[INK])
                    c.drawCentredString(xs[k], y(v) + 4, status_letter(status, lang))
            last = trend.values[-1]
            if last is not None:
                c.setFillColor(colours[INK])
                c.setFont(FONT, 5.8)
                c.drawString(
                    6,
                    height - 22,
                    f"{month_text(trend.months[-1], lang, short=True)}: {number(last, lang)} "
                    f"[{status_letter(trend.statuses[-1], lang)}]",
                )
            c.restoreState()

    return TrendChart()
