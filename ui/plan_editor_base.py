"""What the plan editor's tabs (the mixins ``ui.plan_*_tab``) use of the dialog, declared for the type
checker.  At run time the base is ``object``: each mixin is listed before QDialog among
:class:`ui.plan_editor.PlanEditor`'s bases and finds all of this on the dialog itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QTableView

    from scorecard.errors import UserError
    from scorecard.institutions import InstitutionInfo
    from scorecard.plan_specs import PlanSpec
    from scorecard.store import Store
    from scorecard.units import UnitInfo
    from ui.models.plan_models import IndicatorsModel, ObjectivesModel, TargetsModel

    class EditorBase(QDialog):
        store: Store
        institution: str
        lang: str
        info: InstitutionInfo
        units: list[UnitInfo]
        original: PlanSpec
        objectives: ObjectivesModel
        indicators: IndicatorsModel
        targets: TargetsModel | None

        def _table(self, model: Any, name: str) -> QTableView: ...
        def validate(self, *_args: Any) -> list[str]: ...
        def _show_form_problems(self) -> None: ...
        def show_refusal(self, exc: UserError) -> None: ...
        def _ask_discard(self, what: str) -> bool: ...

else:
    EditorBase = object
