"""The plan screen's «Fuentes» tab: the institution's sources of figures, which indicators each is the
official source of, how many imports (editions) each made, and the tolerance beyond which two sources
disagree.  Planners (and admins) add sources, pick an indicator's official source and set the tolerance;
everyone else reads.  Each change is saved at once (it is not part of the plan's «Guardar»): the core
moves the figures when the official source changes, so there is nothing to undo locally."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.access import Actor
from scorecard.domain import Role
from scorecard.errors import UserError
from scorecard.sources import IMPLICIT, SourceInfo
from scorecard.store import Store
from ui.i18n import QT_TR_NOOP, current_lang, tr
from ui.models.base import LangTableModel
from ui.models.reconciliation_model import source_label
from ui.tables import read_only_table

Index = QModelIndex | QPersistentModelIndex
SourceCodeRole = Qt.ItemDataRole.UserRole + 40


def may_plan(actor: Actor) -> bool:
    """What the core's ``require_planner`` lets through (its institution check still applies)."""
    return actor.is_admin or actor.role is Role.PLANNER


class SourcesModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Código"),
        QT_TR_NOOP("Nombre"),
        QT_TR_NOOP("Fuente oficial de"),
        QT_TR_NOOP("Ediciones"),
    )

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.sources: list[SourceInfo] = []

    def set_sources(self, sources: list[SourceInfo]) -> None:
        self.beginResetModel()
        self.sources = list(sources)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.sources)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.sources):
            return None
        s = self.sources[index.row()]
        if role == SourceCodeRole:
            return s.code
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and s.official_for:
            return ", ".join(s.official_for)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        name = tr("la fuente de los indicadores que no nombran otra") if s.implicit else s.name
        official = ", ".join(s.official_for) if s.official_for else "—"
        return [source_label(s.code), name, official, str(s.editions)][index.column()]


class AddSourceDialog(QDialog):
    """Code and name of a new source (or a new name for an existing code)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Añadir fuente"))
        self.code = QLineEdit()
        self.code.setAccessibleName(tr("Código de la fuente"))
        self.code.setPlaceholderText(tr("p. ej. DINASED"))
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Nombre de la fuente"))
        form = QFormLayout(self)
        form.addRow(tr("Código:"), self.code)
        form.addRow(tr("Nombre:"), self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for edit in (self.code, self.name):
            edit.textChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        ok = bool(self.code.text().strip() and self.name.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class SourcesPanel(QWidget):
    changed = Signal()  # a source, an official source or the tolerance was saved

    def __init__(self, store: Store, institution: str, indicators: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.institution, self.lang = store, institution, current_lang()
        self.planner = may_plan(store.actor)
        self.model = SourcesModel(self.lang)
        self.table = read_only_table(self.model, tr("Fuentes"), 2)  # the list of indicators takes the room
        self.add_button = QPushButton(tr("Añadir fuente…"))
        self.add_button.clicked.connect(self.ask_add)

        self.indicator_box = QComboBox()
        self.indicator_box.setAccessibleName(tr("Indicador"))
        for code in indicators:
            self.indicator_box.addItem(code, code)
        self.indicator_box.currentIndexChanged.connect(lambda *_: self._show_official())
        self.official_box = QComboBox()
        self.official_box.setAccessibleName(tr("Fuente oficial"))
        self.official_button = QPushButton(tr("Fijar como oficial"))
        self.official_button.clicked.connect(self.apply_official)

        sources_box = QGroupBox(tr("Fuentes de las cifras"))
        sources_layout = QVBoxLayout(sources_box)
        sources_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Fuente oficial de")))
        row.addWidget(self.indicator_box)
        row.addWidget(QLabel(":"))
        row.addWidget(self.official_box, 1)
        row.addWidget(self.official_button)
        row.addStretch(1)
        row.addWidget(self.add_button)
        sources_layout.addLayout(row)
        note = QLabel(
            tr(
                "El tablero lee las cifras de la fuente oficial de cada indicador; las de otras fuentes se "
                "guardan al lado para compararlas. Cambiar la fuente oficial rige de inmediato."
            )
        )
        note.setWordWrap(True)
        sources_layout.addWidget(note)

        tolerance_box = self._tolerance_box()

        layout = QVBoxLayout(self)
        layout.addWidget(sources_box, 1)
        layout.addWidget(tolerance_box)
        for w in (self.add_button, self.official_button, self.official_box, self.tolerance_button):
            w.setEnabled(self.planner)
        self.tol_pct.setReadOnly(not self.planner)
        self.tol_abs.setReadOnly(not self.planner)
        if not self.planner:
            self.setToolTip(tr("Solo la oficina de planificación cambia las fuentes."))
        self.reload()

    def _tolerance_box(self) -> QGroupBox:
        """Percent and absolute: two sources disagree where their difference passes both."""
        info = self.store.institutions.get(self.institution)
        self.tol_pct, self.tol_abs = QDoubleSpinBox(), QDoubleSpinBox()
        self.tol_pct.setRange(0, 100)
        self.tol_pct.setSuffix(" %")
        self.tol_pct.setValue(info.tolerance_pct)
        self.tol_pct.setAccessibleName(tr("Tolerancia en porcentaje"))
        self.tol_abs.setRange(0, 1_000_000)
        self.tol_abs.setValue(info.tolerance_abs)
        self.tol_abs.setAccessibleName(tr("Tolerancia absoluta"))
        for spin in (self.tol_pct, self.tol_abs):
            spin.setMaximumWidth(160)  # a number, not a paragraph
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tolerance_button = QPushButton(tr("Guardar tolerancia"))
        self.tolerance_button.clicked.connect(self.save_tolerance)
        tolerance_box = QGroupBox(tr("Tolerancia entre fuentes"))
        form = QFormLayout(tolerance_box)
        form.addRow(tr("Diferencia relativa mayor que:"), self.tol_pct)
        form.addRow(tr("y diferencia absoluta mayor que:"), self.tol_abs)
        form.addRow(
            QLabel(tr("Dos fuentes no coinciden cuando su diferencia supera ambas tolerancias.")),
        )
        save_row = QHBoxLayout()
        save_row.addWidget(self.tolerance_button)
        save_row.addStretch(1)
        form.addRow(save_row)
        return tolerance_box

    def reload(self) -> None:
        """The sources as the core has them now (a handful of rows: read on the GUI thread)."""
        self.model.set_sources(self.store.sources.list(self.institution))
        self.official_box.blockSignals(True)
        self.official_box.clear()
        codes = [s.code for s in self.model.sources if not s.implicit]
        for code in [IMPLICIT, *codes]:
            self.official_box.addItem(source_label(code), code)
        self.official_box.blockSignals(False)
        self._show_official()

    def official_of(self, indicator: str) -> str:
        return next((s.code for s in self.model.sources if indicator in s.official_for), IMPLICIT)

    def _show_official(self) -> None:
        code = self.official_of(str(self.indicator_box.currentData()))
        self.official_box.setCurrentIndex(max(0, self.official_box.findData(code)))

    def _run(self, call: Any) -> bool:
        try:
            call()
        except UserError as exc:
            QMessageBox.warning(self, tr("Fuentes"), exc.text(self.lang))
            return False
        self.reload()
        self.changed.emit()
        return True

    def ask_add(self) -> None:
        dialog = AddSourceDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_source(dialog.code.text(), dialog.name.text())

    def add_source(self, code: str, name: str) -> bool:
        return self._run(lambda: self.store.sources.add(self.institution, code, name))

    def apply_official(self) -> bool:
        indicator, source = self.indicator_box.currentData(), self.official_box.currentData()
        if indicator is None or source is None:
            return False
        return self._run(lambda: self.store.sources.set_official(self.institution, str(indicator), str(source)))

    def save_tolerance(self) -> bool:
        pct, abs_ = self.tol_pct.value(), self.tol_abs.value()
        return self._run(lambda: self.store.institutions.set_tolerance(self.institution, pct, abs_))
