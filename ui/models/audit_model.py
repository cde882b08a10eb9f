"""The audit log as a table: newest first, old → new readable, reason and batch."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from scorecard.audit import AuditRecord
from ui.i18n import QT_TR_NOOP
from ui.models.base import LangTableModel
from ui.models.queue_model import local_time
from ui.workflow_words import action_word, state_word

Index = QModelIndex | QPersistentModelIndex
AT, USER, ACTION, ENTITY, KEY, CHANGE, REASON, BATCH = range(8)
ENTITIES = {
    "result": QT_TR_NOOP("Resultado"),
    "target": QT_TR_NOOP("Meta"),
    "submission": QT_TR_NOOP("Envío"),
    "user": QT_TR_NOOP("Usuario"),
    "indicator": QT_TR_NOOP("Indicador"),
    "objective": QT_TR_NOOP("Objetivo"),
    "unit": QT_TR_NOOP("Unidad"),
    "institution": QT_TR_NOOP("Institución"),
    "batch": QT_TR_NOOP("Lote"),
    "population": QT_TR_NOOP("Población"),
    "database": QT_TR_NOOP("Base de datos"),
}


FIELDS = {
    "cause": QT_TR_NOOP("causa"),
    "action": QT_TR_NOOP("acción correctiva"),
    "value": QT_TR_NOOP("valor"),
    "numerator": QT_TR_NOOP("numerador"),
    "denominator": QT_TR_NOOP("denominador"),
    "comment": QT_TR_NOOP("comentario"),
    "target": QT_TR_NOOP("meta"),
    "role": QT_TR_NOOP("rol"),
}


def readable(value: Any) -> str:
    """A stored old/new value in a line: states in words, small dicts as ``field: value``."""
    from ui.i18n import tr

    if value is None:
        return "—"
    if isinstance(value, dict):
        if set(value) == {"state"}:
            return state_word(str(value["state"]))
        return ", ".join(f"{tr(FIELDS[k]) if k in FIELDS else k}: {_scalar(v)}" for k, v in value.items())
    return _scalar(value)


def where(r: AuditRecord) -> str:
    """Unit · indicator · month when the change has them, else the entity's own key."""
    parts = [p for p in (r.unit, r.indicator) if p]
    if r.month:
        parts.append(f"{r.month // 100}-{r.month % 100:02d}")
    return " · ".join(parts) if r.unit or r.indicator else r.entity_key


def _scalar(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


class AuditModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Fecha y hora"),
        QT_TR_NOOP("Usuario"),
        QT_TR_NOOP("Acción"),
        QT_TR_NOOP("Objeto"),
        QT_TR_NOOP("Dónde"),
        QT_TR_NOOP("Anterior → nuevo"),
        QT_TR_NOOP("Motivo"),
        QT_TR_NOOP("Lote"),
    )

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.records: list[AuditRecord] = []

    def set_records(self, records: list[AuditRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)  # the core gives them newest first
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        r, column = self.records[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(r, column)
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BATCH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: AuditRecord, column: int) -> str:
        from ui.i18n import tr

        if column == AT:
            return local_time(r.at)
        if column == USER:
            return r.user or "—"
        if column == ACTION:
            return action_word(r.action)
        if column == ENTITY:
            return tr(ENTITIES[r.entity]) if r.entity in ENTITIES else r.entity
        if column == KEY:
            return where(r)
        if column == CHANGE:
            return f"{readable(r.old)} → {readable(r.new)}"
        if column == REASON:
            return (r.reason or "").replace("\n", " ")
        return "" if r.batch is None else str(r.batch)
