"""The main window: institutions and their unit tree on the left; the selected unit's scorecard and the
league table of the units below it on the right."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import ScorecardView
from scorecard.formatting import percent, status_letter
from scorecard.store import Store
from ui.i18n import Words
from ui.models.league_model import LeagueModel, UnitCodeRole
from ui.models.scorecard_model import ScorecardModel
from ui.models.unit_tree import UnitFilter, build_tree
from ui.operations.scorecard import load_scorecard
from ui.status_icons import COLOURS

MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class MainWindow(QMainWindow):
    def __init__(self, store: Store, lang: str = "es", *, period: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.words = Words(lang)
        self.settings = QSettings()
        self.view: ScorecardView | None = None
        self._build()
        self._fill_institutions()
        self._fill_periods(period or str(self.settings.value("period", "2025-10")))
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 820)
        self.refresh()

    # --- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        split = QSplitter()
        split.addWidget(self._left_panel())
        split.addWidget(self._right_panel())
        split.setSizes([330, 990])
        self.setCentralWidget(split)

        self.institution_box.currentIndexChanged.connect(self._institution_changed)
        self.search.textChanged.connect(self._search)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.refresh())
        self.period_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.ytd.toggled.connect(lambda *_: self.refresh())
        self._menus()

    def _left_panel(self) -> QWidget:
        w = self.words
        self.institution_box = QComboBox()
        self.institution_box.setAccessibleName(w("Institución"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(w("Buscar unidad…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(w("Buscar unidad…"))
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # keeps 2,000 units fast
        self.tree.setAccessibleName(w("Unidades"))
        self.unit_filter = UnitFilter()
        self.tree.setModel(self.unit_filter)

        left = QWidget()
        left.setMinimumWidth(280)  # codes and names of units stay readable
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.institution_box)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)

        return left

    def _right_panel(self) -> QWidget:
        w = self.words
        self.period_box = QComboBox()
        self.period_box.setAccessibleName(w("Periodo"))
        self.ytd = QCheckBox(w("Acumulado (año a la fecha)"))
        self.unit_title = QLabel()
        self.unit_title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 30px; font-weight: 700;")
        self.score_label.setAccessibleName(w("Puntaje"))
        self.detail_label = QLabel()
        self.detail_label.setStyleSheet("font-size: 13px;")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(w("Periodo") + ":"))
        bar.addWidget(self.period_box)
        bar.addWidget(self.ytd)
        bar.addStretch(1)
        header = QFrame()
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header_layout = QHBoxLayout(header)
        titles = QVBoxLayout()
        titles.addWidget(self.unit_title)
        titles.addWidget(self.detail_label)
        header_layout.addLayout(titles, 1)
        header_layout.addWidget(self.score_label)

        self.scorecard_model = ScorecardModel(w)
        self.table = self._table(self.scorecard_model, stretch=1)
        self.league_model = LeagueModel(w)
        self.league = self._table(self.league_model, stretch=2)
        self.league.doubleClicked.connect(self._open_league_row)
        league_box = QWidget()
        league_layout = QVBoxLayout(league_box)
        league_layout.setContentsMargins(0, 0, 0, 0)
        self.league_title = QLabel(w("Unidades subordinadas"))
        self.league_title.setStyleSheet("font-weight: 600;")
        league_layout.addWidget(self.league_title)
        league_layout.addWidget(self.league)

        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.table)
        right_split.addWidget(league_box)
        right_split.setSizes([520, 220])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(bar)
        right_layout.addWidget(header)
        right_layout.addWidget(right_split, 1)

        return right

    def _table(self, model: ScorecardModel | LeagueModel, stretch: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return view

    def _menus(self) -> None:
        w = self.words
        file_menu = self.menuBar().addMenu(w("Archivo"))
        quit_action = QAction(w("Salir"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(w("Ayuda"))
        about = QAction(w("Acerca de"), self)
        about.triggered.connect(
            lambda: QMessageBox.about(
                self, w("Tablero GPR"), w("Tablero de Gobierno por Resultados para la seguridad ciudadana.")
            )
        )
        help_menu.addAction(about)

    # --- filling --------------------------------------------------------------------------------------

    def _fill_institutions(self) -> None:
        remembered = str(self.settings.value("institution", "PN"))
        self.institution_box.blockSignals(True)
        for info in self.store.institutions.list():
            self.institution_box.addItem(f"{info.code} — {info.name}", info.code)
        self.institution_box.setCurrentIndex(max(0, self.institution_box.findData(remembered)))
        self.institution_box.blockSignals(False)
        self._institution_changed()

    def _fill_periods(self, selected: str) -> None:
        names = MONTHS_EN if self.words.lang == "en" else MONTHS_ES
        self.period_box.blockSignals(True)
        for year in (2025, 2026):
            for month in range(1, 13):
                self.period_box.addItem(f"{names[month - 1]} {year}", f"{year}-{month:02d}")
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(selected)))
        self.period_box.blockSignals(False)

    @property
    def institution(self) -> str:
        return str(self.institution_box.currentData())

    def _institution_changed(self) -> None:
        model, self.unit_items = build_tree(self.store.units.list(self.institution))
        self.unit_model = model
        self.unit_filter.setSourceModel(model)
        self.tree.expandToDepth(0)
        self.setWindowTitle(f"{self.words('Tablero GPR')} — {self.institution_box.currentText()}")
        self.refresh()

    def _search(self, text: str) -> None:
        self.unit_filter.set_text(text)
        if text.strip():
            self.tree.expandAll()

    def selected_unit(self) -> str | None:
        index = self.tree.currentIndex()
        return str(index.data(UnitCodeRole)) if index.isValid() else None

    def select_unit(self, code: str) -> None:
        item = self.unit_items.get(code)
        if item is None:
            return
        index = self.unit_filter.mapFromSource(item.index())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _open_league_row(self, index: QModelIndex) -> None:
        self.select_unit(str(index.data(UnitCodeRole)))

    def refresh(self) -> None:
        if not hasattr(self, "period_box") or self.period_box.count() == 0:
            return
        view = load_scorecard(
            self.store, self.institution, str(self.period_box.currentData()), self.selected_unit(), self.ytd.isChecked()
        )
        self.show_view(view)

    def show_view(self, view: ScorecardView) -> None:
        self.view = view
        w, lang = self.words, self.words.lang
        self.scorecard_model.set_view(view)
        self.league_model.set_units(view.children)
        period = self.period_box.currentText() + (f" · {w('Acumulado (año a la fecha)')}" if view.ytd else "")
        self.unit_title.setText(f"{view.unit_name}  ({view.unit_code}) — {period}")
        self.score_label.setText(f"{percent(view.score, lang)}  {status_letter(view.status, lang)}")
        self.score_label.setStyleSheet(f"font-size: 30px; font-weight: 700; color: {COLOURS[view.status.key]};")
        self.detail_label.setText(
            w("{scored} de {total} indicadores", scored=view.indicators_scored, total=view.indicators_total)
            + f"  ·  {w('Tasa de reporte')} {percent(view.completeness, lang)}"
            + f"  ·  {w('Oportunidad')} {percent(view.timeliness, lang)}"
        )
        self.league_title.setVisible(bool(view.children))
        self.league.setVisible(bool(view.children))

    def closeEvent(self, event: object) -> None:  # noqa: N802
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("institution", self.institution)
        self.settings.setValue("period", self.period_box.currentData())
        super().closeEvent(event)  # type: ignore[arg-type]
