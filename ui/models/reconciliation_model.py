"""One indicator's sources side by side, one row per unit (the core's ``reconcile`` rows): the official
figure, each other source's figure and its difference to the official one, the certified figure and the
row's state.  Cells beyond the institution's tolerance are shaded, and the state says it in words and a
sign too, so it reads without colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from scorecard.formatting import number
from scorecard.reconciliation import disagreement
from scorecard.sources import IMPLICIT
from ui.i18n import QT_TR_NOOP, current_lang, tr
from ui.theme import error_colour, warning_colour

Index = QModelIndex | QPersistentModelIndex
UnitRole = Qt.ItemDataRole.UserRole + 50  # the unit code of the row
StateRole = Qt.ItemDataRole.UserRole + 51  # "disagree" | "pending" | "certified" | "agree" | "missing"
RawRole = Qt.ItemDataRole.UserRole + 52  # the number behind a cell (None where none)
DisagreeRole = Qt.ItemDataRole.UserRole + 53  # True on a cell beyond the tolerance

STATES = {
    "disagree": ("✖", QT_TR_NOOP("No coinciden")),
    "pending": ("⚠", QT_TR_NOOP("Revisión pendiente")),
    "certified": ("✔", QT_TR_NOOP("Certificada")),
    "agree": ("", QT_TR_NOOP("Coinciden")),
    "missing": ("", QT_TR_NOOP("Una sola fuente")),
}


def source_label(code: str) -> str:
    """The implicit source by what it is, any other by its code."""
    return tr("Oficial (por defecto)") if code == IMPLICIT else code


def row_state(row: dict[str, Any]) -> str:
    if row["pending"]:
        return "pending"
    if row["disagree"] and row["certified"] is None:
        return "disagree"
    if row["certified"] is not None:
        return "certified"
    present = [v for v in row["values"].values() if v is not None]
    return "agree" if len(present) > 1 else "missing"


def signed(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + number(value, lang)


class ReconciliationModel(QAbstractTableModel):
    def __init__(self, lang: str | None = None) -> None:
        super().__init__()
        self.lang = lang or current_lang()
        self.data_: dict[str, Any] = {}
        self.rows: list[dict[str, Any]] = []
        self.official = ""
        self.others: list[str] = []
        self.columns: list[tuple[str, str]] = []  # (kind, source): unit, official, value, diff, certified, state

    def set_reconciliation(self, data: dict[str, Any] | None) -> None:
        self.beginResetModel()
        self.data_ = data or {}
        self.rows = list(self.data_.get("rows", []))
        self.official = str(self.data_.get("official", ""))
        self.others = [s for s in self.data_.get("sources", []) if s != self.official]
        self.columns = [("unit", ""), ("value", self.official)]
        for s in self.others:
            self.columns += [("value", s), ("diff", s)]
        self.columns += [("certified", ""), ("state", "")]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def column_of(self, kind: str, source: str = "") -> int:
        return self.columns.index((kind, source))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        kind, source = self.columns[section]
        if kind == "value" and source == self.official:
            return tr("Oficial") if source == IMPLICIT else tr("{source} (oficial)", source=source)
        if kind == "value":
            return source_label(source)
        if kind == "diff":
            return tr("Diferencia {source}", source=source_label(source))
        return {"unit": tr("Unidad"), "certified": tr("Cifra certificada"), "state": tr("Estado")}[kind]

    def cell_disagrees(self, row: dict[str, Any], kind: str, source: str) -> bool:
        """A non-official source's figure (or its difference) beyond both tolerances; the official cell
        when any other source disagrees with it."""
        tol = self.data_.get("tolerance", {"pct": 0.0, "abs": 0.0})
        if kind == "value" and source == self.official:
            return bool(row["disagree"])
        if kind in ("value", "diff"):
            d = disagreement(row["official"], row["values"].get(source), tol["pct"], tol["abs"])
            return bool(d["disagree"])
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        kind, source = self.columns[index.column()]
        state = row_state(row)
        if role == UnitRole:
            return row["unit"]
        if role == StateRole:
            return state
        if role == DisagreeRole:
            return self.cell_disagrees(row, kind, source)
        if role == RawRole:
            return self._raw(row, kind, source)
        if role == Qt.ItemDataRole.BackgroundRole and self.cell_disagrees(row, kind, source):
            colour = QColor(error_colour() if state == "disagree" else warning_colour())
            colour.setAlpha(70)
            return QBrush(colour)
        if role == Qt.ItemDataRole.ForegroundRole and kind == "state" and state in ("disagree", "pending"):
            return QBrush(QColor(error_colour() if state == "disagree" else warning_colour()))
        if role == Qt.ItemDataRole.TextAlignmentRole and kind not in ("unit", "state"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, kind, state)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lang = self.lang
        if kind == "unit":
            return f"{row['unit']} · {row['name']}"
        if kind == "value":
            return number(row["values"].get(source), lang)
        if kind == "diff":
            d = row["differences"].get(source, {})
            if d.get("abs") is None:
                return "—"
            pct = "" if d.get("pct") is None else f" ({signed(d['pct'], lang)} %)"
            return signed(d["abs"], lang) + pct
        if kind == "certified":
            return number(row["certified"], lang)
        sign, word = STATES[state]
        return f"{sign} {tr(word)}".strip()

    @staticmethod
    def _raw(row: dict[str, Any], kind: str, source: str) -> Any:
        if kind == "value":
            return row["values"].get(source)
        if kind == "diff":
            return row["differences"].get(source, {}).get("abs")
        if kind == "certified":
            return row["certified"]
        return row["unit"]

    def _tooltip(self, row: dict[str, Any], kind: str, state: str) -> str | None:
        cert = row.get("certification")
        if kind in ("certified", "state") and cert:
            text = tr(
                "Certificada por {who} el {when}: {reason}",
                who=cert.get("certified_by") or "—",
                when=str(cert.get("certified_at", ""))[:10],
                reason=cert.get("reason") or "",
            )
            if cert.get("pending"):
                text += "\n" + tr("Una fuente cambió después de certificar: revise la cifra.")
            return text
        if kind == "state" and state == "pending":
            return tr("Una fuente cambió después de certificar una cifra de esta unidad o de las de abajo.")
        if kind == "state" and state == "disagree":
            tol = self.data_.get("tolerance", {})
            return tr(
                "La diferencia supera la tolerancia ({pct} % y {abs}).",
                pct=number(tol.get("pct"), self.lang),
                abs=number(tol.get("abs"), self.lang),
            )
        return None
