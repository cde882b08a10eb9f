"""Configuración del plan, the «Metas» tab: the monthly targets of one indicator, year and level, their
annual distribution (a re-programming where months are approved) and targets derived from history.

A mixin of :class:`ui.plan_editor.PlanEditor` (listed before QDialog); the grid's model is
:class:`ui.models.plan_models.TargetsModel`, saved by the editor with the plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import Kind
from scorecard.errors import UserError
from scorecard.figures import Figures
from scorecard.target_writes import distribute_annual
from ui.i18n import tr
from ui.models.plan_models import TargetsModel, parse_number
from ui.plan_editor_base import EditorBase


class TargetsTab(EditorBase):
    """The monthly targets grid of :class:`ui.plan_editor.PlanEditor`."""

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
