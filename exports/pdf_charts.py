"""The 12-month trend of a key indicator, drawn with reportlab's graphics primitives (a few shapes per
chart: a consolidated report draws hundreds of them)."""

from __future__ import annotations

import math
from typing import Any

from exports.pdf_style import FONT, FONT_BOLD, INK, MUTED, RULE, STATUS_FILL
from exports.report_model import Trend
from exports.words import month_text, words
from scorecard.domain import Status
from scorecard.formatting import number, status_letter

LINE = "#1f3a5f"


def _nice_range(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        return lo - pad, hi + pad
    pad = (hi - lo) * 0.12
    low = lo - pad if lo - pad > 0 or lo < 0 else 0.0
    return low, hi + pad


def _compact(value: float, lang: str) -> str:
    if abs(value) >= 10_000:
        return number(round(value), lang, 0)
    if abs(value) >= 100:
        return number(value, lang, 0)
    return number(value, lang, 1)


def trend_chart(trend: Trend, lang: str, width: float, height: float) -> Any:
    """A Drawing: values as a line with a dot per month coloured by its status (and its letter under the
    dot when the chart is wide enough), the target as a dashed line."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = words(lang)
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, strokeColor=HexColor(RULE), fillColor=None, strokeWidth=0.5))
    title = f"{trend.code} · {trend.name}"
    while stringWidth(title, FONT_BOLD, 7.5) > width - 12 and len(title) > 8:
        title = title[:-2] + "…"
    d.add(String(6, height - 12, title, fontName=FONT_BOLD, fontSize=7.5, fillColor=HexColor(INK)))
    left, right, bottom, top = 34.0, width - 8, 26.0, height - 30
    numbers = [v for v in (*trend.values, *trend.targets) if v is not None and math.isfinite(v)]
    n = len(trend.months)
    step = (right - left) / max(n - 1, 1)
    xs = [left + k * step for k in range(n)]
    for k, m in enumerate(trend.months):
        if k % 2 == (n - 1) % 2:  # label every other month, always the last
            d.add(
                String(
                    xs[k],
                    8,
                    month_text(m, lang, short=True),
                    fontName=FONT,
                    fontSize=5.8,
                    fillColor=HexColor(MUTED),
                    textAnchor="middle",
                )
            )
    if not numbers:
        d.add(
            String(
                width / 2,
                height / 2 - 8,
                "—",
                fontName=FONT,
                fontSize=9,
                fillColor=HexColor(MUTED),
                textAnchor="middle",
            )
        )
        return d
    lo, hi = _nice_range(numbers)

    def y(v: float) -> float:
        return bottom + (v - lo) / (hi - lo) * (top - bottom)

    for frac in (0.0, 0.5, 1.0):
        gv = lo + frac * (hi - lo)
        gy = y(gv)
        d.add(Line(left, gy, right, gy, strokeColor=HexColor("#e3e7ed"), strokeWidth=0.4))
        d.add(
            String(
                left - 3,
                gy - 2,
                _compact(gv, lang),
                fontName=FONT,
                fontSize=5.6,
                fillColor=HexColor(MUTED),
                textAnchor="end",
            )
        )
    due = [s is not Status.NOT_DUE for s in trend.statuses]
    _polyline(d, PolyLine, xs, trend.targets, due, y, stroke=HexColor("#7b8794"), dash=(2.5, 1.8), width_=0.9)
    _polyline(d, PolyLine, xs, trend.values, due, y, stroke=HexColor(LINE), dash=None, width_=1.3)
    for k, v in enumerate(trend.values):
        if v is None:
            continue
        status = trend.statuses[k]
        fill, _ = STATUS_FILL[status]
        d.add(Circle(xs[k], y(v), 2.6, fillColor=HexColor(fill), strokeColor=HexColor(INK), strokeWidth=0.35))
        if status.scored:
            d.add(
                String(
                    xs[k],
                    y(v) + 4,
                    status_letter(status, lang),
                    fontName=FONT_BOLD,
                    fontSize=5,
                    fillColor=HexColor(INK),
                    textAnchor="middle",
                )
            )
    # legend
    lx = width - 8
    d.add(
        String(
            lx,
            height - 22,
            f"— {w['trend_value']}   - - {w['trend_target']}",
            fontName=FONT,
            fontSize=5.8,
            fillColor=HexColor(MUTED),
            textAnchor="end",
        )
    )
    last = trend.values[-1]
    if last is not None:
        d.add(
            String(
                6,
                height - 22,
                f"{month_text(trend.months[-1], lang, short=True)}: {number(last, lang)} "
                f"[{status_letter(trend.statuses[-1], lang)}]",
                fontName=FONT,
                fontSize=5.8,
                fillColor=HexColor(INK),
            )
        )
    return d


def _polyline(
    d: Any,
    cls: Any,
    xs: list[float],
    values: tuple[float | None, ...],
    due: list[bool],
    y: Any,
    *,
    stroke: Any,
    dash: tuple[float, float] | None,
    width_: float,
) -> None:
    """Months with a figure joined, across months when the indicator is not due (a quarterly one); a due
    month without a figure breaks the line."""
    run: list[float] = []
    for x, v, owed in zip(xs, values, due, strict=True):
        if not owed and v is None:
            continue
        if v is None or not math.isfinite(v):
            _flush(d, cls, run, stroke, dash, width_)
            run = []
            continue
        run += [x, y(v)]
    _flush(d, cls, run, stroke, dash, width_)


def _flush(d: Any, cls: Any, run: list[float], stroke: Any, dash: tuple[float, float] | None, width_: float) -> None:
    if len(run) >= 4:
        d.add(cls(run, strokeColor=stroke, strokeWidth=width_, strokeDashArray=dash))


__all__ = ["Status", "trend_chart"]
