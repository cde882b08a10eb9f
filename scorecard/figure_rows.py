"""What a filed figure is, and the rules every figure obeys whatever front end it came through.

The rows that writers take (:class:`ResultRow`, :class:`TargetRow`), what a write reports, and the checks
and comparisons the writers share (:mod:`scorecard.figures` row by row, :mod:`scorecard.result_columns` a
column at a time, :mod:`scorecard.editions` for a source's figures).  No database here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scorecard.domain import Definition, Kind
from scorecard.errors import Problem
from scorecard.periods import Period


@dataclass(frozen=True)
class ResultRow:
    """A figure to file.  For ratios give numerator and denominator; ``value`` is then derived."""

    indicator_id: int
    unit_id: int
    month: int
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    observations: float | None = None
    comment: str | None = None
    source_file: str | None = None
    source_sheet: str | None = None
    source_row: int | None = None
    entered_at: dt.datetime | None = None  # only bulk loaders of history set it
    # the version the editor read (0: there was no value): if the stored one moved on, the write is a
    # conflict; None for imports, which are checked against what they read in their own transaction
    expected_version: int | None = None


@dataclass(frozen=True)
class TargetRow:
    indicator_id: int
    unit_id: int
    month: int
    value: float


@dataclass(frozen=True)
class StoredResult:
    value: float | None
    numerator: float | None
    denominator: float | None
    observations: float | None
    comment: str | None
    cause: str | None
    action: str | None
    version: int


@dataclass
class WriteReport:
    batch: int | None = None
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    edition: int | None = None  # the source's edition this write made (scorecard.sources)
    new_logged: bool = False  # the inserted values are logged in their edition already (the column writer)

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "rows": self.rows,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
        }


VALUE_COLUMNS = ("value", "numerator", "denominator", "observations", "comment")


def same_figure(a: Any, b: Any) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return False
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    return bool(a == b)


def unchanged(old: dict[str, Any], values: dict[str, Any]) -> bool:
    """The stored figures equal the new ones (a comment left empty keeps the stored one)."""
    if (
        old["value"] == values["value"]
        and old["numerator"] == values["numerator"]
        and old["denominator"] == values["denominator"]
        and old["observations"] == values["observations"]
        and (values["comment"] is None or old["comment"] == values["comment"])
    ):
        return True  # the common case, without the tolerant comparison
    return all(same_figure(old[c], values[c]) for c in VALUE_COLUMNS if c != "comment" or values[c] is not None)


def check_results(
    rows: Sequence[ResultRow],
    definitions: dict[int, Definition],
    unit_levels: dict[int, str],
    unit_codes: dict[int, str],
) -> list[Problem]:
    """Rules every filed figure obeys, whatever front end it came through."""
    problems: list[Problem] = []
    due: dict[tuple[int, int], bool] = {}  # a national year repeats a few hundred indicator-months

    def problem(message_id: str, r: ResultRow, **params: Any) -> Problem:
        params.setdefault("period", Period.of_month(r.month).code)  # which month of a row (wide sheets)
        return Problem(message_id, sheet=r.source_sheet, row=r.source_row, **params)

    for r in rows:
        d = definitions[r.indicator_id]
        try:
            is_due = due[(r.indicator_id, r.month)]
        except KeyError:
            is_due = due[(r.indicator_id, r.month)] = d.frequency.is_due_in(r.month)
        if is_due and (not d.levels or unit_levels.get(r.unit_id, "") in d.levels) and _plainly_valid(r, d):
            continue
        if not is_due:
            problems.append(
                problem(
                    "value.not_due",
                    r,
                    column=d.code,
                    value=r.value,
                    indicator=d.code,
                    period=Period.of_month(r.month).code,
                    frequency=d.frequency.value,
                )
            )
            continue
        level = unit_levels.get(r.unit_id, "")
        if d.levels and level not in d.levels:
            problems.append(
                problem(
                    "value.level",
                    r,
                    column=d.code,
                    value=r.value,
                    indicator=d.code,
                    level=level,
                    unit=unit_codes.get(r.unit_id, r.unit_id),
                    levels=", ".join(d.levels),
                )
            )
            continue
        if d.kind is Kind.RATIO:
            if r.numerator is None or r.denominator is None:
                problems.append(problem("value.ratio_parts", r, column=d.code, value=r.value))
            elif r.denominator <= 0:
                problems.append(problem("value.denominator", r, column=d.code, value=r.denominator))
            elif r.numerator < 0:
                problems.append(problem("cell.negative", r, column=d.code, value=r.numerator))
            continue
        if r.value is None:
            problems.append(problem("cell.required", r, column=d.code))
        elif d.kind in (Kind.COUNT, Kind.STOCK) and r.value < 0:
            problems.append(problem("cell.negative", r, column=d.code, value=r.value))
        if r.observations is not None and r.observations < 0:
            problems.append(problem("cell.negative", r, column=d.code, value=r.observations))
    return problems


def _plainly_valid(r: ResultRow, d: Definition) -> bool:
    """The figures break none of the rules below: the common case, told at once."""
    if d.kind is Kind.RATIO:
        a, b = r.numerator, r.denominator
        return a is not None and b is not None and b > 0 and a >= 0
    v = r.value
    return (
        v is not None
        and (v >= 0 or d.kind not in (Kind.COUNT, Kind.STOCK))
        and (r.observations is None or r.observations >= 0)
    )


def result_values(r: ResultRow, d: Definition) -> dict[str, Any]:
    if d.kind is Kind.RATIO and r.numerator is not None and r.denominator:
        value: float | None = r.numerator / r.denominator * d.factor
    else:
        value = r.value
    return {
        "value": value,
        "numerator": r.numerator if d.kind is Kind.RATIO else None,
        "denominator": r.denominator if d.kind is Kind.RATIO else None,
        "observations": r.observations if d.kind is Kind.AVERAGE else None,
        "comment": r.comment,
    }
