"""Every year of an indicator's history, for the indicator sheet: one continuous line of monthly results
across the years (the target dashed beside it, a thin rule between years) and, on a second tab, each
year's total against its annual target.  The figures are :mod:`scorecard.years_history`'s.

One continuous line reads better than one line per year: with ten years, ten overlaid lines become a
tangle, while the continuous series shows the trend, the seasons and this year beside last at once."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from scorecard.domain import Status
from scorecard.formatting import number, status_word
from scorecard.years_history import YearsHistory
from ui.chart_axes import NumberAxis
from ui.i18n import current_lang, month_name, tr
from ui.theme import muted_colour, status_colour


def _plot(lang: str, accessible: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(axisItems={"left": NumberAxis(lang, orientation="left")})
    plot.setAccessibleName(accessible)
    plot.showGrid(x=False, y=True, alpha=0.25)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.addLegend(offset=(10, 10))
    return plot


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _finite(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points of a series, none at all where it has no figure (a line of only gaps draws nothing)."""
    return (x, y) if not np.isnan(y).all() else (x[:0], y[:0])


class YearsChart:
    """The two multi-year plots of one indicator (the sheet shows each on a tab of its own), writing the
    hovered figures to ``readout``; :meth:`set_unit` picks which of the history's units they show."""

    def __init__(self, history: YearsHistory, readout: QLabel, palette_of: QWidget) -> None:
        self.lang = current_lang()
        self.palette = palette_of.palette
        self.history = history
        self.unit = 0
        code = history.indicator_code
        self.monthly = _plot(self.lang, tr("Gráfico de {code}: todos los años, mes a mes", code=code))
        self.annual = _plot(self.lang, tr("Gráfico de {code}: total de cada año frente a su meta", code=code))
        self.readout = readout
        self.monthly.scene().sigMouseMoved.connect(self._hover_month)
        self.annual.scene().sigMouseMoved.connect(self._hover_year)
        # the curves, kept for the tests and the hover read-out
        self.value_curve: pg.PlotDataItem | None = None
        self.target_curve: pg.PlotDataItem | None = None
        self.bars: pg.BarGraphItem | None = None
        self.annual_target_curve: pg.PlotDataItem | None = None
        self.draw()

    # --- positions: month m (0–11) of year index y sits at x = years[y] + (m + 0.5) / 12 -------------------

    def month_x(self) -> np.ndarray:
        years = np.asarray(self.history.years, dtype=float)
        return (years[:, None] + (np.arange(12) + 0.5)[None, :] / 12).ravel()

    def year_label(self, y: int) -> str:
        year = self.history.years[y]
        last = self.history.last_month
        if year == last // 100 and last % 100 < 12:  # the year still under way: its year to date
            return tr("{year} (ene–{month})", year=year, month=month_name(last % 100)[:3])
        return str(year)

    def set_unit(self, unit: int) -> None:
        self.unit = unit
        self.draw()

    def draw(self) -> None:
        h, j = self.history, self.unit
        text = self.palette().text().color()
        dashes = pg.mkPen(muted_colour(self.palette()), width=2, style=Qt.PenStyle.DashLine)
        base = self.palette().base().color()
        years = np.asarray(h.years, dtype=float)

        self.monthly.clear()
        self.monthly.setBackground(base)
        for year in h.years[1:]:  # a thin rule where each year begins
            rule = pg.InfiniteLine(pos=year, angle=90, pen=pg.mkPen(muted_colour(self.palette()), width=0.6))
            self.monthly.addItem(rule)
        x = self.month_x()
        values, targets = h.monthly_value[j].ravel(), h.monthly_target[j].ravel()
        self.target_curve = self.monthly.plot(*_finite(x, targets), pen=dashes, name=tr("Meta"), connect="finite")
        self.value_curve = self.monthly.plot(
            x,
            values,
            pen=pg.mkPen(text, width=2),
            symbol="o",
            symbolSize=4,
            symbolBrush=pg.mkBrush(text),
            name=tr("Resultado"),
            connect="finite",
        )
        self.monthly.getAxis("bottom").setTicks(
            [[(year + 0.5, self.year_label(y)) for y, year in enumerate(h.years)], []]
        )
        self.monthly.setXRange(years[0], years[-1] + 1, padding=0.01)
        self._fit(self.monthly, values, targets)

        self.annual.clear()
        self.annual.setBackground(base)
        totals, goals = h.annual_value[j], h.annual_target[j]
        # each year's bar in the colour its own year's scorecard gave it
        colours = [QColor(status_colour(Status(int(k)).key, self.palette())) for k in h.annual_status[j]]
        self.bars = pg.BarGraphItem(
            x=years,
            height=np.nan_to_num(totals),
            width=0.6,
            brush=pg.mkBrush(QColor(status_colour("not_due", self.palette()))),
            brushes=[pg.mkBrush(c) for c in colours],
            pen=pg.mkPen(text),
        )
        self.annual.addItem(self.bars)
        self.annual.getPlotItem().legend.addItem(self.bars, tr("Total del año (color: su semáforo)"))
        self.annual_target_curve = self.annual.plot(
            *_finite(years, goals),
            pen=dashes,
            symbol="t",
            symbolSize=10,
            symbolBrush=pg.mkBrush(muted_colour(self.palette())),
            name=tr("Meta anual"),
            connect="finite",
        )
        self.annual.getAxis("bottom").setTicks([[(year, self.year_label(y)) for y, year in enumerate(h.years)], []])
        self.annual.setXRange(years[0] - 0.6, years[-1] + 0.6, padding=0)
        self._fit(self.annual, totals, goals)
        self.monthly.setAccessibleDescription(self.describe_months())
        self.annual.setAccessibleDescription(self.describe_years())

    @staticmethod
    def _fit(plot: pg.PlotWidget, *series: np.ndarray) -> None:
        finite = [float(v) for s in series for v in s if not math.isnan(v)]
        plot.setYRange(0, max(finite) * 1.15 if finite and max(finite) > 0 else 1.0, padding=0)

    # --- words ------------------------------------------------------------------------------------------

    def year_text(self, y: int) -> str:
        h, j = self.history, self.unit
        return tr(
            "{year}: total {value} · meta {target} · {status}",
            year=self.year_label(y),
            value=number(_opt(h.annual_value[j, y]), self.lang),
            target=number(_opt(h.annual_target[j, y]), self.lang),
            status=status_word(Status(int(h.annual_status[j, y])), self.lang),
        )

    def month_text(self, y: int, m: int) -> str:
        h, j = self.history, self.unit
        return tr(
            "{month} {year}: resultado {value} · meta {target}",
            month=month_name(m + 1),
            year=h.years[y],
            value=number(_opt(h.monthly_value[j, y, m]), self.lang),
            target=number(_opt(h.monthly_target[j, y, m]), self.lang),
        )

    def describe_years(self) -> str:
        return " ; ".join(self.year_text(y) for y in range(len(self.history.years)))

    def describe_months(self) -> str:
        """Per year, the months with a figure (a screen reader's version of the line)."""
        h, j = self.history, self.unit
        parts = []
        for y, year in enumerate(h.years):
            row = h.monthly_value[j, y]
            shown = [number(_opt(v), self.lang) for v in row]
            if any(not math.isnan(v) for v in row):
                parts.append(f"{year}: " + ", ".join(shown))
        return " ; ".join(parts)

    def _hover_month(self, position: Any) -> None:
        if not self.monthly.sceneBoundingRect().contains(position):
            return
        x = self.monthly.getPlotItem().vb.mapSceneToView(position).x()
        y, m = math.floor(x) - self.history.years[0], int((x - math.floor(x)) * 12)
        if 0 <= y < len(self.history.years) and 0 <= m < 12:
            self.readout.setText(self.month_text(y, m))

    def _hover_year(self, position: Any) -> None:
        if not self.annual.sceneBoundingRect().contains(position):
            return
        y = round(self.annual.getPlotItem().vb.mapSceneToView(position).x()) - self.history.years[0]
        if 0 <= y < len(self.history.years):
            self.readout.setText(self.year_text(y))
