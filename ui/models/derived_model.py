"""The derive dialog's preview: a row per indicator and unit, the twelve months' derived targets, the
reference each came from on hover (:func:`scorecard.target_derivation.derive_targets`, a dry run)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scorecard.formatting import number
from ui.i18n import QT_TR_NOOP, month_name, tr
from ui.models.base import Index, LangTableModel


class DerivedTargetsModel(LangTableModel):
    HEADERS = (QT_TR_NOOP("Indicador"), QT_TR_NOOP("Unidad"), *(f"__month{m}" for m in range(1, 13)))

    def __init__(self, rows: list[dict[str, Any]], lang: str | None = None) -> None:
        super().__init__(lang)
        grid: dict[tuple[str, str], dict[int, tuple[float, float]]] = {}
        for r in rows:
            month = int(r["period"][-2:])
            grid.setdefault((r["indicator"], r["unit"]), {})[month] = (r["reference"], r["target"])
        self.keys = list(grid)
        self.grid = grid

    def row_count(self) -> int:
        return len(self.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section >= 2:
            return month_name(section - 1)[:3].capitalize()
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.keys):
            return None
        indicator, unit = self.keys[index.row()]
        c = index.column()
        if c < 2:
            return (indicator, unit)[c] if role == Qt.ItemDataRole.DisplayRole else None
        cell = self.grid[(indicator, unit)].get(c - 1)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if cell is None else number(cell[1], self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is None:
                return tr("Sin historia para este mes: no se fija meta")
            return tr("Referencia {reference} → meta {target}", reference=number(cell[0], self.lang),
                      target=number(cell[1], self.lang))  # fmt: skip
        return None
