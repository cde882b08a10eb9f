"""The monthly data-entry grid: one row per (unit, due indicator), edited through an undo stack.

Numbers are typed the reader's way (1.234,5 in Spanish) and checked as they are typed: a cell that is not
a number keeps what was typed and says why; a figure that would be red asks for its cause and corrective
action, computed with the core's own arithmetic (:meth:`scorecard.entry.EntryLine.status`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QUndoCommand, QUndoStack

from scorecard.domain import Kind, Status
from scorecard.entry import EntryLine, EntrySheet
from scorecard.formatting import number, percent, status_word
from ui.i18n import QT_TR_NOOP, locale_for, tr
from ui.models.base import LangTableModel
from ui.models.entry_chance import chance_of
from ui.models.scorecard_model import StatusRole
from ui.status_icons import status_icon

Index = QModelIndex | QPersistentModelIndex
ProblemRole = Qt.ItemDataRole.UserRole + 7  # why the cell cannot be saved as it is (None: it can)

UNIT, INDICATOR, TARGET, VALUE, NUMERATOR, DENOMINATOR, PERFORMANCE, STATUS, CAUSE, ACTION, COMMENT = range(11)
NUMBER_COLUMNS = {VALUE: "value", NUMERATOR: "numerator", DENOMINATOR: "denominator"}
TEXT_COLUMNS = {CAUSE: "cause", ACTION: "action", COMMENT: "comment"}
PROBLEM_BRUSH = QColor(198, 40, 40, 60)


class CellEdit(QUndoCommand):
    """One cell's text before and after; consecutive typing in the same text cell merges into one step."""

    ID = 4711

    def __init__(self, model: EntryModel, row: int, column: int, old: str, new: str) -> None:
        super().__init__(tr("editar {cell}", cell=f"{model.lines[row].indicator_code}/{model.lines[row].unit_code}"))
        self.model, self.row, self.column, self.old, self.new = model, row, column, old, new

    def redo(self) -> None:
        self.model.apply(self.row, self.column, self.new)

    def undo(self) -> None:
        self.model.apply(self.row, self.column, self.old)

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, CellEdit) or (other.row, other.column) != (self.row, self.column):
            return False
        if self.column not in TEXT_COLUMNS:
            return False
        self.new = other.new
        return True


class EntryModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Unidad"),
        QT_TR_NOOP("Indicador"),
        QT_TR_NOOP("Meta"),
        QT_TR_NOOP("Resultado"),
        QT_TR_NOOP("Numerador"),
        QT_TR_NOOP("Denominador"),
        QT_TR_NOOP("Cumplimiento"),
        QT_TR_NOOP("Semáforo"),
        QT_TR_NOOP("Causa"),
        QT_TR_NOOP("Acción correctiva"),
        QT_TR_NOOP("Comentario"),
    )

    def __init__(self, sheet: EntrySheet, lang: str | None = None) -> None:
        super().__init__(lang)
        self.sheet = sheet
        self.lines: list[EntryLine] = list(sheet.lines)
        self.typed: dict[tuple[int, int], str] = {}  # cells holding text that is not a valid number
        self.locale = locale_for(self.lang)
        self.undo_stack = QUndoStack(self)

    def row_count(self) -> int:
        return len(self.lines)

    # --- reading --------------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if self.editable(index.row(), index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def editable(self, row: int, column: int) -> bool:
        ratio = self.lines[row].is_ratio
        if column == VALUE:
            return not ratio
        if column in (NUMERATOR, DENOMINATOR):
            return ratio
        return column in TEXT_COLUMNS

    def text(self, row: int, column: int) -> str:
        """What the cell holds as the user typed it or would type it (edit text)."""
        if (row, column) in self.typed:
            return self.typed[(row, column)]
        line = self.lines[row]
        if column in NUMBER_COLUMNS:
            value = getattr(line, NUMBER_COLUMNS[column])
            return "" if value is None else number(value, self.lang)
        if column in TEXT_COLUMNS:
            return getattr(line, TEXT_COLUMNS[column]) or ""
        return ""

    def problem(self, row: int, column: int) -> str | None:
        """Why this cell blocks saving, in the reader's words."""
        if (row, column) in self.typed:
            return self._number_problem(self.typed[(row, column)])
        line = self.lines[row]
        if column == DENOMINATOR and line.denominator is not None and line.denominator <= 0:
            return tr("el denominador debe ser mayor que cero")
        if column in NUMBER_COLUMNS:
            value = getattr(line, NUMBER_COLUMNS[column])
            if value is not None and value < 0 and line.definition.kind in (Kind.COUNT, Kind.STOCK, Kind.RATIO):
                return tr("no puede ser negativo")
            if line.is_ratio and column in (NUMERATOR, DENOMINATOR) and value is None:
                other = line.denominator if column == NUMERATOR else line.numerator
                if other is not None:
                    return tr("una razón necesita numerador y denominador")
        needs_text = column in (CAUSE, ACTION) and line.filled() and line.needs_justification()
        if needs_text and not (getattr(line, TEXT_COLUMNS[column]) or "").strip():
            return tr("en rojo: escriba la causa y la acción correctiva")
        return None

    def _number_problem(self, text: str) -> str:
        if "." in text and self.locale.decimalPoint() == "," and self.locale.toDouble(text.replace(".", ","))[1]:
            return tr("«{text}» no es un número: use la coma decimal (1.234,5)", text=text)
        return tr("«{text}» no es un número", text=text)

    def problems(self) -> list[tuple[int, int, str]]:
        out = []
        for r in range(len(self.lines)):
            for c in range(len(self.HEADERS)):
                reason = self.problem(r, c)
                if reason:
                    out.append((r, c, reason))
        return out

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        r, c = index.row(), index.column()
        line = self.lines[r]
        if role == StatusRole:
            return line.status()
        if role == ProblemRole:
            return self.problem(r, c)
        if role == Qt.ItemDataRole.EditRole:
            return self.text(r, c)
        if role == Qt.ItemDataRole.BackgroundRole and self.problem(r, c):
            return QBrush(PROBLEM_BRUSH)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problem(r, c) or self._tooltip(line, r, c)
        if role == Qt.ItemDataRole.DecorationRole and c == STATUS:
            return status_icon(line.status().key, self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (TARGET, VALUE, NUMERATOR, DENOMINATOR, PERFORMANCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not self.editable(r, c) and c in NUMBER_COLUMNS:
            return QBrush(QColor(128, 128, 128))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, r, c)
        return None

    def _tooltip(self, line: EntryLine, row: int, column: int) -> str | None:
        if column == STATUS:
            return self.chance_note(row)
        if column in (UNIT, INDICATOR):
            return f"{line.unit_code} · {line.unit_name}\n{line.indicator_code} · {line.indicator_name}"
        return None

    def _display(self, line: EntryLine, r: int, c: int) -> str:
        lang = self.lang
        if c == UNIT:
            return line.unit_code
        if c == INDICATOR:
            return f"{line.indicator_code} · {line.indicator_name}"
        if c == TARGET:
            band = line.band
            return f"{number(band[0], lang)}–{number(band[1], lang)}" if band else number(line.target, lang)
        if c == VALUE and line.is_ratio:
            return number(line.figure(), lang)
        if c in NUMBER_COLUMNS:
            if (r, c) in self.typed:
                return self.typed[(r, c)]
            if not self.editable(r, c):
                return ""
            value = getattr(line, NUMBER_COLUMNS[c])
            return "" if value is None else number(value, lang)
        if c == PERFORMANCE:
            from scorecard.arithmetic import performance_of

            value = line.figure()
            p = (
                performance_of(value, line.target, line.definition.polarity, band=line.band)
                if value is not None
                else None
            )
            return percent(p, lang)
        if c == STATUS:
            return status_word(line.status(), lang)
        if c in TEXT_COLUMNS:
            return getattr(line, TEXT_COLUMNS[c]) or ""
        return ""

    # --- editing --------------------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable(index.row(), index.column()):
            return False
        new = "" if value is None else str(value)
        old = self.text(index.row(), index.column())
        if new == old:
            return False
        self.undo_stack.push(CellEdit(self, index.row(), index.column(), old, new))
        return True

    def apply(self, row: int, column: int, text: str) -> None:
        """Put ``text`` into the cell (the undo stack's commands call this, nothing else)."""
        line = self.lines[row]
        self.typed.pop((row, column), None)
        if column in NUMBER_COLUMNS:
            stripped = text.strip()
            if not stripped:
                value: float | None = None
            else:
                parsed, ok = self.locale.toDouble(stripped)
                if not ok:
                    self.typed[(row, column)] = text
                    value = None
                else:
                    value = parsed
            changes: dict[str, Any] = {NUMBER_COLUMNS[column]: value}
        else:
            changes = {TEXT_COLUMNS[column]: text or None}
        self.lines[row] = replace(line, **changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def saved(self, sheet: EntrySheet) -> None:
        """The sheet as stored after a save: the grid starts clean from it."""
        self.beginResetModel()
        self.sheet = sheet
        self.lines = list(sheet.lines)
        self.typed.clear()
        self.endResetModel()
        self.undo_stack.clear()

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def chance_note(self, row: int) -> str | None:
        """A red that may be chance says so (statistics.md §1) — it is justified all the same."""
        if not 0 <= row < len(self.lines):
            return None
        line = self.lines[row]
        if not (line.filled() and line.needs_justification()):
            return None
        chance = chance_of(line)
        if chance is None or chance.signal != "chance":
            return None
        p = percent(chance.p_worse, self.lang, 0)
        return tr("Este rojo puede deberse al azar (P = {p}): igual debe justificarse.", p=p)

    def red_count(self) -> int:
        return sum(1 for line in self.lines if line.filled() and line.status() is Status.RED)
