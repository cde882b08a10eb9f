"""The import wizard's mapping of a wide sheet's month categories (``ene_h``, ``ENE-MUJERES``) to the
institution's indicators: pick a saved mapping or set each category, and save it for the next file (as a
register's mapping is saved)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from scorecard.errors import UserError
from scorecard.store import Store
from ui.i18n import tr
from ui.theme import error_style


class CategoryMapping(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved: dict[str, dict[str, str]] = {}
        self.categories: tuple[str, ...] = ()
        self.boxes: dict[str, QComboBox] = {}
        self.name_box = QComboBox()
        self.name_box.setEditable(True)
        self.name_box.setAccessibleName(tr("Nombre del mapeo"))
        self.name_box.setMinimumContentsLength(24)
        self.name_box.currentIndexChanged.connect(self._pick)
        self.save_button = QPushButton(tr("Guardar mapeo"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.grid = QGridLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Mapeo:")))
        top.addWidget(self.name_box, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        layout.addWidget(self.status)

    def offer(
        self, categories: tuple[str, ...], indicators: list[tuple[str, str]], saved: dict[str, dict[str, str]]
    ) -> None:
        """One row per category with the indicators to choose from; the saved mapping that covers most of
        the categories chosen first."""
        self.categories, self.saved = categories, {n: {k.lower(): v for k, v in m.items()} for n, m in saved.items()}
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.boxes = {}
        for row, category in enumerate(categories):
            box = QComboBox()
            box.setAccessibleName(tr("Indicador de la categoría {category}", category=category))
            box.addItem(tr("(sin asignar)"), "")
            for code, name in indicators:
                box.addItem(f"{code} · {name}", code)
            self.grid.addWidget(QLabel(category), row, 0)
            self.grid.addWidget(box, row, 1)
            self.boxes[category] = box
        self.name_box.blockSignals(True)
        self.name_box.clear()
        ranked = sorted(self.saved, key=lambda n: -sum(c in self.saved[n] for c in categories))
        for name in ranked:
            self.name_box.addItem(name, name)
        self.name_box.blockSignals(False)
        self.status.clear()
        self._pick()

    def _pick(self, *_args: object) -> None:
        chosen = self.saved.get(self.name_box.currentText().strip(), {})
        for category, box in self.boxes.items():
            index = box.findData(chosen.get(category, ""))
            box.setCurrentIndex(max(index, 0))

    def mapping(self) -> dict[str, str]:
        return {c: box.currentData() for c, box in self.boxes.items() if box.currentData()}

    def name(self) -> str:
        return self.name_box.currentText().strip()

    def missing(self) -> list[str]:
        return [c for c, box in self.boxes.items() if not box.currentData()]

    def save(self, store: Store, institution: str, lang: str) -> bool:
        from importers.saved_mappings import save_wide_mapping

        try:
            if self.missing():
                raise UserError("wide.category_unmapped", value=self.missing()[0], mapping=self.name(), known="—")
            save_wide_mapping(store, self.name(), self.mapping(), institution)
        except UserError as exc:
            self.status.setStyleSheet(error_style())
            self.status.setText(exc.text(lang))
            return False
        self.saved[self.name()] = self.mapping()
        self.status.setStyleSheet("")
        self.status.setText(tr("Mapeo «{name}» guardado para la próxima vez.", name=self.name()))
        return True
