"""Configuración del plan: objectives, indicators (the whole ficha), monthly targets, the filing deadline,
and the plan workbook in and out.

The screen edits the core's own specs; the core's :func:`scorecard.plan_specs.validate_plan` checks them as the
user types (thresholds, bands, weights, parents), and Save hands the plan and the changed targets to the
core in one transaction (``store.plans.load`` then ``store.figures.write_targets``), which also decides
who may do it: a refusal is shown as the core words it and nothing is written.  A changed definition
takes effect from the month picked in «Vigente desde»; months before keep the definition they had.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import ObjectiveKind
from scorecard.errors import UserError
from scorecard.plan_specs import ObjectiveSpec, PlanSpec, validate_plan
from scorecard.store import Store
from ui.i18n import current_lang, tr
from ui.models.plan_models import IndicatorsModel, ObjectivesModel, TargetsModel
from ui.plan_delegates import ObjectiveChoices
from ui.plan_indicators_tab import IndicatorsTab
from ui.plan_institution_tab import InstitutionTab
from ui.plan_targets_tab import TargetsTab
from ui.sources_panel import SourcesPanel
from ui.theme import error_colour
from ui.unsaved import may_discard


class PlanEditor(IndicatorsTab, TargetsTab, InstitutionTab, QDialog):
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

    # --- objectives -----------------------------------------------------------------------------------

    def add_objective(self, kind: ObjectiveKind) -> None:
        n = len(self.objectives.objectives) + 1
        parent = next((o.code for o in self.objectives.objectives if o.kind is ObjectiveKind.STRATEGIC), None)
        spec = ObjectiveSpec(
            f"OBJ-{n:02d}", tr("Nuevo objetivo"), kind, parent if kind is ObjectiveKind.OPERATIONAL else None
        )
        row = self.objectives.add(spec)
        self.objectives_view.setCurrentIndex(self.objectives.index(row, 1))
        self._refresh_objective_box()

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
