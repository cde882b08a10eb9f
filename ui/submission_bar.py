"""The commander's status of a unit-month in the data entry: its state (open, submitted, returned with
the planner's reason, approved) and a Submit button that lists what still blocks the submission — each
red result lacking its cause or corrective action — and submits when nothing does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from scorecard.errors import UserError
from scorecard.periods import Period
from scorecard.store import Store
from scorecard.workflow import Blocker, SubmissionInfo
from ui.i18n import QT_TR_NOOP, current_lang, tr
from ui.theme import state_colour
from ui.workflow_words import state_word

if TYPE_CHECKING:
    from ui.worker import DbWorker

MISSING = {"cause": QT_TR_NOOP("causa"), "action": QT_TR_NOOP("acción correctiva")}


class SubmissionBar(QWidget):
    """``month()`` and ``dirty()`` are asked of the data entry each time: the bar follows its month.  Given
    a ``worker``, the state and the blockers (a scoring of the subtree) are read on it, not on the GUI
    thread."""

    submitted = Signal()

    def __init__(
        self,
        store: Store,
        institution: str,
        unit: str,
        month: Callable[[], int],
        dirty: Callable[[], bool] = lambda: False,
        parent: QWidget | None = None,
        *,
        worker: DbWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.institution, self.unit = store, institution, unit
        self._month, self._dirty = month, dirty
        self.worker = worker
        self.lang = current_lang()
        self.info: SubmissionInfo | None = None
        self.blockers: list[Blocker] = []
        self.state_label = QLabel()
        self.state_label.setAccessibleName(tr("Estado del envío"))
        self.state_label.setWordWrap(True)
        self.submit_button = QPushButton(tr("Enviar para revisión"))
        self.submit_button.clicked.connect(self.submit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label, 1)
        layout.addWidget(self.submit_button)
        self.refresh()

    @property
    def period(self) -> str:
        return Period.of_month(self._month()).code

    def refresh(self) -> None:
        """Read the month's state and its blockers again (after a save, a month change, a submission)."""
        if self.worker is None:
            self._show(self._read())
            return
        self.state_label.setText(tr("Leyendo el estado del mes…"))
        self.submit_button.setEnabled(False)
        self.worker.submit("submission", self._read, self._show)

    def _read(self) -> tuple[SubmissionInfo, list[Blocker]] | UserError:
        """The month's state and blockers, or the core's refusal to say them (any thread)."""
        store, inst, unit, period = self.store, self.institution, self.unit, self.period
        try:
            return store.workflow.state(inst, unit, period), store.workflow.blockers(inst, unit, period)
        except UserError as exc:
            return exc

    def _show(self, read: tuple[SubmissionInfo, list[Blocker]] | UserError) -> None:
        if isinstance(read, UserError):
            self.info, self.blockers = None, []
            self.state_label.setText(read.text(self.lang))
            self.submit_button.setEnabled(False)
            return
        self.info, self.blockers = read
        state = self.info.state
        word = f"<b style='color:{state_colour(state, self.palette())}'>{state_word(state)}</b>"
        text = tr("Estado del mes: {state}", state=word)
        if state == "returned" and self.info.reason:
            text += " — " + tr("motivo: {reason}", reason=_html(self.info.reason))
        elif state in ("open", "returned") and self.blockers:
            text += " — " + tr("{count} rojos sin justificar", count=len(self.blockers))
        elif state == "submitted":
            text += " — " + tr("en revisión por planificación")
        elif state == "approved":
            text += " — " + tr("mes cerrado")
        self.state_label.setText(text)
        # a long reason may not fit beside the buttons: all of it on hover
        self.state_label.setToolTip(self.info.reason if state == "returned" and self.info.reason else "")
        self.submit_button.setEnabled(state in ("open", "returned"))
        self.submit_button.setToolTip(self.blocker_text() or tr("Nada impide el envío."))

    def blocker_text(self) -> str:
        """What still blocks the submission, one red result a line ('' when nothing does)."""
        lines = []
        for b in self.blockers:
            missing = ", ".join(tr(MISSING[m]) for m in b.missing)
            lines.append(f"{b.unit} · {b.indicator} {b.indicator_name}: " + tr("falta {missing}", missing=missing))
        return "\n".join(lines)

    def submit(self) -> bool:
        if self._dirty():
            QMessageBox.information(self, tr("Enviar"), tr("Guarde los cambios antes de enviar."))
            return False
        self._show(self._read())  # what blocks it now, not when the bar last looked
        if self.blockers:
            QMessageBox.warning(
                self,
                tr("Enviar"),
                tr("Aún no se puede enviar: estos rojos necesitan causa y acción correctiva.")
                + "\n\n"
                + self.blocker_text(),
            )
            return False
        try:
            version = self.info.version if self.info else None
            self.store.workflow.submit(self.institution, self.unit, self.period, expected_version=version)
        except UserError as exc:
            QMessageBox.warning(self, tr("Enviar"), exc.text(self.lang))
            self.refresh()
            return False
        self.refresh()
        self.submitted.emit()
        return True


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
