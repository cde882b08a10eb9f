"""Configuración del plan: objectives, indicators (the whole ficha), monthly targets, the filing deadline,
and the plan workbook in and out.

The screen edits the core's own specs; the core's :func:`scorecard.plans.validate_plan` checks them as the
user types (thresholds, bands, weights, parents), and Save hands the plan and the changed targets to the
core in one transaction (``store.plans.load`` then ``store.figures.write_targets``), which also decides
who may do it: a refusal is shown as the core words it and nothing is written.  A changed definition
takes effect from the month picked in «Vigente desde»; months before keep the definition they had.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity, Thresholds
from scorecard.errors import UserError
from scorecard.figures import Figures
from scorecard.formatting import number
from scorecard.periods import Period
from scorecard.plans import IndicatorSpec, ObjectiveSpec, PlanSpec, thresholds_invalid, validate_plan
from scorecard.store import Store
from scorecard.target_writes import distribute_annual
from ui.i18n import QT_TR_NOOP, current_lang, tr
from ui.models.plan_models import IndicatorsModel, ObjectivesModel, TargetsModel, parse_number
from ui.plan_delegates import ObjectiveChoices
from ui.sources_panel import SourcesPanel
from ui.theme import error_colour
from ui.unsaved import may_discard

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


class PlanEditor(QDialog):
    saved = Signal()

    def __init__(self, store: Store, institution: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.institution = store, institution
        self.lang = current_lang()
        self.info = store.institutions.get(institution)
        self.units = store.units.list(institution)
        self.setWindowTitle(tr("Configuración del plan — {institution}", institution=self.info.name) + "[*]")
        self.resize(1280, 760)
        self.original = store.plans.spec(institution)
        self.plan_meta = (self.original.name, self.original.first_year, self.original.last_year)
        self.objectives = ObjectivesModel(list(self.original.objectives), self.lang)
        self.indicators = IndicatorsModel(list(self.original.indicators), self.lang)
        self.targets: TargetsModel | None = None
        self._filling = False
        self._build()
        if self.indicators.indicators:
            self.pick_indicator(0)
        self._load_targets()
        self.validate()

    # --- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._objectives_tab(), tr("Objetivos"))
        self.tabs.addTab(self._indicators_tab(), tr("Indicadores"))
        self.tabs.addTab(self._targets_tab(), tr("Metas"))
        self.tabs.addTab(self._institution_tab(), tr("Institución"))
        codes = [i.code for i in self.original.indicators]
        self.sources_panel = SourcesPanel(self.store, self.institution, codes)
        self.sources_panel.changed.connect(self.saved)  # an official source changes the scorecard at once
        self.tabs.addTab(self.sources_panel, tr("Fuentes"))

        self.effective = QDateEdit(QDate.currentDate())
        self.effective.setDisplayFormat("MM/yyyy")
        self.effective.setCalendarPopup(False)
        self.effective.setAccessibleName(tr("Vigente desde"))
        self.effective.setToolTip(tr("Los meses anteriores se siguen calificando con la definición que tenían."))
        effective_label = QLabel(tr("Cambios vigentes desde:"))
        effective_label.setBuddy(self.effective)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName(tr("Lo que falta para guardar"))
        self.import_button = QPushButton(tr("Importar plan…"))
        self.import_button.clicked.connect(self.ask_import)
        self.export_button = QPushButton(tr("Exportar plan…"))
        self.export_button.clicked.connect(self.ask_export)
        self.save_button = QPushButton(tr("Guardar"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        save_action = QAction(tr("Guardar"), self)
        save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        save_action.triggered.connect(self.save)
        self.addAction(save_action)
        close_button = QPushButton(tr("Cerrar"))
        close_button.clicked.connect(self.close)

        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addSpacing(16)
        bottom.addWidget(effective_label)
        bottom.addWidget(self.effective)
        bottom.addWidget(self.problems_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _table(self, model: Any, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(26)
        view.setWordWrap(False)
        return view

    def _objectives_tab(self) -> QWidget:
        self.objectives_view = self._table(self.objectives, tr("Objetivos"))
        header = self.objectives_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.objectives_view.setItemDelegate(ObjectiveChoices(self.objectives, self.objectives_view))
        self.objectives.dataChanged.connect(self.validate)
        self.objectives.rowsInserted.connect(self.validate)
        add_strategic = QPushButton(tr("Nuevo objetivo estratégico"))
        add_strategic.clicked.connect(lambda: self.add_objective(ObjectiveKind.STRATEGIC))
        add_operational = QPushButton(tr("Nuevo objetivo operativo"))
        add_operational.clicked.connect(lambda: self.add_objective(ObjectiveKind.OPERATIONAL))
        hint = QLabel(tr("Doble clic para editar. Un objetivo operativo cuelga de uno estratégico."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(add_strategic)
        buttons.addWidget(add_operational)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.objectives_view, 1)
        layout.addLayout(buttons)
        return page

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

    def _targets_tab(self) -> QWidget:
        self.target_indicator = QComboBox()
        self.target_indicator.setAccessibleName(tr("Indicador"))
        for i in self.indicators.indicators:
            self.target_indicator.addItem(f"{i.code} · {i.name}", i.code)
        self.target_year = QSpinBox()
        self.target_year.setRange(2000, 2100)
        self.target_year.setValue(self.original.first_year or dt.date.today().year)
        self.target_year.setAccessibleName(tr("Año"))
        self.target_level = QComboBox()
        self.target_level.setAccessibleName(tr("Nivel"))
        for level in self.info.level_names:
            self.target_level.addItem(level, level)
        self._follow_levels()
        self.target_indicator.currentIndexChanged.connect(self._follow_levels)
        self.target_indicator.currentIndexChanged.connect(self._load_targets)
        self.target_level.currentIndexChanged.connect(self._load_targets)
        self.target_year.valueChanged.connect(self._load_targets)
        self.distribute_button = QPushButton(tr("Distribuir meta anual…"))
        self.distribute_button.setToolTip(tr("Reparte una meta anual en los 12 meses de las unidades seleccionadas"))
        self.distribute_button.clicked.connect(self.ask_distribute)
        self.derive_button = QPushButton(tr("Metas desde la historia…"))
        self.derive_button.setToolTip(tr("Deriva las metas de un año de los resultados de años anteriores"))
        self.derive_button.clicked.connect(self.open_derive)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Motivo de la revisión (queda en la auditoría)"))
        self.reason.setAccessibleName(tr("Motivo de la revisión"))
        self.targets_view = self._table(None, tr("Metas mensuales"))
        self.targets_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.targets_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        top = QHBoxLayout()
        for label, widget in (
            (tr("Indicador:"), self.target_indicator),
            (tr("Año:"), self.target_year),
            (tr("Nivel:"), self.target_level),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.distribute_button)
        top.addWidget(self.derive_button)
        reason_row = QHBoxLayout()
        reason_label = QLabel(tr("Motivo:"))
        reason_label.setBuddy(self.reason)
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.targets_view, 1)
        layout.addLayout(reason_row)
        return page

    def _institution_tab(self) -> QWidget:
        th = self.info.thresholds
        self.deadline = QSpinBox()
        self.deadline.setRange(1, 31)
        self.deadline.setValue(self.info.deadline_days)
        self.deadline.setSuffix(tr(" días hábiles"))
        self.deadline.setAccessibleName(tr("Plazo de reporte"))
        self.deadline.valueChanged.connect(self.validate)
        box = QGroupBox(tr("Institución: {name}", name=self.info.name))
        form = QFormLayout(box)
        form.addRow(tr("Niveles:"), QLabel(" > ".join(self.info.level_names)))
        self.green_edit, self.yellow_edit = QLineEdit(), QLineEdit()
        defaults = Thresholds()
        for edit, name, value, default in (
            (self.green_edit, tr("Umbral verde por defecto (%)"), th.green, defaults.green),
            (self.yellow_edit, tr("Umbral amarillo por defecto (%)"), th.yellow, defaults.yellow),
        ):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setAccessibleName(name)
            edit.setMaximumWidth(160)  # a percentage, not a paragraph
            edit.setText(number(value * 100, self.lang))
            edit.setPlaceholderText(tr("vacío: {value}", value=number(default * 100, self.lang)))
            edit.textEdited.connect(self.validate)
            form.addRow(name + ":", edit)
        note = QLabel(
            tr(
                "Un indicador sin umbrales propios usa los de la institución. Un cambio rige desde el mes "
                "siguiente al último aprobado: los meses aprobados conservan su calificación."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.threshold_history = QLabel()
        self.threshold_history.setWordWrap(True)
        self._show_threshold_history()
        form.addRow(self.threshold_history)
        form.addRow(tr("Plazo de reporte (después del cierre del mes):"), self.deadline)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addStretch(1)
        return page

    def _show_threshold_history(self) -> None:
        """The institution's thresholds from each month on, after the pair it started with."""
        lines = [
            tr(
                "Desde {period}: verde ≥ {green} %, amarillo ≥ {yellow} %",
                period=Period.of_month(month).code,
                green=number(th.green * 100, self.lang),
                yellow=number(th.yellow * 100, self.lang),
            )
            for month, th in self.info.history
        ]
        self.threshold_history.setText("\n".join(lines))
        self.threshold_history.setVisible(bool(lines))

    # --- objectives and indicators --------------------------------------------------------------------

    def add_objective(self, kind: ObjectiveKind) -> None:
        n = len(self.objectives.objectives) + 1
        parent = next((o.code for o in self.objectives.objectives if o.kind is ObjectiveKind.STRATEGIC), None)
        spec = ObjectiveSpec(
            f"OBJ-{n:02d}", tr("Nuevo objetivo"), kind, parent if kind is ObjectiveKind.OPERATIONAL else None
        )
        row = self.objectives.add(spec)
        self.objectives_view.setCurrentIndex(self.objectives.index(row, 1))
        self._refresh_objective_box()

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

    # --- validation -----------------------------------------------------------------------------------

    def spec(self) -> PlanSpec:
        name, first, last = self.plan_meta
        objectives = tuple(replace(o, row=k + 2) for k, o in enumerate(self.objectives.objectives))
        indicators = tuple(replace(i, row=k + 2) for k, i in enumerate(self.indicators.indicators))
        return PlanSpec(objectives, indicators, name, first, last)

    def problems(self) -> list[str]:
        """Everything that keeps the plan from being saved, in the reader's words (the core's checks)."""
        spec = self.spec()
        found = validate_plan(spec, self.info.level_names)
        by_row = {k + 2: i.code for k, i in enumerate(spec.indicators)}
        self.indicators.flag_problems(
            {by_row[p.row].upper() for p in found if p.sheet == "indicadores" and p.row in by_row}
        )
        out = [self._problem_text(p, spec) for p in found]
        out += getattr(self, "number_problems", [])
        out += self.threshold_problems()
        if self.targets is not None:
            out += self.targets.problems()
        return out

    def typed_thresholds(self) -> tuple[float | None, float | None] | None:
        """The institution's thresholds as typed, as fractions (None, None: the defaults); None while a
        box holds something that is not a number."""
        if not hasattr(self, "green_edit"):
            return (self.info.thresholds.green, self.info.thresholds.yellow)
        out: list[float | None] = []
        for edit in (self.green_edit, self.yellow_edit):
            text = edit.text().strip()
            parsed = parse_number(text, self.lang) if text else None
            if text and parsed is None:
                return None
            out.append(None if parsed is None else round(parsed / 100, 10))
        return (out[0], out[1])

    def threshold_problems(self) -> list[str]:
        """The core's rule for the institution's thresholds, checked as they are typed."""
        if not hasattr(self, "green_edit"):
            return []
        typed = self.typed_thresholds()
        if typed is None:
            return [
                tr("{field}: «{text}» no es un número", field=edit.accessibleName(), text=edit.text())
                for edit in (self.green_edit, self.yellow_edit)
                if edit.text().strip() and parse_number(edit.text().strip(), self.lang) is None
            ]
        green, yellow = typed
        if thresholds_invalid(green, yellow):
            shown = ["—" if v is None else f"{number(v * 100, self.lang)} %" for v in typed]
            return [UserError("thresholds.invalid", green=shown[0], yellow=shown[1]).text(self.lang)]
        return []

    def thresholds_changed(self) -> bool:
        typed = self.typed_thresholds()
        if typed is None:
            return True
        if typed == (None, None):  # none: the domain's defaults
            typed = (Thresholds().green, Thresholds().yellow)
        return typed != (self.info.thresholds.green, self.info.thresholds.yellow)

    def _problem_text(self, problem: Any, spec: PlanSpec) -> str:
        rows = spec.indicators if problem.sheet == "indicadores" else spec.objectives
        code = rows[problem.row - 2].code if problem.row and 0 <= problem.row - 2 < len(rows) else ""
        words = problem.text(self.lang)
        return f"{code}: {words}" if code else words

    def _show_form_problems(self) -> None:
        if not self.indicators.indicators:
            return
        code = self.indicators.indicators[self.current].code
        mine = [p for p in self.problems() if p.startswith(f"{code}:")] + getattr(self, "number_problems", [])
        self.form_problems.setText("\n".join(mine))

    def validate(self, *_args: Any) -> list[str]:
        problems = self.problems()
        self._show_form_problems()
        if not problems:
            self.problems_label.setText("")
        else:
            head = tr("1 problema: ") if len(problems) == 1 else tr("{n} problemas: ", n=len(problems))
            self.problems_label.setText(head + problems[0])
        self.problems_label.setToolTip("\n".join(problems))
        self.problems_label.setStyleSheet(f"color: {error_colour(self.palette())};" if problems else "")
        self.save_button.setEnabled(not problems and self.dirty)
        self.setWindowModified(self.dirty)
        return problems

    @property
    def dirty(self) -> bool:
        plan_changed = self.spec_without_rows() != self.spec_without_rows(self.original)
        targets_changed = self.targets is not None and self.targets.dirty
        return (
            plan_changed
            or targets_changed
            or self.deadline.value() != self.info.deadline_days
            or self.thresholds_changed()
        )

    def spec_without_rows(self, spec: PlanSpec | None = None) -> tuple[Any, ...]:
        spec = spec or self.spec()
        return (
            tuple(replace(o, row=None) for o in spec.objectives),
            tuple(replace(i, row=None) for i in spec.indicators),
        )

    # --- targets --------------------------------------------------------------------------------------

    def _indicator_id(self, code: str) -> int | None:
        from sqlalchemy import select

        from scorecard.models import Indicator

        with self.store.reading() as s:
            return s.scalar(
                select(Indicator.id).where(Indicator.institution_id == self.info.id, Indicator.code == code)
            )

    def _load_targets(self, *_args: Any) -> None:
        if self.targets is not None and self.targets.dirty and not self._ask_discard(tr("las metas")):
            self._restore_target_choice()  # the pickers go back to the grid still on screen
            return
        code = self.target_indicator.currentData()
        indicator_id = self._indicator_id(code) if code else None
        level = self.target_level.currentData()
        units = [u for u in self.units if u.level == level]
        year = self.target_year.value()
        stored: dict[tuple[int, int], float] = {}
        if indicator_id is not None:
            with self.store.reading() as s:
                frame = Figures.target_frame(s, None, [indicator_id], year * 100 + 1, year * 100 + 12)
            wanted = {u.id for u in units}
            stored = {
                (int(u), int(m)): float(t)
                for u, m, t in zip(frame["unit_id"], frame["month"], frame["target"], strict=True)
                if int(u) in wanted
            }
        spec = next((i for i in self.indicators.indicators if i.code == code), None)
        adds_up = spec is None or spec.kind is Kind.COUNT
        frozen = self._frozen(units, year)
        self.targets = TargetsModel(units, indicator_id or 0, year, stored, self.lang, adds_up=adds_up, frozen=frozen)
        self._target_choice = (self.target_indicator.currentIndex(), year, self.target_level.currentIndex())
        self.targets.dataChanged.connect(self.validate)
        self.targets_view.setModel(self.targets)
        header = self.targets_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TargetsModel.TOTAL, QHeaderView.ResizeMode.ResizeToContents)
        self.targets_view.setEnabled(indicator_id is not None)
        self.distribute_button.setEnabled(indicator_id is not None and bool(units))
        if hasattr(self, "deadline"):
            self.validate()

    def _frozen(self, units: list[Any], year: int) -> set[tuple[int, int]]:
        """The (unit, month) cells of approved months: their targets are what the month was judged against."""
        from scorecard import access
        from scorecard.domain import SubmissionState

        pairs = {(u.id, year * 100 + m) for u in units for m in range(1, 13)}
        with self.store.reading() as s:
            return set(access.locked_cells(s, pairs, [SubmissionState.APPROVED.value], hold=False))

    def _restore_target_choice(self) -> None:
        indicator, year, level = self._target_choice
        for widget in (self.target_indicator, self.target_year, self.target_level):
            widget.blockSignals(True)
        self.target_indicator.setCurrentIndex(indicator)
        self.target_year.setValue(year)
        self.target_level.setCurrentIndex(level)
        for widget in (self.target_indicator, self.target_year, self.target_level):
            widget.blockSignals(False)

    def _follow_levels(self, *_args: Any) -> None:
        """The level picker starts at the indicator's first reporting level (where its targets live)."""
        code = self.target_indicator.currentData()
        spec = next((i for i in self.indicators.indicators if i.code == code), None)
        levels = spec.levels if spec and spec.levels else self.info.level_names[-1:]
        index = self.target_level.findData(levels[0]) if levels else -1
        if index >= 0:
            self.target_level.blockSignals(True)
            self.target_level.setCurrentIndex(index)
            self.target_level.blockSignals(False)

    def open_derive(self) -> Any:
        """Targets derived from history (ui.derive_targets_dialog); the grid reads them back once written."""
        from ui.derive_targets_dialog import DeriveTargetsDialog

        indicators = [(i.code, i.name) for i in self.indicators.indicators]
        dialog = DeriveTargetsDialog(self.store, self.institution, indicators, self)
        dialog.year.setValue(self.target_year.value())
        dialog.start.setValue(self.target_year.value() - 1)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._load_targets() if dialog.applied else None)
        dialog.open()
        self.derive_dialog = dialog
        return dialog

    def selected_target_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.targets_view.selectionModel().selectedIndexes()}) if self.targets else []
        current = self.targets_view.currentIndex()
        return rows or ([current.row()] if current.isValid() else [])

    def distribute(self, rows: list[int], annual: float, profile: list[float] | None = None) -> None:
        """Each of ``rows`` gets ``annual`` spread over its 12 months by the core's rule for the kind.  Where
        some months are approved (frozen) it is a re-programming: they keep their targets and a count's
        rest is spread over the months after them (:func:`scorecard.reprogramming.remaining_months`)."""
        from scorecard.reprogramming import remaining_months

        assert self.targets is not None
        code = self.target_indicator.currentData()
        kind = next(i.kind for i in self.indicators.indicators if i.code == code)
        monthly = [t.value for t in distribute_annual(annual, self.targets.year, kind, profile)]
        year = self.targets.year
        for row in rows:
            first = self.targets.first_open(row)
            if first == 1:
                self.targets.set_row(row, monthly)
                continue
            if first > 12:
                continue
            unit = self.targets.units[row].id
            before = [self.targets.values.get((unit, year * 100 + m)) or 0.0 for m in range(1, first)]
            try:
                rest = remaining_months(annual, kind, year * 100 + first, before, profile)
            except UserError as exc:
                self.show_refusal(exc)
                return
            self.targets.set_row(row, rest, start=first)

    def ask_distribute(self) -> None:
        rows = self.selected_target_rows()
        if self.targets is None or not rows:
            QMessageBox.information(self, tr("Distribuir meta anual"), tr("Seleccione primero una o más unidades."))
            return
        text, ok = QInputDialog.getText(
            self, tr("Distribuir meta anual"), tr("Meta anual para {n} unidades:", n=len(rows))
        )
        annual = parse_number(text, self.lang) if ok else None
        if annual is None:
            return
        even, by_last_year = tr("En partes iguales"), tr("Según las metas de {year}", year=self.targets.year - 1)
        choice, ok = QInputDialog.getItem(
            self, tr("Distribuir meta anual"), tr("Perfil mensual:"), [even, by_last_year], 0, False
        )
        if not ok:
            return
        profile = self._last_year_profile(rows[0]) if choice == by_last_year else None
        self.distribute(rows, annual, profile)

    def _last_year_profile(self, row: int) -> list[float] | None:
        assert self.targets is not None
        year = self.targets.year - 1
        with self.store.reading() as s:
            frame = Figures.target_frame(s, None, [self.targets.indicator_id], year * 100 + 1, year * 100 + 12)
        unit_id = self.targets.units[row].id
        by_month = {
            int(m) % 100: float(t)
            for u, m, t in zip(frame["unit_id"], frame["month"], frame["target"], strict=True)
            if int(u) == unit_id
        }
        profile = [by_month.get(m, 0.0) for m in range(1, 13)]
        return profile if sum(profile) > 0 else None

    # --- import, export, save -------------------------------------------------------------------------

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Importar plan"), "", tr("Libros de Excel (*.xlsx)"))
        if path:
            self.import_plan(Path(path))

    def import_plan(self, path: Path) -> bool:
        """The workbook's plan into the screen (saved only with Save); its problems shown if it has any."""
        from importers.plan_workbook import read_plan

        try:
            spec, problems = read_plan(path)
        except UserError as exc:
            self.show_refusal(exc)
            return False
        if problems:
            from scorecard.errors import ValidationFailed

            self.show_refusal(ValidationFailed(problems))
            return False
        self.plan_meta = (
            spec.name or self.plan_meta[0],
            spec.first_year or self.plan_meta[1],
            spec.last_year or self.plan_meta[2],
        )
        self.objectives.beginResetModel()
        self.objectives.objectives = [replace(o, row=None) for o in spec.objectives]
        self.objectives.endResetModel()
        self.indicators.beginResetModel()
        self.indicators.indicators = [replace(i, row=None) for i in spec.indicators]
        self.indicators.endResetModel()
        if self.indicators.indicators:
            self.pick_indicator(0)
        self.validate()
        return True

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Exportar plan"), "plan.xlsx", tr("Libros de Excel (*.xlsx)"))
        if path:
            self.export_plan(Path(path))

    def export_plan(self, path: Path) -> None:
        """The plan as it stands on screen (saved or not) as a plan workbook."""
        from exports.plan_workbook import write_plan

        write_plan(self.spec(), path)

    def effective_month(self) -> int:
        d = self.effective.date()
        return d.year() * 100 + d.month()

    def save(self) -> bool:
        """Plan and targets in one transaction through the core; the deadline after it. False if refused."""
        if self.validate():
            return False
        rows = self.targets.changed_rows() if self.targets is not None else []
        if rows and self.targets is not None and self.targets.frozen and not self.reason.text().strip():
            self.show_refusal(UserError("reprogram.reason"))  # a year with approved months: a re-programming
            return False
        plan_changed = self.spec_without_rows() != self.spec_without_rows(self.original)
        try:
            with self.store.transaction() as s:
                if plan_changed:
                    self.store.plans.load(
                        self.institution, self.spec(), effective_from=self.effective_month(), session=s
                    )
                if rows:
                    inst = self.store.institution(s, self.institution)
                    self.store.figures.write_targets(s, inst.id, rows, reason=self.reason.text().strip() or None)
                typed = self.typed_thresholds()
                if typed is not None and self.thresholds_changed():
                    self.store.institutions.set_thresholds(self.institution, typed[0], typed[1], session=s)
            if self.deadline.value() != self.info.deadline_days:
                self.store.institutions.set_deadline(self.institution, self.deadline.value())
        except UserError as exc:
            self.show_refusal(exc)
            return False
        self.original = self.store.plans.spec(self.institution)
        self.info = self.store.institutions.get(self.institution)
        self._show_threshold_history()
        if self.targets is not None:
            self.targets.saved()
        self.reason.clear()
        self.validate()
        self.saved.emit()
        return True

    def show_refusal(self, exc: UserError) -> None:
        """The core's words, in a box that does not block (tests and the event loop keep running)."""
        self.last_refusal = exc.text(self.lang)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Configuración del plan"), self.last_refusal, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.refusal_box = box

    # --- closing --------------------------------------------------------------------------------------

    def _ask_discard(self, what: str) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Configuración del plan"),
            tr("Hay cambios sin guardar en {what}. ¿Descartarlos?", what=what),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _may_close(self) -> bool:
        if not self.dirty:
            return True
        question = tr("Hay cambios sin guardar. ¿Guardarlos antes de cerrar?")
        return may_discard(self, tr("Configuración del plan"), question, self.save)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._may_close():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc goes through the same guard
        self.close()
