"""«Importar»: a wizard — choose the file → the detected kind and its mapping (editable, saved for next
time) → a preview of what would change (a dry run) → the import on the database worker, with progress and
cancel → the report, saveable as .xlsx.

Everything that reads the file or the database runs on the worker (:mod:`ui.worker`); the import is one
transaction, and cancelling raises inside it, so a cancelled import leaves the database as it was.
The pages: :mod:`ui.import_file_pages` (file, mapping) and :mod:`ui.import_run_pages` (preview,
import, report).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from importers.register import RegisterMapping
from scorecard.store import Store
from ui.i18n import tr
from ui.import_file_pages import FilePage, MappingPage
from ui.import_run_pages import PreviewPage, ReportPage, RunPage
from ui.operations.import_kinds import Detected
from ui.owned_worker import OwnsWorker


class ImportWizard(OwnsWorker, QWizard):
    imported = Signal(dict)  # the import's report, after a successful import

    def __init__(self, store: Store, institution: str = "PN", lang: str = "es", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.institution = institution
        self.lang = lang
        self.start_worker()
        self.path: Path | None = None
        self.detected: Detected | None = None
        self.mapping: RegisterMapping | None = None
        self.setWindowTitle(tr("Importar datos — {institution}", institution=institution))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(860, 600)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        self.report_page = ReportPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page, self.report_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Siguiente >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< Atrás"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Terminar"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cerrar"))

    @property
    def source(self) -> str | None:
        data = self.file_page.source_box.currentData()
        return None if data is None else str(data)

    def reject(self) -> None:
        """Closing while importing cancels the import first (it rolls back), then closes."""
        if self.run_page.state == "running":
            self.run_page.cancel()
            self.worker.wait_idle()
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        from ui.operations.import_kinds import collector_resumes

        collector_resumes()
