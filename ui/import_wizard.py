"""«Importar»: a wizard — choose the file → the detected kind and its mapping (editable, saved for next
time) → a preview of what would change (a dry run) → the import on the database worker, with progress and
cancel → the report, saveable as .xlsx.

Everything that reads the file or the database runs on the worker (:mod:`ui.worker`); the import is one
transaction, and cancelling raises inside it, so a cancelled import leaves the database as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from importers.register import RegisterMapping
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.messages import translate
from scorecard.store import Store
from ui.i18n import locale_for, tr
from ui.models.changes_model import INDICATOR, ChangesModel
from ui.operations.import_kinds import Cancelled, Detected, Outcome, WideNeeds, detect, kind, month_code
from ui.owned_worker import OwnsWorker
from ui.tables import read_only_table
from ui.theme import error_style, warning_colour
from ui.wide_categories import CategoryMapping

WIDE_ROWS = 3  # the mapping page's rows for a wide sheet: its unit, its indicator, its categories' mapping


def error_text(exc: Exception, lang: str) -> str:
    return exc.text(lang) if isinstance(exc, UserError) else str(exc) or type(exc).__name__


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


# --- pages -----------------------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(tr("Archivo"))
        self.setSubTitle(tr("Elija el archivo que quiere importar; la aplicación reconoce de qué tipo es."))
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(tr("Archivo a importar"))
        self.path_edit.editingFinished.connect(lambda: self.choose(Path(self.path_edit.text().strip())))
        browse = QPushButton(tr("Examinar…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.status = QLabel(tr("Formatos: Excel (.xlsx, .xlsm), OpenDocument (.ods) y CSV."))
        self.status.setWordWrap(True)
        # which source the file brings: by default each indicator's official one (imports as always)
        self.source_box = QComboBox()
        self.source_box.setAccessibleName(tr("Fuente de las cifras"))
        self.source_box.addItem(tr("fuente oficial de cada indicador"), None)
        for s in wizard.store.sources.list(wizard.institution):
            if not s.implicit:
                self.source_box.addItem(f"{s.code} · {s.name}", s.code)
        source_row = QHBoxLayout()
        source_row.addWidget(QLabel(tr("Fuente:")))
        source_row.addWidget(self.source_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(source_row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("Archivo a importar"), self.path_edit.text(), tr("Hojas de cálculo (*.xlsx *.xlsm *.ods *.csv)")
        )
        if chosen:
            self.choose(Path(chosen))

    def choose(self, path: Path) -> None:
        """Detect the file's kind on the worker; the page completes when it is known."""
        if not str(path) or str(path) == ".":
            return
        if self.w.path == path and self.w.detected is not None:
            return
        self.path_edit.setText(str(path))
        self.w.path = path
        self.w.detected = None
        self.status.setStyleSheet("")
        self.status.setText(tr("Leyendo {file}…", file=path.name))
        self.completeChanged.emit()
        store = self.w.store
        self.w.worker.submit("detect", lambda: detect(store, path), self._detected, self._failed)

    def _detected(self, found: Detected | None) -> None:
        if found is None:
            self.status.setStyleSheet(error_style())
            self.status.setText(tr("No se reconoce el tipo de archivo: ninguna columna de fecha y unidad conocida."))
        else:
            self.w.detected = found
            if found.mapping is None:  # a template or a long table: nothing to map
                text = tr(
                    "Tipo detectado: {kind} · hoja «{sheet}» · {columns} columnas",
                    kind=tr(kind(found.kind).label),
                    sheet=found.sheet,
                    columns=len(found.columns),
                )
            else:
                text = tr(
                    "Tipo detectado: {kind} · mapeo «{mapping}» · hoja «{sheet}» · {columns} columnas",
                    kind=tr(kind(found.kind).label),
                    mapping=found.mapping.name,
                    sheet=found.sheet,
                    columns=len(found.columns),
                )
            self.status.setText(text)
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.status.setStyleSheet(error_style())
        self.status.setText(error_text(exc, self.w.lang))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.w.detected is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(tr("Tipo y mapeo"))
        self.setSubTitle(tr("Qué columna dice la fecha, cuál la unidad, a qué indicador van y qué filas cuentan."))
        self.kind_label = QLabel()
        self.name_edit = QLineEdit()
        self.indicator_edit = QLineEdit()
        self.date_box = self._column_box()
        self.unit_box = self._column_box()
        self.filter_box = self._column_box()
        self.values_edit = QLineEdit()
        self.values_edit.setPlaceholderText(tr("vacío: cuentan todas las filas"))
        save = QPushButton(tr("Guardar mapeo"))
        save.clicked.connect(self.save)
        self.saved_label = QLabel()
        self.fixed_label = QLabel()  # templates and long tables: what was recognised, read-only
        self.fixed_label.setWordWrap(True)
        # a wide sheet: what it does not say itself (its unit, its indicator, where its categories go)
        self.about_unit = QComboBox()
        self.about_unit.setEditable(True)
        self.about_unit.setAccessibleName(tr("Unidad de la hoja"))
        self.about_indicator = QComboBox()
        self.about_indicator.setAccessibleName(tr("Indicador de la hoja"))
        self.about_mapping = CategoryMapping()
        self.about_mapping.save_button.clicked.connect(
            lambda: self.about_mapping.save(self.w.store, self.w.institution, self.w.lang)
        )
        self.form = form = QFormLayout(self)
        form.addRow(tr("Tipo") + ":", self.kind_label)
        form.addRow(self.fixed_label)
        form.addRow(tr("Unidad de la hoja") + ":", self.about_unit)
        form.addRow(tr("Indicador de la hoja") + ":", self.about_indicator)
        form.addRow(tr("Mapeo de categorías") + ":", self.about_mapping)
        form.addRow(tr("Nombre del mapeo") + ":", self.name_edit)
        form.addRow(tr("Indicador") + ":", self.indicator_edit)
        form.addRow(tr("Columna de fecha") + ":", self.date_box)
        form.addRow(tr("Columna de unidad") + ":", self.unit_box)
        form.addRow(tr("Columna de filtro") + ":", self.filter_box)
        form.addRow(tr("Valores que cuentan") + ":", self.values_edit)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(self.saved_label, 1)
        form.addRow("", row)

    @staticmethod
    def _column_box() -> QComboBox:
        box = QComboBox()
        box.setEditable(True)
        box.setMinimumContentsLength(24)
        return box

    def initializePage(self) -> None:  # noqa: N802
        found = self.w.detected
        assert found is not None
        self.kind_label.setText(tr(kind(found.kind).label))
        editable = found.mapping is not None
        for row in range(WIDE_ROWS + 2, self.form.rowCount()):
            self.form.setRowVisible(row, editable)
        self.form.setRowVisible(1, not editable)
        needs = found.needs
        for row, shown in zip(range(2, 2 + WIDE_ROWS), (needs and needs.unit, needs and needs.indicator,
                                                           needs and needs.categories), strict=True):  # fmt: skip
            self.form.setRowVisible(row, bool(shown))
        self.saved_label.clear()
        if needs is not None:
            self._offer_about(needs)
        if not editable:
            if needs is not None and (needs.unit or needs.indicator or needs.categories):
                self.setSubTitle(
                    tr(
                        "Diga de qué trata la hoja donde ella no lo dice: su unidad, su indicador o el "
                        "mapeo de sus categorías."
                    )
                )
            else:
                self.setSubTitle(tr("Este tipo de archivo no necesita mapeo: sus columnas son las de la aplicación."))
            self.fixed_label.setText(self._fixed_text(found))
            return
        self.setSubTitle(tr("Qué columna dice la fecha, cuál la unidad, a qué indicador van y qué filas cuentan."))
        m: RegisterMapping = found.mapping
        self.name_edit.setText(m.name)
        self.indicator_edit.setText(m.indicator)
        for box, value in ((self.date_box, m.date_column), (self.unit_box, m.unit_column)):
            self._fill(box, found.columns, value)
        self._fill(self.filter_box, ("", *found.columns), m.filter_column or "")
        self.values_edit.setText(", ".join(m.filter_values))
        self.saved_label.clear()

    def _offer_about(self, needs: WideNeeds) -> None:
        """The institution's units and indicators, and the saved wide mappings, to say what the sheet is about."""
        from importers.saved_mappings import wide_mappings

        store, inst = self.w.store, self.w.institution
        self.about_unit.clear()
        self.about_indicator.clear()
        if needs.unit:
            for u in store.units.list(inst):
                self.about_unit.addItem(f"{u.code} · {u.name}", u.code)
        indicators = [(spec.code, spec.name) for spec in store.plans.spec(inst).indicators]
        if needs.indicator:
            for code, name in indicators:
                self.about_indicator.addItem(f"{code} · {name}", code)
        if needs.categories:
            self.about_mapping.offer(needs.categories, indicators, wide_mappings(store))

    def about(self) -> Any:
        """What the user said the wide sheet is about (figures_import.About)."""
        from importers.figures_import import About

        found = self.w.detected
        needs = found.needs if found is not None else None
        if needs is None:
            return None
        unit = (self.about_unit.currentData() or self.about_unit.currentText().split(" · ")[0].strip()) or None
        categories = self.about_mapping.mapping() if needs.categories else None
        return About(
            unit=unit if needs.unit else None,
            indicator=self.about_indicator.currentData() if needs.indicator else None,
            mapping=categories or None,
            mapping_name=self.about_mapping.name() or tr("(sin nombre)"),
        )

    @staticmethod
    def _fixed_text(found: Detected) -> str:
        columns = ", ".join(found.columns[:12]) + (" …" if len(found.columns) > 12 else "")
        if found.kind == "wide":
            return tr("Hoja ancha, hoja «{sheet}»: columnas {columns}", sheet=found.sheet, columns=columns)
        if found.kind == "template":
            return tr("Plantilla del periodo, hoja «{sheet}»: columnas {columns}", sheet=found.sheet, columns=columns)
        return tr("Tabla larga, hoja «{sheet}»: columnas reconocidas {columns}", sheet=found.sheet, columns=columns)

    @staticmethod
    def _fill(box: QComboBox, columns: tuple[str, ...], value: str) -> None:
        box.clear()
        box.addItems(list(columns))
        box.setCurrentText(value)

    def mapping(self) -> RegisterMapping:
        found = self.w.detected
        assert found is not None
        values = tuple(v.strip() for v in self.values_edit.text().split(",") if v.strip())
        return RegisterMapping(
            name=self.name_edit.text().strip() or found.mapping.name,
            indicator=self.indicator_edit.text().strip().upper(),
            date_column=self.date_box.currentText().strip(),
            unit_column=self.unit_box.currentText().strip(),
            filter_column=self.filter_box.currentText().strip() or None,
            filter_values=values,
            hierarchy=dict(found.mapping.hierarchy),
        )

    def save(self) -> bool:
        from importers.saved_mappings import save_register_mapping

        m = self.mapping()
        try:
            save_register_mapping(self.w.store, m, self.w.institution)
        except UserError as exc:
            self.saved_label.setStyleSheet(error_style())
            self.saved_label.setText(exc.text(self.w.lang))
            return False
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(tr("Mapeo «{name}» guardado para la próxima vez.", name=m.name))
        return True

    def validatePage(self) -> bool:  # noqa: N802
        found = self.w.detected
        if found is not None and found.mapping is None:
            self.w.mapping = self.about()  # a wide sheet's About, else None
            return True
        m = self.mapping()
        if not (m.indicator and m.date_column and m.unit_column):
            self.saved_label.setStyleSheet(error_style())
            self.saved_label.setText(tr("Indique el indicador y las columnas de fecha y de unidad."))
            return False
        self.w.mapping = m
        return True


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


# --- the wizard ------------------------------------------------------------------------------------------


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
