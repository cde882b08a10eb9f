"""An indicator's sheet (the whole ficha) beside its year: result against target month by month, over the
green / yellow / red ranges its thresholds give, for the unit or any unit right below it.  Hovering the
chart shows the month's exact figures."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scorecard.control_band import control_chart
from scorecard.domain import Kind, Status
from scorecard.formatting import number, percent, status_word
from scorecard.history import YearHistory, status_bands, year_history
from scorecard.plan_specs import IndicatorSpec
from scorecard.store import Store
from scorecard.years_history import years_history
from ui.chart_axes import NumberAxis
from ui.expected_band import band_items, outside_text
from ui.i18n import QT_TR_NOOP, current_lang, month_name, tr
from ui.owned_worker import OwnsWorker
from ui.theme import muted_colour, status_colour
from ui.years_chart import YearsChart

MONTH_ABBREVIATIONS = (
    QT_TR_NOOP("ene"),
    QT_TR_NOOP("feb"),
    QT_TR_NOOP("mar"),
    QT_TR_NOOP("abr"),
    QT_TR_NOOP("may"),
    QT_TR_NOOP("jun"),
    QT_TR_NOOP("jul"),
    QT_TR_NOOP("ago"),
    QT_TR_NOOP("sep"),
    QT_TR_NOOP("oct"),
    QT_TR_NOOP("nov"),
    QT_TR_NOOP("dic"),
)
WORDS = {  # the ficha's coded values, as people say them
    "higher_is_better": QT_TR_NOOP("mayor es mejor"),
    "lower_is_better": QT_TR_NOOP("menor es mejor"),
    "in_band": QT_TR_NOOP("dentro de una banda"),
    "count": QT_TR_NOOP("conteo (se suma)"),
    "stock": QT_TR_NOOP("existencia (último valor)"),
    "average": QT_TR_NOOP("promedio"),
    "ratio": QT_TR_NOOP("razón (numerador / denominador)"),
    "monthly": QT_TR_NOOP("mensual"),
    "quarterly": QT_TR_NOOP("trimestral"),
    "semiannual": QT_TR_NOOP("semestral"),
    "annual": QT_TR_NOOP("anual"),
    "target": QT_TR_NOOP("contra la meta"),
    "baseline": QT_TR_NOOP("avance desde la línea base"),
}
BAND_ALPHA = 46


class IndicatorDialog(OwnsWorker, QDialog):
    def __init__(
        self,
        store: Store,
        institution: str,
        period: str,
        unit: str | None,
        code: str,
        history: YearHistory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.start_worker()
        self.lang = current_lang()
        self.store = store
        self.institution = institution
        self.code = code
        # a count's expected band, per unit of the box: read on the worker, drawn when it comes
        self.bands: dict[int, list[dict[str, Any]]] = {}
        self.band_fill: pg.FillBetweenItem | None = None
        self.band_marks: pg.ScatterPlotItem | None = None
        if history is None or code not in history.indicator_codes or (unit and history.unit_codes[0] != unit):
            history = year_history(store, institution, period, unit)
        self.history = history
        self.k = history.index(code)
        self.spec = next(s for s in store.plans.spec(institution).indicators if s.code == code)
        self.setWindowTitle(tr("Indicador {code} — {name}", code=code, name=self.spec.name))
        self.resize(1200, 640)

        self.unit_box = QComboBox()
        self.unit_box.setAccessibleName(tr("Unidad del gráfico"))
        for j, (ucode, uname) in enumerate(zip(history.unit_codes, history.unit_names, strict=True)):
            label = f"{ucode} · {uname}" + ("  (" + tr("unidad seleccionada") + ")" if j == 0 else "")
            self.unit_box.addItem(label, j)
        self.unit_box.currentIndexChanged.connect(lambda *_: self._unit_changed())
        self.readout = QLabel(tr("Pase el puntero sobre el gráfico para ver las cifras exactas."))
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setAccessibleName(tr("Cifras del mes"))

        self.plot = pg.PlotWidget(axisItems={"left": NumberAxis(self.lang, orientation="left")})
        self.plot.setAccessibleName(tr("Gráfico de {code}: resultado frente a meta por mes", code=code))
        self.plot.setBackground(self.palette().base().color())
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.getAxis("bottom").setTicks([[(m + 1, tr(MONTH_ABBREVIATIONS[m])) for m in range(12)]])
        self.plot.addLegend(offset=(10, 10))
        self.plot.scene().sigMouseMoved.connect(self._hover)

        # every year of the unit's history, on tabs beside this year's chart: read on the dialog's worker
        # (ten national years take seconds), the tabs say so meanwhile
        self.years: YearsChart | None = None
        self.views = QTabWidget()
        self.views.setAccessibleName(tr("Vistas del gráfico"))
        self.views.addTab(self.plot, tr("Año {year}", year=history.year))
        for title in (tr("Todos los años, mes a mes"), tr("Totales anuales")):
            waiting = QLabel(tr("Leyendo la historia de todos los años…"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.views.addTab(waiting, title)
        self.worker.submit(
            "years", lambda: years_history(store, institution, period, code, unit), self._years_read, self._years_failed
        )

        chart = QVBoxLayout()
        picker = QHBoxLayout()
        picker.addWidget(QLabel(tr("Unidad:")))
        picker.addWidget(self.unit_box, 1)
        chart.addLayout(picker)
        chart.addWidget(self.views, 1)
        chart.addWidget(self.readout)

        body = QHBoxLayout()
        body.addWidget(self._ficha(), 0)
        body.addLayout(chart, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.draw()
        self._ask_band()

    # --- the ficha ----------------------------------------------------------------------------------

    def ficha_rows(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Every field of the indicator's definition, labelled and formatted for the reader (with the
        fields of :class:`IndicatorSpec` each row shows)."""
        s: IndicatorSpec = self.spec
        th = self.history.thresholds[self.k]
        lang = self.lang

        def num(x: float | None) -> str:
            return number(x, lang) if x is not None else "—"

        def word(value: str) -> str:
            return tr(WORDS[value]) if value in WORDS else value

        band = f"{num(s.band_min)} – {num(s.band_max)}" if s.band_min is not None else "—"
        return [
            (tr("Código"), s.code, ("code",)),
            (tr("Nombre"), s.name, ("name",)),
            (tr("Objetivo"), s.objective, ("objective",)),
            (tr("Descripción"), s.description or "—", ("description",)),
            (tr("Fórmula"), s.formula or "—", ("formula",)),
            (tr("Unidad de medida"), s.unit_of_measure or "—", ("unit_of_measure",)),
            (tr("Tipo"), word(s.kind.value), ("kind",)),
            (tr("Polaridad"), word(s.polarity.value), ("polarity",)),
            (tr("Frecuencia"), word(s.frequency.value), ("frequency",)),
            (tr("Factor"), num(s.factor), ("factor",)),
            (tr("Método"), word(s.method.value), ("method",)),
            (tr("Banda"), band, ("band_min", "band_max")),
            (
                tr("Línea base"),
                num(s.baseline) + (f" ({s.baseline_year})" if s.baseline_year else ""),
                ("baseline", "baseline_year"),
            ),
            (tr("Peso"), num(s.weight), ("weight",)),
            (tr("Umbral verde"), percent(th.green, lang, 0), ("green",)),  # the institution's when unset
            (tr("Umbral amarillo"), percent(th.yellow, lang, 0), ("yellow",)),
            (tr("Niveles que reportan"), ", ".join(s.levels) or "—", ("levels",)),
            (tr("Fuente"), s.source or "—", ("source",)),
            (tr("Responsable"), s.responsible or "—", ("responsible",)),
        ]

    def _ficha(self) -> QWidget:
        box = QGroupBox(tr("Ficha del indicador"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, value, _fields in self.ficha_rows():
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setMaximumWidth(320)
            form.addRow(f"<b>{label}</b>", text)
        box.setMaximumWidth(470)
        return box

    # --- the chart ----------------------------------------------------------------------------------

    @property
    def unit_index(self) -> int:
        return int(self.unit_box.currentData() or 0)

    def series(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        h, j = self.history, self.unit_index
        return h.value[self.k, j], h.target[self.k, j], h.status[self.k, j]

    def _years_read(self, history: Any) -> None:
        self.years = YearsChart(history, self.readout, self)
        self.years.set_unit(self.unit_index)
        current = self.views.currentIndex()
        for index, widget in ((1, self.years.monthly), (2, self.years.annual)):
            title = self.views.tabText(index)
            old = self.views.widget(index)
            self.views.removeTab(index)
            self.views.insertTab(index, widget, title)
            if old is not None:
                old.deleteLater()
        self.views.setCurrentIndex(current)

    def _years_failed(self, exc: Exception) -> None:
        from scorecard.errors import UserError

        words = exc.text(self.lang) if isinstance(exc, UserError) else str(exc)
        for index in (1, 2):
            label = self.views.widget(index)
            if isinstance(label, QLabel):
                label.setText(words)

    def wait_years(self, timeout_s: float = 60.0) -> bool:
        """Until the multi-year tabs are drawn (scripts and tests; the app never waits on it)."""
        return self.worker.wait_idle(timeout_s) and self.years is not None

    def _ask_band(self) -> None:
        j = self.unit_index
        if self.spec.kind is not Kind.COUNT or j in self.bands:
            return
        unit, year = self.history.unit_codes[j], self.history.year
        self.worker.submit(
            f"band-{j}",
            lambda: control_chart(self.store, self.institution, self.code, unit, year * 100 + 1, year * 100 + 12),
            lambda points: self._band_read(j, points),
            lambda _exc: None,  # no band is no loss: the chart stands without it
        )

    def _band_read(self, j: int, points: list[dict[str, Any]]) -> None:
        self.bands[j] = points
        if j == self.unit_index:
            self.draw()

    def wait_band(self, timeout_s: float = 60.0) -> bool:
        """Until the unit's expected band is read (scripts and tests; the app never waits on it)."""
        return self.worker.wait_idle(timeout_s) and self.unit_index in self.bands

    def _unit_changed(self) -> None:
        self._ask_band()
        self.draw()
        if self.years is not None:
            self.years.set_unit(self.unit_index)

    def draw(self) -> None:
        values, targets, _ = self.series()
        definition = self.history.definitions[self.k]
        finite = [x for x in (*values, *targets) if not math.isnan(x)]
        top = max(finite) * 1.25 if finite else 1.0
        if definition.band_max is not None:
            top = max(top, definition.band_max * 1.4)
        self.band_fill = self.band_marks = None
        points = self.bands.get(self.unit_index)
        if points:  # a count's expected band: the chart is tall enough for it
            self.band_fill, self.band_marks = band_items(points, self.palette())
            top = max(top, max((p["upper"] or 0 for p in points), default=0) * 1.1)
        self.plot.clear()
        months = np.arange(1, 13, dtype=float)
        fill_targets = targets.copy()
        known = ~np.isnan(fill_targets)
        if known.any():  # carry the last target over months without one so the bands do not break
            fill_targets = np.interp(months, months[known], fill_targets[known])
        band_x = np.column_stack([months - 0.5, months + 0.5]).ravel()  # each month's band spans its slot
        for low, high, status in status_bands(fill_targets, definition, self.history.thresholds[self.k], top):
            colour = QColor(status_colour(status.key, self.palette()))
            colour.setAlpha(BAND_ALPHA)
            lower = pg.PlotCurveItem(band_x, np.nan_to_num(np.repeat(low, 2), nan=0.0))
            upper = pg.PlotCurveItem(band_x, np.nan_to_num(np.repeat(high, 2), nan=top))
            self.plot.addItem(pg.FillBetweenItem(lower, upper, brush=colour, pen=None))
        if self.band_fill is not None:
            self.plot.addItem(self.band_fill)  # over the status bands, under the figures
        dashes = pg.mkPen(muted_colour(self.palette()), width=2, style=Qt.PenStyle.DashLine)
        self.plot.plot(months, targets, pen=dashes, name=tr("Meta"))
        text_colour = self.palette().text().color()
        self.plot.plot(
            months,
            values,
            pen=pg.mkPen(text_colour, width=2.5),
            symbol="o",
            symbolSize=8,
            symbolBrush=[pg.mkBrush(status_colour(Status(int(s)).key, self.palette())) for s in self.series()[2]],
            name=tr("Resultado"),
            connect="finite",
        )
        if self.band_marks is not None and len(self.band_marks.data):
            self.plot.addItem(self.band_marks)
        self.plot.setYRange(0, top, padding=0)
        self.plot.setXRange(0.5, 12.5, padding=0)
        unit = self.history.unit_codes[self.unit_index]
        self.plot.setAccessibleDescription(self.describe())
        self.plot.setToolTip(tr("{code} en {unit}", code=self.code, unit=unit))

    def month_text(self, m: int) -> str:
        """The exact figures of month ``m`` (0-based) for the chart's unit."""
        values, targets, statuses = self.series()
        lang = self.lang
        status = Status(int(statuses[m]))
        points = self.bands.get(self.unit_index) or []
        outside = next((outside_text(p["flag"]) for p in points if p["month"] % 100 == m + 1 and p["flag"]), "")
        text = tr(
            "{month} {year}: resultado {value} · meta {target} · {status}",
            month=month_name(m + 1),
            year=self.history.year,
            value=number(None if math.isnan(values[m]) else float(values[m]), lang),
            target=number(None if math.isnan(targets[m]) else float(targets[m]), lang),
            status=status_word(status, lang),
        )
        return f"{text} · {outside}" if outside else text

    def describe(self) -> str:
        """What the chart shows, in words (screen readers read it as the chart's description)."""
        values, _, _ = self.series()
        filed = [m for m in range(12) if not math.isnan(values[m])]
        return " ; ".join(self.month_text(m) for m in filed)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """The system switched between light and dark: repaint the chart in the new palette."""
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and hasattr(self, "plot"):
            self.plot.setBackground(self.palette().base().color())
            self.draw()
            if getattr(self, "years", None) is not None:
                self.years.draw()  # type: ignore[union-attr]
        super().changeEvent(event)

    def _hover(self, position: Any) -> None:
        vb = self.plot.getPlotItem().vb
        if not self.plot.sceneBoundingRect().contains(position):
            return
        x = vb.mapSceneToView(position).x()
        m = round(x) - 1
        if 0 <= m < 12:
            self.readout.setText(self.month_text(m))
