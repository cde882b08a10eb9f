"""``scorecard template``: the workbook a commander fills in Excel or LibreOffice without breaking it.

One row per reporting unit, one column per indicator due that month (numerator and denominator columns
for ratios), a comment column.  Code cells are locked (sheet protection without a password), number
cells unlocked and validated, and a hidden sheet records institution, period, version, units and
indicators so the import knows what the file was made for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from exports.cells import put
from scorecard import template_layout as layout
from scorecard.domain import Kind
from scorecard.errors import UserError
from scorecard.periods import Period
from scorecard.store import Store


@dataclass(frozen=True)
class TemplateIndicator:
    code: str
    name: str
    kind: Kind
    levels: tuple[str, ...]


@dataclass(frozen=True)
class TemplateUnit:
    code: str
    name: str
    level: str


GREY = PatternFill("solid", fgColor="DDDDDD")
INPUT = PatternFill("solid", fgColor="FFF9DB")


def _validation(kind: Kind, part: str) -> DataValidation:
    if kind is Kind.COUNT and not part:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    elif part == layout.DENOMINATOR:
        dv = DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True)
    else:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    dv.showErrorMessage = True
    dv.errorTitle = "Valor no válido / Invalid value"
    dv.error = "Escriba un número ≥ 0 / Type a number ≥ 0"
    return dv


def write_template(
    path: Path,
    *,
    institution: str,
    period: str,
    root: str,
    units: list[TemplateUnit],
    indicators: list[TemplateIndicator],
    targets: bool = False,
) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = layout.SHEET
    what = "Metas" if targets else "Resultados"
    put(ws, 1, 1, f"{what} — {institution} — {period} — {root}").font = Font(bold=True, size=13)
    put(ws, layout.HEADER_ROW, 1, layout.UNIT_CODE)
    put(ws, layout.HEADER_ROW, 2, layout.UNIT_NAME)
    columns: list[tuple[TemplateIndicator, str]] = []
    for ind in indicators:
        parts = [layout.NUMERATOR, layout.DENOMINATOR] if ind.kind is Kind.RATIO and not targets else [""]
        columns += [(ind, p) for p in parts]
    for c, (ind, part) in enumerate(columns, start=3):
        put(
            ws,
            layout.HEADER_ROW - 1,
            c,
            ind.name + {"": "", layout.NUMERATOR: " (numerador)", layout.DENOMINATOR: " (denominador)"}[part],
        )
        put(ws, layout.HEADER_ROW, c, ind.code + part)
        ws.column_dimensions[get_column_letter(c)].width = 16
    comment_col = len(columns) + 3
    put(ws, layout.HEADER_ROW, comment_col, layout.COMMENT)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions[get_column_letter(comment_col)].width = 40
    for c in range(1, comment_col + 1):
        ws.cell(layout.HEADER_ROW, c).font = Font(bold=True)
        ws.cell(layout.HEADER_ROW - 1, c).alignment = Alignment(wrap_text=True, vertical="bottom")
    first, last = layout.HEADER_ROW + 1, layout.HEADER_ROW + len(units)
    for r, u in enumerate(units, start=first):
        put(ws, r, 1, u.code)
        put(ws, r, 2, u.name)
        for c, (ind, _part) in enumerate(columns, start=3):
            cell = ws.cell(r, c)
            if ind.levels and u.level not in ind.levels:
                cell.fill = GREY  # this unit does not report it: stays locked
            else:
                cell.protection = Protection(locked=False)
                cell.fill = INPUT
        ws.cell(r, comment_col).protection = Protection(locked=False)
    for c, (ind, part) in enumerate(columns, start=3):
        dv = _validation(ind.kind, part)
        ws.add_data_validation(dv)
        letter = get_column_letter(c)
        dv.add(f"{letter}{first}:{letter}{max(last, first)}")
    ws.freeze_panes = ws.cell(first, 3)
    ws.protection.sheet = True  # no password: protection against slips, not against people
    ws.protection.formatColumns = False
    _meta(wb, institution, period, root, units, indicators, targets)
    wb.save(path)
    return path


def _meta(
    wb: Workbook,
    institution: str,
    period: str,
    root: str,
    units: list[TemplateUnit],
    indicators: list[TemplateIndicator],
    targets: bool,
) -> None:
    meta = wb.create_sheet(layout.META_SHEET)
    meta.sheet_state = "hidden"
    for r, (k, v) in enumerate(
        [
            ("tipo", layout.MARK),
            ("version", layout.VERSION),
            ("institucion", institution),
            ("periodo", period),
            ("unidad", root),
            ("contenido", layout.TARGETS if targets else layout.RESULTS),
        ],
        start=1,
    ):
        put(meta, r, 1, k)
        put(meta, r, 2, v)
    put(meta, 1, 4, "unidades")
    put(meta, 1, 5, "indicadores")
    for r, u in enumerate(units, start=2):
        put(meta, r, 4, u.code)
    for r, ind in enumerate(indicators, start=2):
        put(meta, r, 5, ind.code)
    meta.protection.sheet = True


def make_template(
    store: Store,
    institution: str,
    period: str,
    path: Path,
    *,
    unit: str | None = None,
    targets: bool = False,
    level: str | None = None,
) -> dict[str, Any]:
    """The template for the units under ``unit`` (default: the root) that report an indicator due in the
    month ``period``: ``{"path", "units", "indicators"}`` of spec/cli.md.  A template of targets may be for
    the units of any ``level`` (zones, districts…): targets are set at any level, whoever files results."""
    month = Period.parse(period)
    if not month.is_month:
        raise UserError("period.invalid", value=period)
    with store.reading() as s:
        inst = store.institution(s, institution)
        root = store.units.find(s, inst.id, unit, inst.code) if unit else store.units.root(s, inst.id)
        shape, inds = store.plans.shape(s, inst, month.last)
        names = {i.id: i.name for i in inds}
        due = [d for d in shape.definitions if d.frequency.is_due_in(month.last)]
        _tree, below = store.units.subtree(s, root.id)
    if targets and level:
        units = [TemplateUnit(u.code, u.name, u.level) for u in below if u.level.lower() == level.strip().lower()]
        indicators = [TemplateIndicator(d.code, names.get(d.indicator_id, d.code), d.kind, ()) for d in due]
    else:
        levels = {lvl for d in due for lvl in d.levels}
        units = [TemplateUnit(u.code, u.name, u.level) for u in below if u.level in levels]
        indicators = [
            TemplateIndicator(d.code, names.get(d.indicator_id, d.code), d.kind, d.levels)
            for d in due
            if any(u.level in d.levels for u in units)
        ]
    if not units or not indicators:
        raise UserError("template.nothing", unit=root.code, period=month.code)
    write_template(
        Path(path), institution=inst.code, period=month.code, root=root.code, units=units,
        indicators=indicators, targets=targets,
    )  # fmt: skip
    return {"path": str(Path(path).resolve()), "units": len(units), "indicators": len(indicators)}
