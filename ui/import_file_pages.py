"""«Importar», the wizard's first two pages: the file (its kind and source detected on the worker) and
the mapping of its columns (edited, saved for next time; a wide sheet's unit, indicator and categories).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from importers.register import RegisterMapping
from scorecard.errors import UserError
from ui.i18n import tr
from ui.operations.import_kinds import Detected, WideNeeds, detect, kind
from ui.theme import error_style
from ui.wide_categories import CategoryMapping

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


WIDE_ROWS = 3  # the mapping page's rows for a wide sheet: its unit, its indicator, its categories' mapping


def error_text(exc: Exception, lang: str) -> str:
    return exc.text(lang) if isinstance(exc, UserError) else str(exc) or type(exc).__name__


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
