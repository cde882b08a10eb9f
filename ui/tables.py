"""The app's read-only tables (scorecard, league, audit, review queue, import changes) set up alike: whole
rows selected, no editing, alternate shading, one line per row, columns sized to their contents except
those that stretch."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROW_HEIGHT = 26


def read_only_table(model: QAbstractItemModel, name: str | None, *stretch: int) -> QTableView:
    """A table over ``model``, named ``name`` for screen readers, the columns ``stretch`` taking the room."""
    view = QTableView()
    view.setModel(model)
    if name:
        view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
