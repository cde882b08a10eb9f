"""An institution's unit tree for the side panel, with a filter that keeps the ancestors of every match."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from scorecard.units import UnitInfo

UnitCodeRole = Qt.ItemDataRole.UserRole + 3
SearchRole = Qt.ItemDataRole.UserRole + 4  # code and name without accents, lower case


def plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def build_tree(units: list[UnitInfo]) -> tuple[QStandardItemModel, dict[str, QStandardItem]]:
    """A read-only item per unit (2,000 build in a few tens of milliseconds), and the items by code."""
    model = QStandardItemModel()
    items: dict[str, QStandardItem] = {}
    by_id: dict[int, QStandardItem] = {}
    for u in units:
        item = QStandardItem(f"{u.code} · {u.name}")
        item.setEditable(False)
        item.setData(u.code, UnitCodeRole)
        item.setData(plain(f"{u.code} {u.name}"), SearchRole)
        item.setToolTip(f"{u.level}: {u.name}")
        by_id[u.id] = item
        items[u.code] = item
    for u in units:
        parent = by_id.get(u.parent_id) if u.parent_id is not None else None
        (parent or model.invisibleRootItem()).appendRow(by_id[u.id])
    return model, items


class UnitFilter(QSortFilterProxyModel):
    """Matches code or name, ignoring case and accents; a match keeps its ancestors visible."""

    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(SearchRole)
        self._needle = ""

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._needle = plain(text.strip())
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = plain(text.strip())
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return self._needle in str(index.data(SearchRole) or "")
