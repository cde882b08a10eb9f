"""Configuración del plan, the «Indicadores» tab: the indicator list beside the ficha (every field of the
indicator sheet), edited in place in the plan editor's indicator model.

A mixin of :class:`ui.plan_editor.PlanEditor` (listed before QDialog): the tab's widgets and the ficha's
reading and writing; the editor's state (models, store, validation) is the dialog's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import Frequency, Kind, Method, Polarity
from scorecard.formatting import number
from scorecard.plan_specs import IndicatorSpec
from ui.i18n import QT_TR_NOOP, tr
from ui.models.plan_models import parse_number
from ui.plan_editor_base import EditorBase
from ui.theme import error_colour

POLARITY_WORDS = {
    Polarity.HIGHER_IS_BETTER: QT_TR_NOOP("mayor es mejor"),
    Polarity.LOWER_IS_BETTER: QT_TR_NOOP("menor es mejor"),
    Polarity.IN_BAND: QT_TR_NOOP("dentro de una banda"),
}
KIND_WORDS = {
    Kind.COUNT: QT_TR_NOOP("conteo (se suma)"),
    Kind.STOCK: QT_TR_NOOP("existencia (último valor)"),
    Kind.AVERAGE: QT_TR_NOOP("promedio"),
    Kind.RATIO: QT_TR_NOOP("razón (numerador / denominador)"),
}
FREQUENCY_WORDS = {
    Frequency.MONTHLY: QT_TR_NOOP("mensual"),
    Frequency.QUARTERLY: QT_TR_NOOP("trimestral"),
    Frequency.SEMIANNUAL: QT_TR_NOOP("semestral"),
    Frequency.ANNUAL: QT_TR_NOOP("anual"),
}
METHOD_WORDS = {Method.TARGET: QT_TR_NOOP("contra la meta"), Method.BASELINE: QT_TR_NOOP("avance desde la línea base")}
TEXT_FIELDS = (
    ("code", QT_TR_NOOP("Código")),
    ("name", QT_TR_NOOP("Nombre")),
    ("unit_of_measure", QT_TR_NOOP("Unidad de medida")),
    ("source", QT_TR_NOOP("Fuente")),
    ("responsible", QT_TR_NOOP("Responsable")),
)
LONG_FIELDS = (("description", QT_TR_NOOP("Descripción")), ("formula", QT_TR_NOOP("Fórmula de cálculo")))
NUMBER_FIELDS = (
    ("factor", QT_TR_NOOP("Factor")),
    ("baseline", QT_TR_NOOP("Línea base")),
    ("band_min", QT_TR_NOOP("Banda mínima")),
    ("band_max", QT_TR_NOOP("Banda máxima")),
    ("weight", QT_TR_NOOP("Peso")),
    ("green", QT_TR_NOOP("Umbral verde (%)")),
    ("yellow", QT_TR_NOOP("Umbral amarillo (%)")),
)
REQUIRED_NUMBERS = {"factor": 1.0, "weight": 1.0}
PERCENT_FIELDS = {"green", "yellow"}  # stored as fractions of performance (0.9), typed as percents (90)
CHOICES: tuple[tuple[str, str, dict[Any, str]], ...] = (
    ("polarity", QT_TR_NOOP("Polaridad"), POLARITY_WORDS),
    ("kind", QT_TR_NOOP("Tipo de indicador"), KIND_WORDS),
    ("frequency", QT_TR_NOOP("Frecuencia"), FREQUENCY_WORDS),
    ("method", QT_TR_NOOP("Método de cálculo"), METHOD_WORDS),
)


class IndicatorsTab(EditorBase):
    """The indicator list and the ficha of :class:`ui.plan_editor.PlanEditor`."""

    def _indicators_tab(self) -> QWidget:
        self.indicators_view = self._table(self.indicators, tr("Indicadores"))
        self.indicators_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.indicators_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.indicators_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.indicators_view.selectionModel().currentRowChanged.connect(
            lambda cur, _old: self.pick_indicator(cur.row())
        )
        add = QPushButton(tr("Nuevo indicador"))
        add.clicked.connect(self.add_indicator)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.indicators_view, 1)
        left_layout.addWidget(add)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._ficha())

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 760])
        return split

    def _ficha(self) -> QGroupBox:
        self.fields: dict[str, QWidget] = {}
        ficha = QGroupBox(tr("Ficha del indicador"))
        form = QFormLayout(ficha)
        for name, label in TEXT_FIELDS:
            edit = QLineEdit()
            edit.textEdited.connect(self._form_edited)
            self._add_field(form, name, label, edit)
        self.objective_box = QComboBox()
        self.objective_box.currentIndexChanged.connect(self._form_edited)
        self._add_field(form, "objective", QT_TR_NOOP("Objetivo"), self.objective_box)
        for name, label in LONG_FIELDS:
            text = QPlainTextEdit()
            text.setFixedHeight(54)
            text.setTabChangesFocus(True)
            text.textChanged.connect(self._form_edited)
            self._add_field(form, name, label, text)
        for name, label, words in CHOICES:
            box = QComboBox()
            for value, word in words.items():
                box.addItem(tr(word), value)
            box.currentIndexChanged.connect(self._form_edited)
            self._add_field(form, name, label, box)
        levels = QLineEdit()
        levels.setPlaceholderText(", ".join(self.info.level_names))
        levels.setToolTip(
            tr("Niveles en que se reporta, separados por comas: {levels}", levels=", ".join(self.info.level_names))
        )
        levels.textEdited.connect(self._form_edited)
        self._add_field(form, "levels", QT_TR_NOOP("Niveles de reporte"), levels)
        th = self.info.thresholds
        inherited = {"green": number(th.green * 100, self.lang), "yellow": number(th.yellow * 100, self.lang)}
        for name, label in NUMBER_FIELDS:
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            if name in inherited:
                edit.setPlaceholderText(tr("los de la institución: {value}", value=inherited[name]))
            edit.textEdited.connect(self._form_edited)
            self._add_field(form, name, label, edit)
        year = QSpinBox()
        year.setRange(0, 2100)
        year.setSpecialValueText("—")
        year.valueChanged.connect(self._form_edited)
        self._add_field(form, "baseline_year", QT_TR_NOOP("Año de la línea base"), year)
        self.form_problems = QLabel()
        self.form_problems.setWordWrap(True)
        self.form_problems.setStyleSheet(f"color: {error_colour(self.palette())};")
        form.addRow(self.form_problems)
        return ficha

    def _add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(tr(label))
        form.addRow(tr(label) + ":", widget)
        self.fields[name] = widget

    def add_indicator(self) -> None:
        objective = next((o.code for o in self.objectives.objectives), "")
        n = len(self.indicators.indicators) + 1
        spec = IndicatorSpec(f"IND-{n:02d}", tr("Nuevo indicador"), objective, Polarity.HIGHER_IS_BETTER, Kind.COUNT)
        row = self.indicators.add(spec)
        self.pick_indicator(row)
        self.validate()

    def _refresh_objective_box(self) -> None:
        current = self.objective_box.currentData()
        self._filling = True
        self.objective_box.clear()
        for o in self.objectives.objectives:
            self.objective_box.addItem(f"{o.code} · {o.name}", o.code)
        index = self.objective_box.findData(current)
        self.objective_box.setCurrentIndex(max(index, 0))
        self._filling = False

    def pick_indicator(self, row: int) -> None:
        """Show indicator ``row`` in the ficha."""
        if not 0 <= row < len(self.indicators.indicators):
            return
        self.current = row
        index = self.indicators.index(row, 0)
        if self.indicators_view.currentIndex().row() != row:
            self.indicators_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        spec = self.indicators.indicators[row]
        self._refresh_objective_box()
        self._filling = True
        for name, _label in TEXT_FIELDS:
            self.field(name, QLineEdit).setText(getattr(spec, name) or "")
        for name, _label in LONG_FIELDS:
            self.field(name, QPlainTextEdit).setPlainText(getattr(spec, name) or "")
        for name, _label, _words in CHOICES:
            box = self.field(name, QComboBox)
            box.setCurrentIndex(box.findData(getattr(spec, name)))
        self.objective_box.setCurrentIndex(max(self.objective_box.findData(spec.objective), 0))
        self.field("levels", QLineEdit).setText(", ".join(spec.levels))
        for name, _label in NUMBER_FIELDS:
            value = getattr(spec, name)
            if value is not None and name in PERCENT_FIELDS:
                value = round(value * 100, 10)
            self.field(name, QLineEdit).setText("" if value is None else number(value, self.lang))
        self.field("baseline_year", QSpinBox).setValue(spec.baseline_year or 0)
        self._filling = False
        self._show_form_problems()

    def field(self, name: str, kind: type[Any]) -> Any:
        widget = self.fields[name]
        assert isinstance(widget, kind)
        return widget

    def _form_edited(self, *_args: Any) -> None:
        if self._filling or not self.indicators.indicators:
            return
        spec = self.form_spec()
        if spec is not None:
            self.indicators.put(self.current, spec)
        self.validate()

    def form_spec(self) -> IndicatorSpec | None:
        """The ficha as typed; None while a number field holds something that is not a number."""
        old = self.indicators.indicators[self.current]
        values: dict[str, Any] = {}
        for name, _label in TEXT_FIELDS:
            values[name] = self.field(name, QLineEdit).text().strip() or (None if name not in ("code", "name") else "")
        for name, _label in LONG_FIELDS:
            values[name] = self.field(name, QPlainTextEdit).toPlainText().strip() or None
        for name, _label, words in CHOICES:  # Qt hands the enum back as its plain string
            values[name] = type(next(iter(words)))(self.field(name, QComboBox).currentData())
        values["objective"] = self.objective_box.currentData() or old.objective
        levels = self.field("levels", QLineEdit).text()
        values["levels"] = tuple(p.strip() for p in levels.split(",") if p.strip())
        self.number_problems: list[str] = []
        for name, label in NUMBER_FIELDS:
            text = self.field(name, QLineEdit).text().strip()
            if not text:
                values[name] = REQUIRED_NUMBERS.get(name)
                continue
            parsed = parse_number(text, self.lang)
            if parsed is None:
                self.number_problems.append(tr("{field}: «{text}» no es un número", field=tr(label), text=text))
            if parsed is not None and name in PERCENT_FIELDS:
                parsed /= 100
            values[name] = parsed if parsed is not None else getattr(old, name)
        values["baseline_year"] = self.field("baseline_year", QSpinBox).value() or None
        return replace(old, **values)
