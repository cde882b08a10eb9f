"""Auditoría: the history of every change — filter by unit (and everything below it), indicator, period,
user and action; newest first, old → new, the reason and the batch; above them, whether the hash chain
holds (``audit verify``).  Read on the database worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scorecard.audit import AuditRecord
from scorecard.audit_chain import Verdict
from scorecard.errors import UserError
from scorecard.messages import translate
from scorecard.store import Store
from ui.i18n import current_lang, tr
from ui.models.audit_model import CHANGE, REASON, AuditModel
from ui.tables import read_only_table
from ui.theme import error_colour, good_colour
from ui.worker import DbWorker
from ui.workflow_words import ACTIONS, action_word


class AuditDialog(QDialog):
    def __init__(self, store: Store, institution: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.institution = store, institution
        self.lang = current_lang()
        self.worker = DbWorker(self)
        self.setWindowTitle(tr("Auditoría") + (f" — {institution}" if institution else ""))
        self.resize(1280, 640)
        self.model = AuditModel(self.lang)
        self._build()
        self.search()
        self.worker.submit("chain", store.audit.verify, self._show_chain, self._chain_failed)

    def _build(self) -> None:
        self.unit_edit = QLineEdit()
        self.indicator_edit = QLineEdit()
        self.period_edit = QLineEdit()
        self.period_edit.setPlaceholderText(tr("p. ej. 2025-10 o 2025"))
        self.user_edit = QLineEdit()
        self.action_box = QComboBox()
        self.action_box.addItem(tr("Todas las acciones"), "")
        for action in ACTIONS:
            self.action_box.addItem(action_word(action), action)
        self.limit_box = QSpinBox()
        self.limit_box.setRange(10, 100_000)
        self.limit_box.setSingleStep(100)
        self.limit_box.setValue(500)
        names = (
            (tr("Unidad (y las de abajo)"), self.unit_edit),
            (tr("Indicador"), self.indicator_edit),
            (tr("Periodo"), self.period_edit),
            (tr("Usuario"), self.user_edit),
            (tr("Acción"), self.action_box),
            (tr("Máximo de filas"), self.limit_box),
        )
        filters = QGridLayout()
        for k, (text, widget) in enumerate(names):
            widget.setAccessibleName(text)
            label = QLabel(text + ":")
            label.setBuddy(widget)
            filters.addWidget(label, 0, k)
            filters.addWidget(widget, 1, k)
            if isinstance(widget, QLineEdit):
                widget.returnPressed.connect(self.search)
        self.search_button = QPushButton(tr("&Buscar"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        filters.addWidget(self.search_button, 1, len(names))

        self.table = read_only_table(self.model, tr("Historial de cambios"), CHANGE)
        self.table.horizontalHeader().setSectionResizeMode(REASON, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(REASON, 260)
        self.summary = QLabel()
        self.summary.setAccessibleName(tr("Resumen de la búsqueda"))
        self.summary.setWordWrap(True)
        close = QPushButton(tr("Cerrar"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(close)
        self.chain = QLabel(tr("Comprobando la cadena de la auditoría…"))
        self.chain.setAccessibleName(tr("Estado de la cadena de auditoría"))
        self.chain.setWordWrap(True)
        self.chain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    @property
    def busy(self) -> bool:
        return self.worker.pending > 0

    def filters(self) -> dict[str, Any]:
        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return {
            "institution": self.institution,
            "unit": text(self.unit_edit),
            "indicator": text(self.indicator_edit),
            "period": text(self.period_edit),
            "user": text(self.user_edit),
            "action": str(self.action_box.currentData() or "") or None,
            "limit": self.limit_box.value(),
        }

    def search(self) -> None:
        store, wanted = self.store, self.filters()
        self.summary.setText(tr("Buscando…"))
        self.worker.submit("audit", lambda: store.audit.search(**wanted), self._show, self._failed)

    def _show(self, records: list[AuditRecord]) -> None:
        self.model.set_records(records)
        text = tr("{count} cambios, del más reciente al más antiguo", count=len(records))
        if len(records) >= self.limit_box.value():
            text += "  ·  " + tr("se muestran solo los {limit} más recientes", limit=self.limit_box.value())
        self.summary.setText(text)

    def _show_chain(self, verdict: Verdict) -> None:
        """Intact (how many entries, the last hash to note elsewhere) or where it breaks, in red."""
        key = "audit.chain_intact" if verdict.intact else f"audit.chain_{verdict.problem}"
        words = translate(key, self.lang, entries=verdict.entries, entry=verdict.first_broken, head=verdict.head)
        self.chain.setText(("✔ " if verdict.intact else "✖ ") + words)
        colour = good_colour(self.palette()) if verdict.intact else error_colour(self.palette())
        self.chain.setStyleSheet(f"color: {colour}; font-weight: 600;")

    def _chain_failed(self, exc: Exception) -> None:
        self.chain.setText(exc.text(self.lang) if isinstance(exc, UserError) else str(exc))

    def _failed(self, exc: Exception) -> None:
        self.model.set_records([])
        self.summary.setText(exc.text(self.lang) if isinstance(exc, UserError) else str(exc))

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.worker.stop()
        super().closeEvent(event)
