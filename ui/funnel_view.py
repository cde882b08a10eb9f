"""The league table's other view: a funnel plot (statistics.md §2, Spiegelhalter 2005).  Each unit is a
point, its rate (× the indicator's factor) against its exposure; the benchmark is a line and the 95 % and
99.8 % control limits are the funnel's curves.  A unit outside the limits is named beside its point; a
hovered point says its unit, rate, expected events and where it lies; a click selects that unit in the
main window's tree.  The units without exposure are listed below the plot.

The figures are the core's (``store.funnel.funnel``), asked on the main window's worker."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scorecard.domain import Kind, Polarity
from scorecard.formatting import number
from scorecard.store import Store
from ui.chart_axes import NumberAxis
from ui.i18n import QT_TR_NOOP, current_lang, tr
from ui.theme import error_colour, good_colour, muted_colour
from ui.worker import DbWorker

FLAG_WORDS = {
    "above_998": QT_TR_NOOP("sobre el límite de 99,8 %"),
    "above_95": QT_TR_NOOP("sobre el límite de 95 %"),
    "below_998": QT_TR_NOOP("bajo el límite de 99,8 %"),
    "below_95": QT_TR_NOOP("bajo el límite de 95 %"),
    "within": QT_TR_NOOP("dentro de los límites"),
}
SYMBOLS = {"above": "t1", "below": "t", "within": "o"}  # shape says the side, so it reads without colour


def funnel_of(store: Store, institution: str, indicator: str, period: str, **options: Any) -> dict[str, Any]:
    """The core's funnel (statistics.md §2) for the options of :func:`store.funnel.funnel`."""
    manager: Any = store
    return dict(manager.funnel.funnel(institution, indicator, period, **options))


class FunnelView(QWidget):
    """Controls above, the plot, and the units without exposure below; ``unit_clicked`` on a point's click."""

    unit_clicked = Signal(str)

    def __init__(self, store: Store, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.worker, self.lang = store, worker, current_lang()
        self.context: tuple[str, str, str | None] | None = None  # institution, period, unit
        self.filled_for: str | None = None  # the institution whose indicators and levels the boxes hold
        self.polarity: dict[str, Polarity] = {}
        self.data: dict[str, Any] | None = None
        self.labels: list[pg.TextItem] = []
        self.scatter: pg.ScatterPlotItem | None = None
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._build()

    def _build(self) -> None:
        self.indicator_box = QComboBox()
        self.indicator_box.setAccessibleName(tr("Indicador"))
        self.indicator_box.setMinimumContentsLength(28)
        self.level_box = QComboBox()
        self.level_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.level_box.setAccessibleName(tr("Nivel"))
        self.benchmark_box = QComboBox()
        self.benchmark_box.setAccessibleName(tr("Referencia"))
        self.benchmark_box.addItem(tr("Promedio de las unidades"), "overall")
        self.benchmark_box.addItem(tr("Meta"), "target")
        self.ytd = QCheckBox(tr("Acumulado (año a la fecha)"))
        bar = QHBoxLayout()
        for text, box in ((tr("Indicador"), self.indicator_box), (tr("Nivel"), self.level_box)):
            label = QLabel(text + ":")
            label.setBuddy(box)
            bar.addWidget(label)
            bar.addWidget(box)
        bar.addWidget(QLabel(tr("Referencia") + ":"))
        bar.addWidget(self.benchmark_box)
        bar.addWidget(self.ytd)
        bar.addStretch(1)
        self.status = QLabel()
        self.status.setAccessibleName(tr("Estado del cálculo"))

        self.plot = pg.PlotWidget(axisItems={"left": NumberAxis(self.lang, orientation="left")})
        self.plot.setAccessibleName(tr("Gráfico de embudo: tasa de cada unidad frente a su exposición"))
        self.plot.setBackground(self.palette().base().color())
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.hideButtons()
        self.plot.addLegend(offset=(10, 10))
        self.plot.setLabel("bottom", tr("Exposición"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.without = QLabel()
        self.without.setWordWrap(True)
        self.without.setAccessibleName(tr("Unidades sin exposición"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(self.status)
        layout.addLayout(foot)
        layout.addWidget(self.without)
        for box in (self.indicator_box, self.level_box, self.benchmark_box):
            box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.ytd.toggled.connect(lambda *_: self.refresh())

    # --- what to draw ----------------------------------------------------------------------------------

    def show_for(self, institution: str, period: str, unit: str | None, ytd: bool) -> None:
        """The main window's selection; the plot is asked for only while the view is shown."""
        self.context = (institution, period, unit)
        self.ytd.blockSignals(True)
        self.ytd.setChecked(ytd)
        self.ytd.blockSignals(False)
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if self.context is None:
            return
        institution = self.context[0]
        if self.filled_for != institution:
            self._ask_choices(institution)
            return
        indicator = self.indicator_box.currentData()
        if not indicator:
            self.status.setText(tr("El plan no tiene indicadores de conteo ni de razón."))
            return
        period, unit = self.context[1], self.context[2]
        options = {
            "unit": unit,
            "level": self.level_box.currentData(),
            "ytd": self.ytd.isChecked(),
            "benchmark": str(self.benchmark_box.currentData()),
        }
        store = self.store
        self.status.setText(tr("Calculando…"))
        self.worker.submit(
            "funnel", lambda: funnel_of(store, institution, str(indicator), period, **options), self.draw, self._failed
        )

    def _ask_choices(self, institution: str) -> None:
        store = self.store

        def job() -> tuple[list[tuple[str, str, Polarity]], list[str]]:
            spec = store.plans.spec(institution)
            indicators = [(i.code, i.name, i.polarity) for i in spec.indicators if i.kind in (Kind.COUNT, Kind.RATIO)]
            levels = list(dict.fromkeys(u.level for u in store.units.list(institution)))
            return indicators, levels

        def done(choices: tuple[list[tuple[str, str, Polarity]], list[str]]) -> None:
            self.set_choices(institution, *choices)

        self.status.setText(tr("Calculando…"))
        self.worker.submit("funnel-choices", job, done, self._failed)

    def set_choices(self, institution: str, indicators: list[tuple[str, str, Polarity]], levels: list[str]) -> None:
        boxes = (self.indicator_box, self.level_box)
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        for code, name, _polarity in indicators:
            self.indicator_box.addItem(f"{code} · {name}", code)
        self.polarity = {code: polarity for code, _name, polarity in indicators}
        self.level_box.addItem(tr("Unidades subordinadas"), None)
        for level in levels:
            self.level_box.addItem(level.capitalize(), level)
        for box in boxes:
            box.blockSignals(False)
        self.filled_for = institution
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self.status.setText(tr("No se pudo calcular: {error}", error=str(exc)))

    # --- drawing ---------------------------------------------------------------------------------------

    def draw(self, data: dict[str, Any]) -> None:
        self.data = data
        self.status.setText("")
        self.plot.clear()
        self.plot.setBackground(self.palette().base().color())  # the palette's, light or dark
        self.labels, self.curves = [], {}
        self.plot.setLabel("left", tr("Tasa × {factor}", factor=number(data.get("factor", 1), self.lang)))
        self._draw_limits(data)
        units = data.get("units", [])
        self.scatter = self._draw_units(units)
        self._label_outside(units)
        phi = data.get("phi")
        summary = tr("Referencia {value}", value=number(round(data["benchmark"], 2), self.lang))
        if phi is not None:
            summary += "  ·  φ = " + number(round(phi, 2), self.lang)
            if data.get("overdispersed"):
                summary += " — " + tr("sobredispersión: límites ampliados")
        self.summary.setText(summary)
        missing = data.get("without_exposure", [])
        self.without.setText(tr("Sin exposición: {units}", units=", ".join(missing)) if missing else "")
        self.without.setVisible(bool(missing))

    def _draw_limits(self, data: dict[str, Any]) -> None:
        curve = data.get("curve") or {}
        x = np.asarray(curve.get("exposure", []), dtype=float)
        muted = muted_colour(self.palette())
        benchmark = pg.InfiniteLine(pos=data["benchmark"], angle=0, pen=pg.mkPen(muted, width=1.5))
        self.plot.addItem(benchmark)
        styles = {
            "95": (Qt.PenStyle.DashLine, tr("Límites de 95 %")),
            "998": (Qt.PenStyle.SolidLine, tr("Límites de 99,8 %")),
        }
        for key, (style, name) in styles.items():
            for side in ("lower", "upper"):
                y = np.asarray(curve.get(f"{side}{key}", []), dtype=float)
                item = self.plot.plot(
                    x, y, pen=pg.mkPen(muted, width=1.2, style=style), name=name if side == "upper" else None
                )
                self.curves[f"{side}{key}"] = item

    def _side_colour(self, flag: str) -> QColor:
        polarity = self.polarity.get(str((self.data or {}).get("indicator")), Polarity.LOWER_IS_BETTER)
        if flag == "within":
            return QColor(self.palette().text().color())
        bad_side = "below" if polarity is Polarity.HIGHER_IS_BETTER else "above"
        return QColor(error_colour() if flag.startswith(bad_side) else good_colour())

    def _draw_units(self, units: list[dict[str, Any]]) -> pg.ScatterPlotItem:
        spots = [
            {
                "pos": (u["exposure"], u["rate"]),
                "data": u["unit"],
                "symbol": SYMBOLS[u["flag"].split("_")[0]],
                "brush": pg.mkBrush(self._side_colour(u["flag"])),
                "size": 11 if u["flag"] == "within" else 13,
            }
            for u in units
        ]
        by_code = {u["unit"]: u for u in units}
        scatter = pg.ScatterPlotItem(
            spots=spots, hoverable=True, pen=pg.mkPen(None), tip=lambda **spot: self.tip(by_code[spot["data"]])
        )
        scatter.sigClicked.connect(lambda _item, points, *_: self._clicked(points))
        self.plot.addItem(scatter)
        return scatter

    def _label_outside(self, units: list[dict[str, Any]]) -> None:
        right = max((u["exposure"] for u in units), default=0.0) * 0.85  # names there go left of the point
        for u in units:
            if u["flag"] == "within":
                continue
            anchor = (1 if u["exposure"] > right else 0, 1 if u["flag"].startswith("above") else 0)
            label = pg.TextItem(u["unit"], color=self._side_colour(u["flag"]), anchor=anchor)
            label.setPos(u["exposure"], u["rate"])
            self.plot.addItem(label)
            self.labels.append(label)

    def tip(self, u: dict[str, Any]) -> str:
        lang = self.lang
        return "\n".join(
            [
                f"{u['unit']} · {u.get('name') or ''}".rstrip(" ·"),
                tr("Tasa: {value}", value=number(round(u["rate"], 2), lang)),
                tr(
                    "Observados {observed}, esperados {expected}",
                    observed=number(u["observed"], lang),
                    expected=number(round(u["expected"], 2), lang),
                ),
                tr(FLAG_WORDS.get(u["flag"], u["flag"])),
            ]
        )

    def _clicked(self, points: Any) -> None:
        for point in list(points)[:1]:
            self.unit_clicked.emit(str(point.data()))

    def point_of(self, unit: str) -> Any:
        """The scatter point of ``unit`` (tests and the screenshot script)."""
        assert self.scatter is not None
        return next(p for p in self.scatter.points() if p.data() == unit)
