"""«Certificar…»: the figure the institution answers for at one unit in one month, either one source's
figure as it stands or a value the planning office types, always with a reason (the core refuses a
certification without one; the OK button says so first)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.formatting import number
from ui.i18n import current_lang, tr
from ui.models.plan_models import parse_number
from ui.models.reconciliation_model import source_label

TYPED = "__typed__"  # the radio button of a typed value


class CertifyDialog(QDialog):
    def __init__(
        self, indicator: str, period: str, row: dict[str, Any], official: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lang = current_lang()
        self.setWindowTitle(tr("Certificar cifra"))
        self.setMinimumWidth(480)  # the unit's name and the sources' figures on one line each
        head = QLabel(
            tr(
                "{indicator} · {unit} · {period}: elija la cifra que la institución certifica.",
                indicator=indicator,
                unit=f"{row['unit']} · {row['name']}",
                period=period,
            )
        )
        head.setWordWrap(True)
        choices = QGroupBox(tr("Cifra"))
        choice_layout = QVBoxLayout(choices)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        sources = [official, *[s for s in row["values"] if s != official]]
        for source in sources:
            value = row["values"].get(source)
            label = tr("{source}: {value}", source=source_label(source), value=number(value, self.lang))
            radio = QRadioButton(label)
            radio.setEnabled(value is not None)  # a source without a figure here has nothing to certify
            self.group.addButton(radio)
            choice_layout.addWidget(radio)
            self.radios[source] = radio
        self.radios[TYPED] = QRadioButton(tr("Otro valor (conciliado):"))
        self.group.addButton(self.radios[TYPED])
        self.value = QLineEdit()
        self.value.setAccessibleName(tr("Valor conciliado"))
        choice_layout.addWidget(self.radios[TYPED])
        choice_layout.addWidget(self.value)
        first = next((r for r in self.radios.values() if r.isEnabled()), self.radios[TYPED])
        first.setChecked(True)

        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(tr("Motivo"))
        self.reason.setPlaceholderText(tr("Por qué esta cifra (obligatorio)"))
        self.reason.setFixedHeight(70)
        self.reason.setTabChangesFocus(True)
        self.hint = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Certificar"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Motivo:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(choices)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.group.buttonToggled.connect(lambda *_: self._check())
        self.value.textEdited.connect(lambda *_: self._select_typed())
        self.reason.textChanged.connect(self._check)
        self._check()

    def _select_typed(self) -> None:
        self.radios[TYPED].setChecked(True)
        self._check()

    def choice(self) -> dict[str, Any] | None:
        """``{"source": S}`` or ``{"value": X}`` with ``reason``; None while something is missing."""
        reason = self.reason.toPlainText().strip()
        if not reason:
            return None
        if self.radios[TYPED].isChecked():
            value = parse_number(self.value.text(), self.lang)
            return None if value is None else {"value": value, "reason": reason}
        source = next(s for s, r in self.radios.items() if r.isChecked())
        return {"source": source, "reason": reason}

    def _check(self) -> None:
        missing = ""
        if not self.reason.toPlainText().strip():
            missing = tr("Falta el motivo.")
        elif self.radios[TYPED].isChecked() and parse_number(self.value.text(), self.lang) is None:
            missing = tr("Escriba el valor conciliado.")
        self.hint.setText(missing)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)


class DetailsDialog(QDialog):
    """A read-only table (editions of a figure, events only one register has) with a line on top."""

    def __init__(self, title: str, summary: str, table: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 420)
        label = QLabel(summary)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.table = table
