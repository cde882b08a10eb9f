"""Configuración del plan, the «Institución» tab: the default thresholds (and the months each pair ruled
from) and the filing deadline, checked by the core's rule as they are typed.

A mixin of :class:`ui.plan_editor.PlanEditor` (listed before QDialog); the editor saves them with the plan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import Thresholds
from scorecard.errors import UserError
from scorecard.formatting import number
from scorecard.periods import Period
from scorecard.plan_specs import thresholds_invalid
from ui.i18n import tr
from ui.models.plan_models import parse_number
from ui.plan_editor_base import EditorBase


class InstitutionTab(EditorBase):
    """The institution's thresholds and deadline of :class:`ui.plan_editor.PlanEditor`."""

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
