"""What every flat table model of the app shares: a list of rows and translated column headers."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import Words

Index = QModelIndex | QPersistentModelIndex


class WordsTableModel(QAbstractTableModel):
    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.words(self.HEADERS[section])
        return None
