"""Registro mensual: a commander's grid for the units under them and the open month.

Typing is checked at once (locale-aware numbers, reasons on the cell), every red asks for its cause and
corrective action (the side editor shows both for the current row), Ctrl+Z / Ctrl+Y undo and redo,
Ctrl+S saves the whole sheet in one transaction, and closing with unsaved edits asks first.

A signed-in commander gets their own scope and the earliest month the workflow leaves open; the months
closed to them show in the picker with their state, not selectable.  The sheet, the month's state and its
blockers are read on the dialog's worker thread, the grid greyed out meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.entry import EntrySheet, save_sheet
from scorecard.errors import UserError
from scorecard.store import Store
from ui.i18n import current_lang, month_name, tr
from ui.models.entry_model import ACTION, CAUSE, COMMENT, INDICATOR, STATUS, UNIT, EntryModel
from ui.operations.entry import EntryStart, load_month, start_entry
from ui.owned_worker import OwnsWorker
from ui.unsaved import may_discard
from ui.workflow_words import state_word


class DataEntryDialog(OwnsWorker, QDialog):
    saved = Signal()

    def __init__(
        self, store: Store, institution: str, unit: str, parent: QWidget | None = None, *, month: int | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.institution, self.unit = store, institution, unit
        self.lang = current_lang()
        self.month = month or 0  # the worker's answer says which month (and, for a commander, which units)
        self.by_scope = False
        self._said = ""
        self.setWindowTitle(tr("Registro mensual — {unit}", unit=unit) + "[*]")
        self.resize(1360, 680)
        self.model = EntryModel(EntrySheet(institution, unit, self.month, ()), self.lang)
        self.start_worker()
        self._build()
        self._sync_editor()
        self._update_state()
        self._set_busy(True)
        store_, inst, asked = store, institution, month
        self.worker.submit("sheet", lambda: start_entry(store_, inst, unit, asked), self._started, self._failed)

    def start_worker(self) -> None:
        super().start_worker()
        if hasattr(self, "submission"):  # shown again after a close: the bar reads on the new worker
            self.submission.worker = self.worker

    # --- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.month_box = QComboBox()
        self.month_box.setAccessibleName(tr("Mes"))
        self.month_box.setMinimumContentsLength(22)
        self.month_box.currentIndexChanged.connect(self._change_month)
        self.busy_label = QLabel()
        self.busy_label.setAccessibleName(tr("Estado de la carga"))

        stack = self.model.undo_stack
        self.undo_action = QAction(tr("Deshacer"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(stack.undo)
        self.undo_action.setEnabled(False)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.redo_action = QAction(tr("Rehacer"), self)
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.redo_action.triggered.connect(stack.redo)
        self.redo_action.setEnabled(False)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.save_action = QAction(tr("Guardar"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self.save)
        for action in (self.undo_action, self.redo_action, self.save_action):
            self.addAction(action)
        undo_button = self._tool(self.undo_action, "edit-undo", tr("Deshacer"))
        redo_button = self._tool(self.redo_action, "edit-redo", tr("Rehacer"))

        split = self._grid_and_editor()

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName(tr("Lo que falta para guardar"))
        self.save_button = QPushButton(tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        from ui.submission_bar import SubmissionBar  # the month's state and Submit (the workflow core)

        self.submission = SubmissionBar(
            self.store, self.institution, self.unit, lambda: self.month, lambda: self.model.dirty, worker=self.worker
        )
        self.submit_button = self.submission.submit_button
        close_button = QPushButton(tr("Cerrar"))
        close_button.clicked.connect(self.close)

        top = QHBoxLayout()
        self.unit_label = QLabel(tr("Unidad: {unit}", unit=self.unit))
        top.addWidget(self.unit_label)
        top.addSpacing(16)
        month_label = QLabel(tr("Mes:"))
        month_label.setBuddy(self.month_box)
        top.addWidget(month_label)
        top.addWidget(self.month_box)
        top.addSpacing(16)
        top.addWidget(self.busy_label)
        top.addStretch(1)
        top.addWidget(undo_button)
        top.addWidget(redo_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problems_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.submission, 1)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    def _grid_and_editor(self) -> QSplitter:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Registro mensual"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(INDICATOR, QHeaderView.ResizeMode.Stretch)
        for column in (CAUSE, ACTION):  # full texts live in the side editor; the cells show a start and a mark
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, 120)
        self.table.setColumnHidden(COMMENT, True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._sync_editor())
        self.model.dataChanged.connect(lambda *_: self._update_state())
        self.model.modelReset.connect(self._update_state)
        self.model.undo_stack.cleanChanged.connect(lambda *_: self._update_state())

        self.cause_edit = QPlainTextEdit()
        self.cause_edit.setAccessibleName(tr("Causa"))
        self.cause_edit.setPlaceholderText(tr("Por qué el resultado se apartó de la meta"))
        self.action_edit = QPlainTextEdit()
        self.action_edit.setAccessibleName(tr("Acción correctiva"))
        self.action_edit.setPlaceholderText(tr("Qué se hará, quién y para cuándo"))
        self.cause_edit.textChanged.connect(lambda: self._editor_changed(CAUSE, self.cause_edit))
        self.action_edit.textChanged.connect(lambda: self._editor_changed(ACTION, self.action_edit))
        self.row_title = QLabel()
        self.row_title.setWordWrap(True)
        self.row_title.setStyleSheet("font-weight: 600;")
        self.chance_label = QLabel()  # a red that may be chance says so; it is justified all the same
        self.chance_label.setWordWrap(True)
        self.chance_label.setAccessibleName(tr("Señal"))
        self.chance_label.setVisible(False)
        justification = QGroupBox(tr("Justificación"))
        form = QFormLayout(justification)
        form.addRow(self.row_title)
        form.addRow(self.chance_label)
        form.addRow(tr("Causa"), self.cause_edit)
        form.addRow(tr("Acción correctiva"), self.action_edit)
        justification.setMinimumWidth(300)

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(justification)
        split.setSizes([1040, 320])
        split.setStretchFactor(0, 1)
        return split

    def _tool(self, action: QAction, icon: str, name: str) -> QToolButton:
        """An icon button with its accessible name (icon-only buttons say what they do)."""
        from PySide6.QtGui import QIcon

        button = QToolButton()
        button.setDefaultAction(action)
        themed = QIcon.fromTheme(icon)
        if not themed.isNull():
            action.setIcon(themed)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        return button

    # --- loading, on the worker ---------------------------------------------------------------------------

    def _started(self, start: EntryStart) -> None:
        self.institution, self.unit, self.month = start.institution, start.unit, start.month
        self.by_scope = start.by_scope
        self.setWindowTitle(tr("Registro mensual — {unit}", unit=start.unit) + "[*]")
        self.unit_label.setText(
            tr("Unidad: {unit}", unit=start.unit) + ("  ·  " + tr("su ámbito") if start.by_scope else "")
        )
        self.month_box.blockSignals(True)
        self.month_box.clear()
        items = self.month_box.model()
        for k, m in enumerate(start.months):
            label = f"{month_name(m.month % 100)} {m.month // 100}"
            if m.state and (m.state != "open" or not m.open):
                label += " — " + state_word(m.state if m.state != "open" else "submitted")
            self.month_box.addItem(label, m.month)
            if not m.open:  # closed to this user: seen with its state, not chosen
                items.item(k).setEnabled(False)  # type: ignore[attr-defined]
        self.month_box.setCurrentIndex(self.month_box.findData(start.month))
        self.month_box.blockSignals(False)
        self.submission.institution, self.submission.unit = start.institution, start.unit
        self._loaded(start.sheet)

    def _loaded(self, sheet: EntrySheet) -> None:
        self.model.saved(sheet)
        self._set_busy(False)
        self._sync_editor()
        self._update_state()
        if self._said:  # what the save did stays in view after the reload
            self.problems_label.setText(self._said)
            self._said = ""
        self.submission.refresh()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.busy_label.setText(exc.text(self.lang) if isinstance(exc, UserError) else str(exc))

    def _load(self, month: int) -> None:
        store, inst, unit = self.store, self.institution, self.unit
        self._set_busy(True)
        self.worker.submit("sheet", lambda: load_month(store, inst, unit, month), self._loaded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        """While the worker reads: the grid greyed out and nothing to save, and a word saying so."""
        self.busy_label.setText(tr("Cargando el registro…") if busy else "")
        for widget in (self.table, self.month_box, self.cause_edit, self.action_edit):
            widget.setEnabled(not busy)
        if busy:
            self.save_button.setEnabled(False)
            self.save_action.setEnabled(False)
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    # --- the justification editor ------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else (0 if self.model.rowCount() else -1)

    def _sync_editor(self) -> None:
        row = self.current_row()
        has_row = row >= 0 and self.table.isEnabled()
        for edit in (self.cause_edit, self.action_edit):
            edit.setEnabled(has_row)
        self._show_chance(row if has_row else -1)
        if not has_row:
            loading = row >= 0 or self.busy_label.text()
            self.row_title.setText("" if loading else tr("No hay indicadores que reportar en este mes."))
            return
        line = self.model.lines[row]
        self.row_title.setText(f"{line.unit_code} · {line.indicator_code} · {line.indicator_name}")
        for column, edit in ((CAUSE, self.cause_edit), (ACTION, self.action_edit)):
            text = self.model.text(row, column)
            if edit.toPlainText() != text:
                edit.blockSignals(True)
                edit.setPlainText(text)
                edit.blockSignals(False)

    def _editor_changed(self, column: int, edit: QPlainTextEdit) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.setData(self.model.index(row, column), edit.toPlainText())

    # --- state, saving, closing ------------------------------------------------------------------------

    def _update_state(self) -> None:
        problems = self.model.problems()
        reds = self.model.red_count()
        if problems:
            first = problems[0]
            line = self.model.lines[first[0]]
            text = (
                tr("{count} celdas por corregir", count=len(problems))
                + f" — {line.indicator_code} / {line.unit_code}: {first[2]}"
            )
        else:
            text = tr("Todo en orden para guardar.") if self.model.dirty else tr("Sin cambios.")
        if reds:
            text += "  ·  " + tr("{count} en rojo", count=reds)
        self.problems_label.setText(text)
        self.save_button.setEnabled(self.model.dirty and not problems)
        self.save_action.setEnabled(self.model.dirty and not problems)
        self.setWindowModified(self.model.dirty)
        if not self.table.currentIndex().isValid():
            self._sync_editor()
        else:
            self._show_chance(self.current_row())

    def _show_chance(self, row: int) -> None:
        note = self.model.chance_note(row)
        self.chance_label.setText(note or "")
        self.chance_label.setVisible(bool(note))

    def save(self) -> bool:
        """File every filled line (all or nothing); the grid then reloads what is stored."""
        if self.model.problems():
            self._update_state()
            return False
        sheet: EntrySheet = self.model.sheet
        try:
            report = save_sheet(self.store, sheet, self.model.lines)
        except UserError as exc:
            QMessageBox.warning(self, tr("Registro mensual"), exc.text(self.lang))
            return False
        self.model.undo_stack.setClean()
        self.last_report = report
        self._said = tr("Guardado: {new} nuevos, {changed} cambiados.", new=report.new, changed=report.changed)
        self._load(self.month)  # the grid then shows what is stored
        self.problems_label.setText(self._said)
        self.saved.emit()
        return True

    def _change_month(self) -> None:
        month = int(self.month_box.currentData())
        if month == self.month:
            return
        if not self._may_discard():
            self.month_box.blockSignals(True)
            self.month_box.setCurrentIndex(self.month_box.findData(self.month))
            self.month_box.blockSignals(False)
            return
        self.month = month
        self._load(month)

    def _may_discard(self) -> bool:
        """Nothing unsaved, or the user chose to save it or to drop it."""
        if not self.model.dirty:
            return True
        return may_discard(self, tr("Registro mensual"), tr("Hay cambios sin guardar. ¿Guardarlos?"), self.save)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._may_discard():
            self.stop_worker()
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc goes through the same guard
        self.close()

    def select(self, row: int, column: int = UNIT) -> QModelIndex:
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        return index

    def status_of(self, row: int) -> Any:
        return self.model.index(row, STATUS).data()
