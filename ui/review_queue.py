"""Revisión: the planner's review queue of a month — every unit that submitted (or has a commander and
has not yet), with its state, completeness and timeliness; approve, return with a reason, reopen with a
reason.

The core decides (:mod:`scorecard.workflow`): who may act, from which state, that a reason is given;
its refusals are shown as they come.  The queue is computed on the database worker (it scores the whole
institution) and each action runs there too, then the queue reloads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard import control_band
from scorecard.errors import UserError
from scorecard.store import Store
from scorecard.workflow import QueueRow
from ui.i18n import current_lang, month_name, tr
from ui.models.queue_model import NAME, REASON, QueueModel, StateRole
from ui.tables import read_only_table
from ui.worker import DbWorker
from ui.workflow_words import STATES, state_word


class ReviewQueueDialog(QDialog):
    def __init__(self, store: Store, institution: str, period: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.institution = store, institution
        self.lang = current_lang()
        self.worker = DbWorker(self)
        self.setWindowTitle(tr("Revisión — {institution}", institution=institution))
        self.resize(1180, 620)
        self.model = QueueModel(self.lang)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(StateRole)
        self._build(period)
        self.reload()

    # --- building -------------------------------------------------------------------------------------

    def _build(self, period: str) -> None:
        self.period_box = QComboBox()
        self.period_box.setAccessibleName(tr("Periodo"))
        year = int(period[:4])
        for y in (year - 1, year):
            for m in range(1, 13):
                self.period_box.addItem(f"{month_name(m)} {y}", f"{y}-{m:02d}")
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(period)))
        self.period_box.currentIndexChanged.connect(lambda *_: self.reload())
        self.state_box = QComboBox()
        self.state_box.setAccessibleName(tr("Filtrar por estado"))
        self.state_box.addItem(tr("Todos los estados"), "")
        for state in STATES:
            self.state_box.addItem(state_word(state), state)
        self.state_box.currentIndexChanged.connect(lambda *_: self._filter())

        self.table = read_only_table(self.proxy, tr("Cola de revisión"), NAME, REASON)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.summary = QLabel()
        self.summary.setAccessibleName(tr("Resumen de la cola"))
        self.busy_label = QLabel()
        self.approve_button = QPushButton(tr("&Aprobar"))
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(tr("&Devolver…"))
        self.return_button.clicked.connect(self.return_selected)
        self.reopen_button = QPushButton(tr("&Reabrir…"))
        self.reopen_button.clicked.connect(self.reopen)
        refresh = QPushButton(tr("Actualizar"))
        refresh.clicked.connect(self.reload)
        close = QPushButton(tr("Cerrar"))
        close.clicked.connect(self.close)

        top = QHBoxLayout()
        for text, box in ((tr("Mes:"), self.period_box), (tr("Estado:"), self.state_box)):
            label = QLabel(text)
            label.setBuddy(box)
            top.addWidget(label)
            top.addWidget(box)
            top.addSpacing(12)
        top.addStretch(1)
        top.addWidget(self.busy_label)
        top.addWidget(refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for button in (self.approve_button, self.return_button, self.reopen_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    # --- reading ----------------------------------------------------------------------------------------

    @property
    def period(self) -> str:
        return str(self.period_box.currentData())

    @property
    def busy(self) -> bool:
        return self.worker.pending > 0

    def reload(self) -> None:
        store, inst, period = self.store, self.institution, self.period
        self._run(lambda: store.workflow.queue(inst, period))

    def _run(self, job: Callable[[], list[QueueRow]]) -> None:
        self.busy_label.setText(tr("Calculando…"))
        for button in (self.approve_button, self.return_button, self.reopen_button):
            button.setEnabled(False)
        self.worker.submit("queue", job, self._show, self._refused)

    def _show(self, rows: list[QueueRow]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        self.busy_label.setText("")
        counts = Counter(r.state for r in rows)
        parts = [f"{state_word(s)}: {counts[s]}" for s in STATES if counts[s]]
        self.summary.setText(tr("{count} unidades", count=len(rows)) + ("  ·  " + "  ·  ".join(parts) if parts else ""))
        if current is not None:
            self.select(current.unit)
        self._update_buttons()
        store, inst, period, codes = self.store, self.institution, self.period, [r.unit for r in rows]
        month = int(period[:4]) * 100 + int(period[5:7])
        self.worker.submit(
            "flagged",
            lambda: control_band.flagged_figures(store, inst, month, codes),
            self.model.set_flagged,
            lambda _exc: None,  # the queue stands without the count
        )

    def _refused(self, exc: Exception) -> None:
        self.busy_label.setText("")
        text = exc.text(self.lang) if isinstance(exc, UserError) else str(exc)
        QMessageBox.warning(self, tr("Revisión"), text)
        self.reload()  # what the refusal left is what the queue shows

    def _filter(self) -> None:
        state = str(self.state_box.currentData() or "")
        self.proxy.setFilterRegularExpression(QRegularExpression(f"^{state}$" if state else ""))
        self._update_buttons()

    # --- the selection ----------------------------------------------------------------------------------

    def selected(self) -> QueueRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row())

    def select(self, unit: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.row(self.proxy.mapToSource(index).row()).unit == unit:
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected() if not self.busy else None
        state = row.state if row else None
        self.approve_button.setEnabled(state == "submitted")
        self.return_button.setEnabled(state == "submitted")
        self.reopen_button.setEnabled(state == "approved")

    # --- acting -----------------------------------------------------------------------------------------

    def approve(self) -> None:
        self._act("approve", None)

    def return_selected(self) -> None:
        reason = self._reason(tr("Devolver al comandante"), tr("Motivo de la devolución (obligatorio):"))
        if reason is not None:
            self._act("return", reason)

    def reopen(self) -> None:
        reason = self._reason(tr("Reabrir el mes"), tr("Motivo de la reapertura (obligatorio):"))
        if reason is not None:
            self._act("reopen", reason)

    def _reason(self, title: str, label: str) -> str | None:
        """A reason typed by the planner (None: cancelled or left empty)."""
        row = self.selected()
        if row is None:
            return None
        text, ok = QInputDialog.getMultiLineText(self, title, f"{row.unit} — {row.unit_name}\n\n{label}")
        if ok and not text.strip():  # the core refuses it too; here it is said in the window's words
            QMessageBox.warning(self, title, tr("Falta el motivo: una devolución o una reapertura siempre lo lleva."))
            return None
        return text if ok else None

    def _act(self, action: str, reason: str | None) -> None:
        row = self.selected()
        if row is None:
            return
        store, inst, period, version = self.store, self.institution, self.period, row.version
        wf = store.workflow

        def job() -> list[QueueRow]:
            calls: dict[str, Callable[[], Any]] = {
                "approve": lambda: wf.approve(inst, row.unit, period, expected_version=version),
                "return": lambda: wf.return_(inst, row.unit, period, reason, expected_version=version),
                "reopen": lambda: wf.reopen(inst, row.unit, period, reason, expected_version=version),
            }
            calls[action]()
            return wf.queue(inst, period)

        self._run(job)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.worker.stop()
        super().closeEvent(event)
