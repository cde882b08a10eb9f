"""Pick-lists for the objectives table: its kind (strategic / operational) and, for an operational one, the
strategic objective it hangs from — so neither is typed by hand."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from scorecard.domain import ObjectiveKind
from ui.i18n import tr
from ui.models.plan_models import KIND_WORDS, O_KIND, O_PARENT, ObjectivesModel

Index = QModelIndex | QPersistentModelIndex


class ObjectiveChoices(QStyledItemDelegate):
    def __init__(self, model: ObjectivesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        if index.column() == O_KIND:
            box = QComboBox(parent)
            box.addItems([tr(word) for word in KIND_WORDS.values()])
            return box
        if index.column() == O_PARENT:
            box = QComboBox(parent)
            own = self.model.objectives[index.row()].code
            strategic = [o.code for o in self.model.objectives if o.kind is ObjectiveKind.STRATEGIC and o.code != own]
            box.addItems(["", *strategic])
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data() or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)
