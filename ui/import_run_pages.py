"""«Importar», the wizard's last three pages: the preview of what would change (a dry run on the worker),
the import with its progress and cancel, and the report, saveable as .xlsx; with the counts and problem
lines they show.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.messages import translate
from ui.i18n import locale_for, tr
from ui.import_file_pages import error_text
from ui.models.changes_model import INDICATOR, ChangesModel
from ui.operations.import_kinds import Cancelled, Outcome, kind, month_code
from ui.tables import read_only_table
from ui.theme import error_style, warning_colour

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


class _Stages(QObject):
    """Carries the import's stages from the worker thread to the GUI (a queued signal)."""

    reached = Signal(str)


def _figure(label: str) -> tuple[QLabel, QLabel]:
    """A big number with its caption under it: the preview's and the report's counts."""
    number = QLabel("—")
    number.setAlignment(Qt.AlignmentFlag.AlignCenter)
    number.setStyleSheet("font-size: 26px; font-weight: 700;")
    caption = QLabel(label)
    caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
    caption.setStyleSheet("color: palette(placeholder-text);")
    number.setAccessibleName(label)
    return number, caption


class Counts(QWidget):
    """New · changed · unchanged · skipped, side by side."""

    KEYS = ("new", "changed", "unchanged", "skipped")

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        captions = (tr("nuevos"), tr("cambiados"), tr("sin cambio"), tr("filas omitidas"))
        self.numbers: dict[str, QLabel] = {}
        for col, (key, caption) in enumerate(zip(self.KEYS, captions, strict=True)):
            number, label = _figure(caption)
            grid.addWidget(number, 0, col)
            grid.addWidget(label, 1, col)
            self.numbers[key] = number
        self.numbers["changed"].setStyleSheet(f"font-size: 26px; font-weight: 700; color: {warning_colour()};")

    def show_report(self, report: dict[str, Any], lang: str) -> None:
        loc = locale_for(lang)
        for key, label in self.numbers.items():
            label.setText(loc.toString(int(report.get(key, 0))))

    def text(self) -> dict[str, str]:
        return {k: v.text() for k, v in self.numbers.items()}


def problem_line(p: Problem, lang: str) -> str:
    """One problem of the file, where first: sheet, row, column, the value as written, why."""
    value = "" if p.value in (None, "") else " «" + str(p.value) + "»"
    return tr(
        "Hoja {sheet}, fila {row}, columna {column}{value}: {message}",
        sheet=p.sheet or "—",
        row=p.row if p.row is not None else "—",
        column=p.column or "—",
        value=value,
        message=p.reason(lang),
    )


def _read_text(r: dict[str, Any], lang: str) -> str:
    """Rows read, and what they cover: a register's months, a template's or long table's figures."""
    rows = locale_for(lang).toString(int(r["rows_read"]))
    months = r.get("months")
    if months:
        return tr(
            "{rows} filas leídas · meses {first} a {last}",
            rows=rows,
            first=month_code(months[0]),
            last=month_code(months[-1]),
        )
    if "targets" in r:
        what = tr("metas") if r["targets"] else tr("resultados")
        return tr("{rows} filas leídas · {what}", rows=rows, what=what)
    return tr("{rows} filas leídas", rows=rows)


def _flagged_text(r: dict[str, Any], lang: str) -> str:
    """How many figures carry a data-quality flag (they never block the import)."""
    flagged = len({(f["unit"], f["indicator"], f["period"]) for f in r.get("quality", ())})
    if not flagged:
        return ""
    n = locale_for(lang).toString(flagged)
    return " · " + tr("{count} cifras con alertas de calidad (no impiden importar)", count=n)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.outcome: Outcome | None = None
        self.setTitle(tr("Vista previa"))
        self.setSubTitle(tr("Lo que cambiaría en la base de datos; todavía no se ha escrito nada."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Importar"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.counts = Counts()
        self.model = ChangesModel(wizard.lang)
        self.table = read_only_table(self.model, tr("Cifras que cambiarían"), 1)
        self.table.horizontalHeader().setMinimumSectionSize(72)  # before, after and difference read at a glance
        self.changes_title = QLabel(tr("Cifras que cambiarían (unidad y mes: antes → después)"))
        self.changes_title.setStyleSheet("font-weight: 600;")
        self.problems = QListWidget()  # a file that fails validation: each problem at its place
        self.problems.setAccessibleName(tr("Problemas del archivo"))
        self.problems.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802
        self.outcome = None
        self.model.set_changes([])
        self.problems.clear()
        self.problems.setVisible(False)
        self.status.setStyleSheet("")
        self.status.setText(tr("Simulando la importación…"))
        w = self.w
        store, path, inst, m, found = w.store, w.path, w.institution, w.mapping, w.detected
        source = w.source
        assert path is not None
        assert found is not None
        run = kind(found.kind).run
        w.worker.submit("preview", lambda: run(store, path, inst, m, True, None, source), self._previewed, self._failed)

    def _previewed(self, outcome: Outcome) -> None:
        self.outcome = outcome
        r = outcome.report
        self.counts.show_report(r, self.w.lang)
        where = tr("institución {institution}", institution=self.w.institution)
        self.status.setText(_read_text(r, self.w.lang) + " · " + where + _flagged_text(r, self.w.lang))
        self.model.set_changes(outcome.changes)
        self.table.setColumnHidden(INDICATOR, not any(c.indicator for c in outcome.changes))
        listed, changed = len(outcome.changes), int(r.get("changed", 0))
        if self.w.detected is not None and self.w.detected.mapping is None:
            title = tr("Cifras nuevas o que cambiarían (unidad, periodo e indicador: antes → después)")
            changed += int(r.get("new", 0))
        else:
            title = tr("Cifras que cambiarían (unidad y mes: antes → después)")
        if changed > listed:  # the core lists the first thousand; the counts above are exact
            title += " — " + tr("se muestran las primeras {listed} de {changed}", listed=listed, changed=changed)
        self.changes_title.setText(title)
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.status.setStyleSheet(error_style())
        if isinstance(exc, ValidationFailed):  # the head here, each problem as one line of the list
            head = UserError.text(exc, self.w.lang)
            self.status.setText(head + "\n" + tr("Corrija el archivo: no se puede importar."))
            self.problems.addItems([problem_line(p, self.w.lang) for p in exc.problems])
            self.problems.setVisible(True)
        else:
            self.status.setText(error_text(exc, self.w.lang))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.outcome is not None


class RunPage(QWizardPage):
    """The import itself: starts on entering the page; «Cancelar importación» rolls it back."""

    STAGES: ClassVar[dict[str, int]] = {"read": 40, "written": 90}

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.state = "idle"  # running · done · cancelled · failed
        self.outcome: Outcome | None = None
        self._cancel = threading.Event()
        self._stages = _Stages()
        self._stages.reached.connect(self._reached)
        self.setTitle(tr("Importación"))
        self.setSubTitle(tr("Todo o nada: si cancela, la base de datos queda como estaba."))
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setAccessibleName(tr("Progreso de la importación"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(tr("Cancelar importación"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        w = self.w
        store, path, inst, m, found = w.store, w.path, w.institution, w.mapping, w.detected
        source = w.source
        assert path is not None
        assert found is not None
        run = kind(found.kind).run
        self._cancel.clear()
        cancel, stages = self._cancel, self._stages

        def checkpoint(stage: str) -> None:
            if cancel.is_set():
                raise Cancelled
            stages.reached.emit(stage)

        self.state = "running"
        self.outcome = None
        self.bar.setValue(5)
        self.status.setStyleSheet("")
        self.status.setText(tr("Leyendo {file}…", file=path.name))
        self.cancel_button.setEnabled(True)
        w.worker.submit(
            "import", lambda: run(store, path, inst, m, False, checkpoint, source), self._imported, self._failed
        )

    def cancel(self) -> None:
        if self.state == "running":
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(tr("Cancelando…"))

    def _reached(self, stage: str) -> None:
        if self.state == "running":
            self.bar.setValue(self.STAGES.get(stage, self.bar.value()))
            if stage == "read":
                self.status.setText(tr("Comparando y guardando las cifras…"))

    def _imported(self, outcome: Outcome) -> None:
        self.state = "done"
        self.outcome = outcome
        self.bar.setValue(100)
        self.cancel_button.setEnabled(False)
        self.status.setText(tr("Importación terminada."))
        self.completeChanged.emit()
        self.w.imported.emit(outcome.report)

    def _failed(self, exc: Exception) -> None:
        self.cancel_button.setEnabled(False)
        self.bar.setValue(0)
        if isinstance(exc, Cancelled):
            self.state = "cancelled"
            self.status.setText(translate("import.cancelled", self.w.lang))
        else:
            self.state = "failed"
            self.status.setStyleSheet(error_style())
            self.status.setText(tr("No se importó nada.") + "\n" + error_text(exc, self.w.lang))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.state == "done"


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(tr("Informe de la importación"))
        self.counts = Counts()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(tr("Guardar informe (.xlsx)…"))
        self.save_button.clicked.connect(lambda *_: self.save())
        self.saved_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        outcome = self.w.run_page.outcome
        assert outcome is not None
        r = outcome.report
        self.counts.show_report(r, self.w.lang)
        self.summary.setText(
            tr("Lote {batch}", batch=r.get("batch") or "—")
            + " · "
            + _read_text(r, self.w.lang)
            + ". "
            + tr("El tablero ya muestra las cifras nuevas.")
        )

    def save(self, target: Path | None = None) -> Path | None:
        from ui.operations.import_report import write_import_report

        outcome, path, m = self.w.run_page.outcome, self.w.path, self.w.mapping
        assert outcome is not None
        assert path is not None
        if target is None:
            suggested = path.with_name(f"informe-importacion-{path.stem}.xlsx")
            chosen, _ = QFileDialog.getSaveFileName(self, tr("Guardar informe"), str(suggested), tr("Excel (*.xlsx)"))
            if not chosen:
                return None
            target = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        found = self.w.detected
        label = tr(kind(found.kind).label) if found else ""
        name = m.name if m else ""  # templates and long tables have no mapping
        lang = self.w.lang
        self.save_button.setEnabled(False)  # a national report takes a few seconds: written on the worker
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(tr("Guardando el informe…"))
        self.w.worker.submit(
            "report",
            lambda: write_import_report(target, outcome, file_name=path.name, kind=label, mapping=name, lang=lang),
            self._saved,
            self._not_saved,
        )
        return target

    def _saved(self, target: Path) -> None:
        self.save_button.setEnabled(True)
        self.saved_label.setText(tr("Guardado en {path}", path=str(target)))

    def _not_saved(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.saved_label.setStyleSheet(error_style())
        self.saved_label.setText(str(exc))
