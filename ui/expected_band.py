"""The expected band of a count on the indicator sheet's chart (spec/statistics.md §3): a shaded band
between the 0.001 and 0.999 Poisson quantiles of the unit's own past, and a distinct marker on each month
outside what chance allows, with its tooltip.  The points come from :func:`scorecard.control_band.control_chart`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from ui.i18n import QT_TR_NOOP, tr

OUTSIDE = {"high": QT_TR_NOOP("Fuera de lo esperado: alto"), "low": QT_TR_NOOP("Fuera de lo esperado: bajo")}
FILL_ALPHA = 60


def outside_text(flag: str | None) -> str:
    return tr(OUTSIDE[flag]) if flag in OUTSIDE else ""


def band_items(points: list[dict[str, Any]], palette: QPalette) -> tuple[pg.FillBetweenItem | None, pg.ScatterPlotItem]:
    """The band (None when no month has one) and the markers of the months outside it; x is the month 1–12."""
    x = np.array([p["month"] % 100 for p in points], dtype=float)
    lower = np.array([np.nan if p["lower"] is None else p["lower"] for p in points], dtype=float)
    upper = np.array([np.nan if p["upper"] is None else p["upper"] for p in points], dtype=float)
    fill: pg.FillBetweenItem | None = None
    if np.isfinite(upper).any():
        edges = np.column_stack([x - 0.5, x + 0.5]).ravel()  # each month's band spans its slot, as the statuses'
        shade = QColor(palette.color(QPalette.ColorRole.Highlight))
        shade.setAlpha(FILL_ALPHA)
        pen = pg.mkPen(palette.color(QPalette.ColorRole.Highlight), width=1, style=Qt.PenStyle.DotLine)
        none = ~np.isfinite(upper)  # a month without a band: a band of no height at 0
        low_curve = pg.PlotCurveItem(edges, np.repeat(np.where(none, 0.0, lower), 2), pen=pen)
        high_curve = pg.PlotCurveItem(edges, np.repeat(np.where(none, 0.0, upper), 2), pen=pen)
        fill = pg.FillBetweenItem(low_curve, high_curve, brush=shade, pen=None)
        fill.setToolTip(tr("Banda esperada: lo que el azar explica (99,8 %) según los 24 meses anteriores"))
    out = [p for p in points if p["flag"] in OUTSIDE and p["value"] is not None]
    marks = pg.ScatterPlotItem(
        x=[p["month"] % 100 for p in out],
        y=[p["value"] for p in out],
        data=[outside_text(p["flag"]) for p in out],
        symbol="star",
        size=22,
        pen=pg.mkPen(palette.color(QPalette.ColorRole.Text), width=1.5),
        brush=pg.mkBrush(palette.color(QPalette.ColorRole.Highlight)),
        hoverable=True,
        tip=lambda **spot: str(spot["data"]),
        name=tr("Fuera de lo esperado"),
    )
    return fill, marks
