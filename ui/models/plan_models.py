"""Models of the plan screen: the objectives table, the indicators list and the monthly targets grid.

The objectives and indicators models hold the plan as the core's own specs (:class:`ObjectiveSpec`,
:class:`IndicatorSpec`), so what is saved is exactly what the plan workbook would load.  The targets grid
is one indicator and one year: a row per unit of a level, a column per month, numbers typed the reader's
way (1.234,5 in Spanish).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from scorecard.domain import ObjectiveKind
from scorecard.figures import TargetRow
from scorecard.formatting import number
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec
from scorecard.units import UnitInfo
from ui.i18n import QT_TR_NOOP, locale_for, month_name, tr
from ui.models.base import LangTableModel

Index = QModelIndex | QPersistentModelIndex
PROBLEM_BRUSH = QColor(198, 40, 40, 60)
CHANGED_BRUSH = QColor(255, 193, 7, 60)
FROZEN_BRUSH = QColor(120, 120, 120, 50)  # approved months: read only

KIND_WORDS = {ObjectiveKind.STRATEGIC: QT_TR_NOOP("estratégico"), ObjectiveKind.OPERATIONAL: QT_TR_NOOP("operativo")}
O_CODE, O_NAME, O_KIND, O_PARENT, O_WEIGHT, O_ALIGNMENT = range(6)


def parse_number(text: str, lang: str) -> float | None:
    """``text`` as a number the reader's way; None when it is not one."""
    value, ok = locale_for(lang).toDouble(text.strip())
    return value if ok else None


class ObjectivesModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Código"),
        QT_TR_NOOP("Nombre"),
        QT_TR_NOOP("Tipo"),
        QT_TR_NOOP("Objetivo padre"),
        QT_TR_NOOP("Peso"),
        QT_TR_NOOP("Alineación"),
    )

    def __init__(self, objectives: list[ObjectiveSpec], lang: str | None = None) -> None:
        super().__init__(lang)
        self.objectives = list(objectives)

    def row_count(self) -> int:
        return len(self.objectives)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.objectives):
            return None
        o, c = self.objectives[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if c == O_KIND:
                return tr(KIND_WORDS[o.kind])
            if c == O_WEIGHT:
                return number(o.weight, self.lang)
            return {O_CODE: o.code, O_NAME: o.name, O_PARENT: o.parent or "", O_ALIGNMENT: o.alignment or ""}[c]
        if role == Qt.ItemDataRole.TextAlignmentRole and c == O_WEIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        o, c, text = self.objectives[index.row()], index.column(), str(value or "").strip()
        if c == O_KIND:
            kinds = {tr(w).lower(): k for k, w in KIND_WORDS.items()} | {k.value: k for k in ObjectiveKind}
            if text.lower() not in kinds:
                return False
            new = replace(o, kind=kinds[text.lower()])
        elif c == O_WEIGHT:
            weight = parse_number(text, self.lang)
            if weight is None or weight < 0:
                return False
            new = replace(o, weight=weight)
        else:
            field = {O_CODE: "code", O_NAME: "name", O_PARENT: "parent", O_ALIGNMENT: "alignment"}[c]
            changes: dict[str, Any] = {field: text or (None if c in (O_PARENT, O_ALIGNMENT) else "")}
            new = replace(o, **changes)
        if new == o:
            return False
        self.objectives[index.row()] = new
        self.dataChanged.emit(index, index)
        return True

    def add(self, spec: ObjectiveSpec) -> int:
        row = len(self.objectives)
        self.beginInsertRows(QModelIndex(), row, row)
        self.objectives.append(spec)
        self.endInsertRows()
        return row


class IndicatorsModel(LangTableModel):
    """The indicators as a list to pick from; the form beside it edits the picked one."""

    HEADERS = (QT_TR_NOOP("Código"), QT_TR_NOOP("Indicador"), QT_TR_NOOP("Objetivo"))

    def __init__(self, indicators: list[IndicatorSpec], lang: str | None = None) -> None:
        super().__init__(lang)
        self.indicators = list(indicators)
        self.problem_codes: set[str] = set()

    def row_count(self) -> int:
        return len(self.indicators)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.indicators):
            return None
        i = self.indicators[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (i.code, i.name, i.objective)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and i.code.upper() in self.problem_codes:
            return QBrush(PROBLEM_BRUSH)
        if role == Qt.ItemDataRole.ToolTipRole:
            return i.description or i.name
        return None

    def put(self, row: int, spec: IndicatorSpec) -> None:
        self.indicators[row] = spec
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def add(self, spec: IndicatorSpec) -> int:
        row = len(self.indicators)
        self.beginInsertRows(QModelIndex(), row, row)
        self.indicators.append(spec)
        self.endInsertRows()
        return row

    def flag_problems(self, codes: set[str]) -> None:
        if codes != self.problem_codes:
            self.problem_codes = codes
            if self.indicators:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.indicators) - 1, 0))


class TargetsModel(LangTableModel):
    """Targets of one indicator and year: a row per unit, column 0 the unit, columns 1..12 the months."""

    HEADERS = (QT_TR_NOOP("Unidad"), *(f"__month{m}" for m in range(1, 13)), QT_TR_NOOP("Total del año"))
    TOTAL = 13

    def __init__(
        self,
        units: list[UnitInfo],
        indicator_id: int,
        year: int,
        stored: dict[tuple[int, int], float],
        lang: str | None = None,
        *,
        adds_up: bool = True,
        frozen: set[tuple[int, int]] | None = None,
    ) -> None:
        super().__init__(lang)
        self.adds_up = adds_up  # a flow's months add up to its year; a level or a rate has no year total
        self.frozen = frozen or set()  # (unit_id, month) approved: their targets stay as judged
        self.units, self.indicator_id, self.year = list(units), indicator_id, year
        self.stored = dict(stored)  # (unit_id, month) -> value as in the database
        self.values = dict(stored)
        self.typed: dict[tuple[int, int], str] = {}  # cells holding text that is not a valid number

    def row_count(self) -> int:
        return len(self.units)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 < section < self.TOTAL
        ):
            return month_name(section)[:3].capitalize()
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        editable = index.isValid() and 0 < index.column() < self.TOTAL
        if editable and self.key(index.row(), index.column()) in self.frozen:
            return base
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def month(self, column: int) -> int:
        return self.year * 100 + column

    def key(self, row: int, column: int) -> tuple[int, int]:
        return self.units[row].id, self.month(column)

    def problem(self, row: int, column: int) -> str | None:
        key = self.key(row, column)
        if key in self.typed:
            return tr("«{text}» no es un número", text=self.typed[key])
        value = self.values.get(key)
        if value is not None and value < 0:
            return tr("no puede ser negativo")
        return None

    def problems(self) -> list[str]:
        return [p for r in range(len(self.units)) for c in range(1, 13) if (p := self.problem(r, c))]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        r, c = index.row(), index.column()
        unit = self.units[r]
        if c == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{unit.code} · {unit.name}"
            return None
        if c == self.TOTAL:
            return self._total(r, role)
        key = self.key(r, c)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key in self.typed:
                return self.typed[key]
            value = self.values.get(key)
            return "" if value is None else number(value, self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.problem(r, c):
                return QBrush(PROBLEM_BRUSH)
            if self.values.get(key) != self.stored.get(key):
                return QBrush(CHANGED_BRUSH)
            if key in self.frozen:
                return QBrush(FROZEN_BRUSH)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in self.frozen:
                return tr("Mes aprobado: su meta está congelada (reprograme desde un mes abierto)")
            return self.problem(r, c)
        return None

    def _total(self, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole or not self.adds_up:
            return None
        months = [self.values.get(self.key(row, m)) for m in range(1, 13)]
        known = [v for v in months if v is not None]
        return number(round(sum(known), 6), self.lang) if known else ""  # no float dust: 28, not 28,00

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 < index.column() < self.TOTAL:
            return False
        key = self.key(index.row(), index.column())
        text = "" if value is None else str(value).strip()
        self.typed.pop(key, None)
        if not text:
            self.values.pop(key, None)
        elif isinstance(value, int | float):
            self.values[key] = float(value)
        else:
            parsed = parse_number(text, self.lang)
            if parsed is None:
                self.typed[key] = text
            else:
                self.values[key] = parsed
        self.dataChanged.emit(index, self.index(index.row(), self.TOTAL))
        return True

    def first_open(self, row: int) -> int:
        """The first month (1..13) after the unit's last frozen one: where a re-programming starts."""
        unit = self.units[row].id
        return max((m % 100 for u, m in self.frozen if u == unit), default=0) + 1

    def set_row(self, row: int, monthly: list[float], start: int = 1) -> None:
        """The months of one unit from ``start`` on at once (an annual target distributed); frozen months
        keep theirs."""
        for m, value in enumerate(monthly, start=start):
            key = self.key(row, m)
            if key in self.frozen:
                continue
            self.typed.pop(key, None)
            self.values[key] = value
        self.dataChanged.emit(self.index(row, 1), self.index(row, self.TOTAL))

    def changed_rows(self) -> list[TargetRow]:
        """What differs from the database, as the core writes it (a cleared cell is not a deletion)."""
        return [
            TargetRow(self.indicator_id, unit_id, month, value)
            for (unit_id, month), value in sorted(self.values.items())
            if self.stored.get((unit_id, month)) != value
        ]

    def saved(self) -> None:
        self.stored = dict(self.values)
        if self.units:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.units) - 1, 12))

    @property
    def dirty(self) -> bool:
        return bool(self.changed_rows()) or bool(self.typed)
