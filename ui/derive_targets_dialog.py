"""«Metas desde la historia»: next year's targets derived from the years before, previewed in a grid
before anything is written (the core's :func:`scorecard.target_derivation.derive_targets`, on the
dialog's own worker thread: a national tree takes a moment)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scorecard.errors import UserError
from scorecard.store import Store
from scorecard.target_derivation import Derived, derive_targets
from ui.i18n import current_lang, tr
from ui.models.derived_model import DerivedTargetsModel
from ui.owned_worker import OwnsWorker


class DeriveTargetsDialog(OwnsWorker, QDialog):
    def __init__(
        self, store: Store, institution: str, indicators: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.institution, self.lang = store, institution, current_lang()
        self.start_worker()
        self.preview: Derived | None = None
        self.applied: Derived | None = None
        self.last_error = ""
        self.setWindowTitle(tr("Metas desde la historia"))
        self.indicator_list = QListWidget()
        self.indicator_list.setAccessibleName(tr("Indicadores"))
        for code, name in indicators:
            item = QListWidgetItem(f"{code} · {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.indicator_list.addItem(item)
        self.indicator_list.setMaximumHeight(120)
        this_year = dt.date.today().year
        self.year = self._spin(2000, 2100, this_year + 1, tr("Año de las metas"))
        self.start = self._spin(1990, 2100, this_year, tr("Año de referencia"))
        self.years = self._spin(1, 20, 1, tr("Años de referencia"))
        self.change = QDoubleSpinBox()
        self.change.setRange(-99.9, 1000.0)
        self.change.setDecimals(1)
        self.change.setSuffix(" %")
        self.change.setAccessibleName(tr("Cambio sobre la referencia"))
        self.profile = QComboBox()
        self.profile.setAccessibleName(tr("Perfil"))
        self.profile.addItem(tr("Estacional: mes a mes como la referencia"), "seasonal")
        self.profile.addItem(tr("Uniforme: el año repartido por igual"), "even")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Motivo (queda en la auditoría)"))
        self.reason.setAccessibleName(tr("Motivo"))
        self.reason.textChanged.connect(self._follow)
        for widget in (self.year, self.start, self.years, self.change):
            widget.valueChanged.connect(self._stale)
        self.profile.currentIndexChanged.connect(self._stale)
        self.indicator_list.itemChanged.connect(self._stale)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("Indicadores:"), self.indicator_list)
        years_row = QHBoxLayout()
        for label, widget in ((tr("Metas de"), self.year), (tr("desde"), self.start), (tr("años:"), self.years)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            years_row.addWidget(caption)
            years_row.addWidget(widget)
        years_row.addStretch(1)
        form.addRow(tr("Años:"), years_row)
        form.addRow(tr("Cambio:"), self.change)
        form.addRow(tr("Perfil:"), self.profile)
        form.addRow(tr("Motivo:"), self.reason)
        self.preview_button = QPushButton(tr("Vista previa"))
        self.preview_button.clicked.connect(self.run_preview)
        self.summary = QLabel(tr("Elija los años y el cambio, y pida la vista previa."))
        self.summary.setWordWrap(True)
        self.grid = QTableView()
        self.grid.setAccessibleName(tr("Metas derivadas"))
        self.grid.verticalHeader().setVisible(False)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(tr("Aplicar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.run_apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.buttons)
        self.resize(1100, 700)

    def _spin(self, low: int, high: int, value: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setAccessibleName(name)
        return spin

    def codes(self) -> list[str]:
        items = (self.indicator_list.item(k) for k in range(self.indicator_list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _run(self, *, dry_run: bool) -> Derived:
        return derive_targets(
            self.store, self.institution, self.year.value(), self.start.value(), change=self.change.value(),
            reason=self.reason.text().strip() or tr("vista previa"), years=self.years.value(),
            indicators=self.codes() or ["—"], profile=self.profile.currentData(), dry_run=dry_run,
        )  # fmt: skip

    def run_preview(self) -> None:
        self.preview = None
        self._follow()
        self.summary.setText(tr("Calculando…"))
        self.worker.submit("preview", lambda: self._run(dry_run=True), self._previewed, self._failed)

    def _previewed(self, result: Derived) -> None:
        self.preview = result
        model = DerivedTargetsModel(result.rows, self.lang)
        self.grid.setModel(model)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for c in (0, 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        units = len({r["unit"] for r in result.rows})
        self.summary.setText(
            tr(
                "{n} metas de {units} unidades, {new} nuevas y {changed} que cambian.",
                n=len(result.rows),
                units=units,
                new=result.new,
                changed=result.changed,
            )
        )
        self.missing.setText(self._lacking_text(result.without_history))
        self._follow()

    def _lacking_text(self, lacking: list[dict[str, Any]]) -> str:
        """Units without a reference, grouped by indicator and the months they lack (a register that ends in
        October leaves every unit without November and December: one line, not a thousand names)."""
        groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for w in lacking:
            groups.setdefault((w["indicator"], tuple(w["missing"])), []).append(w["unit"])
        lines = []
        for (indicator, months), units in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:8]:
            named = ", ".join(units[:6]) + (tr(" y {n} más", n=len(units) - 6) if len(units) > 6 else "")
            span = ", ".join(months) if len(months) <= 3 else f"{months[0]} … {months[-1]} ({len(months)})"
            lines.append(
                tr("{indicator}, sin historia para {months}: {units}", indicator=indicator, months=span, units=named)
            )
        if len(groups) > 8:
            lines.append(tr("… y {n} grupos más", n=len(groups) - 8))
        return "\n".join(lines)

    def _failed(self, exc: Exception) -> None:
        self.last_error = exc.text(self.lang) if isinstance(exc, UserError) else str(exc)
        self.summary.setText(self.last_error)
        self._follow()

    def _stale(self, *_args: Any) -> None:
        """Any change of the question makes the preview on screen an answer to another one."""
        if self.preview is not None:
            self.preview = None
            self.summary.setText(tr("Los datos cambiaron: pida otra vista previa."))
        self._follow()

    def _follow(self, *_args: Any) -> None:
        ready = self.preview is not None and bool(self.preview.rows) and bool(self.reason.text().strip())
        self.apply_button.setEnabled(ready)

    def run_apply(self) -> None:
        if self.preview is None or not self.reason.text().strip():
            return
        self.apply_button.setEnabled(False)
        self.worker.submit("apply", lambda: self._run(dry_run=False), self._applied, self._failed)

    def _applied(self, result: Derived) -> None:
        self.applied = result
        self.summary.setText(
            tr(
                "Escritas: {new} metas nuevas y {changed} cambiadas, con el motivo «{reason}».",
                new=result.new,
                changed=result.changed,
                reason=self.reason.text().strip(),
            )
        )
        self.preview = None
        self._follow()
