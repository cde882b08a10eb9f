"""From figures as written to the core: resolve codes, check every rule, preview, write all or nothing.

The rules that need the plan and the tree (indicator due that month, unit at a reporting level,
negative counts, ratio parts) are the core's own :func:`scorecard.figure_rows.check_results`, run here first
so that ``valid_rows_only`` can set the bad rows aside.  Locked periods and the user's scope are enforced
by the core's write path: whatever it refuses there is reported like any other problem (see
:func:`_write`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from importers import editions
from importers.figures_file import Extract, Figure
from importers.profiles import PROFILES, profile_weights
from importers.progress import Progress
from scorecard.domain import Definition, Kind
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.figure_rows import ResultRow, TargetRow, WriteReport, check_results
from scorecard.models import Indicator, Institution, Unit
from scorecard.periods import Period
from scorecard.store import Store
from scorecard.target_writes import distribute_annual


@dataclass
class Resolved:
    results: list[ResultRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    target_at: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row, column) of each target
    definitions: dict[int, Definition] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0


class _Plan:
    """The definitions in force each month, fetched once per distinct month of the file."""

    def __init__(self, store: Store, session: Session, inst: Institution) -> None:
        self.store, self.session, self.inst = store, session, inst
        self.by_month: dict[int, dict[str, Definition]] = {}
        self.codes = [c for (c,) in session.execute(select(Indicator.code).where(Indicator.institution_id == inst.id))]

    def at(self, month: int) -> dict[str, Definition]:
        if month not in self.by_month:
            shape, _ = self.store.plans.shape(self.session, self.inst, month)
            self.by_month[month] = {d.code.upper(): d for d in shape.definitions}
        return self.by_month[month]


def resolve(store: Store, session: Session, inst: Institution, ex: Extract, file: str) -> Resolved:
    """Codes to ids, percentages and annual targets to monthly figures; duplicates and totals checked."""
    out = Resolved()
    units = {
        code.upper(): (uid, level)
        for uid, code, level in session.execute(
            select(Unit.id, Unit.code, Unit.level).where(Unit.institution_id == inst.id)
        )
    }
    unit_codes = sorted(u for u in units)
    plan = _Plan(store, session, inst)
    seen: dict[tuple[int, int, int], tuple[int, tuple[Any, ...]]] = {}
    by_written: dict[str, tuple[int, str] | None] = {}  # codes as written repeat: look each up once
    defs: dict[tuple[int, str], Definition | None] = {}
    for f in ex.figures:
        try:
            u = by_written[f.unit]
        except KeyError:
            u = by_written[f.unit] = units.get(f.unit.upper())
        try:
            d = defs[(f.period, f.indicator)]
        except KeyError:
            month = f.period if f.period > 10_000 else f.period * 100 + 12
            d = defs[(f.period, f.indicator)] = plan.at(month).get(f.indicator.upper())
        if u is None:
            out.problems.append(
                Problem(
                    "cell.unit_unknown",
                    sheet=f.sheet,
                    row=f.row,
                    column=f.unit_column,
                    value=f.unit,
                    institution=inst.code,
                    candidates=unit_codes,
                )
            )
        if d is None:
            out.problems.append(
                Problem(
                    "cell.indicator_unknown",
                    sheet=f.sheet,
                    row=f.row,
                    column=f.indicator_column,
                    value=f.indicator,
                    institution=inst.code,
                    candidates=plan.codes,
                )
            )
        if u is None or d is None:
            continue
        out.definitions[d.indicator_id] = d
        value = f.value
        if f.percent:
            if d.kind is not Kind.RATIO or d.factor != 100:
                out.problems.append(
                    Problem(
                        "cell.percent",
                        sheet=f.sheet,
                        row=f.row,
                        column=f.column,
                        value=f"{value:.0%}" if value is not None else "",
                    )
                )
                continue
            value = value * 100 if value is not None else None  # 85 % of a ratio per 100 is 85
        key = (d.indicator_id, u[0], f.period)
        figures = (value, f.numerator, f.denominator, f.observations)
        if key in seen:
            first_row, first = seen[key]
            if not all(_same(a, b) for a, b in zip(first, figures, strict=True)):
                out.problems.append(
                    Problem(
                        "cell.duplicate",
                        sheet=f.sheet,
                        row=f.row,
                        column=f.column,
                        value=value,
                        unit=f.unit,
                        indicator=f.indicator,
                        period=_period_code(f.period),
                        other=first_row,
                    )
                )
            else:
                out.skipped += 1
            continue
        seen[key] = (f.row, figures)
        if ex.targets:
            _add_targets(out, f, d, u[0], value)
        else:
            out.results.append(
                ResultRow(
                    d.indicator_id,
                    u[0],
                    f.period,
                    value=value,
                    numerator=f.numerator,
                    denominator=f.denominator,
                    observations=f.observations,
                    comment=f.comment,
                    source_file=file,
                    source_sheet=f.sheet,
                    source_row=f.row,
                )
            )
    _check_totals(ex, plan, out)
    return out


def _add_targets(out: Resolved, f: Figure, d: Definition, unit_id: int, value: float | None) -> None:
    if value is None:
        out.problems.append(Problem("cell.required", sheet=f.sheet, row=f.row, column=f.column))
        return
    # a target may be set at any level: reporting levels say who files results, not who gets targets
    if value < 0:
        out.problems.append(Problem("cell.negative", sheet=f.sheet, row=f.row, column=f.column, value=value))
        return
    if f.period > 10_000:
        out.targets.append(TargetRow(d.indicator_id, unit_id, f.period, value))
        out.target_at.append((f.sheet, f.row, f.column))
        return
    name = (f.distribution or "uniforme").strip()
    weights = profile_weights(name)
    if weights is None:
        out.problems.append(
            Problem(
                "cell.profile_unknown",
                sheet=f.sheet,
                row=f.row,
                column="distribucion",
                value=name,
                candidates=sorted(PROFILES),
            )
        )
        return
    for t in distribute_annual(value, f.period, d.kind, weights):
        out.targets.append(TargetRow(d.indicator_id, unit_id, t.month, t.value))
        out.target_at.append((f.sheet, f.row, f.column))


def _check_totals(ex: Extract, plan: _Plan, out: Resolved) -> None:
    """A TOTAL row's value must equal the sum of the rows above it (since the previous total) with its
    indicator and period, for indicators that add up (counts and stocks)."""
    if not ex.totals:
        return
    start, previous = 0, None
    for t in ex.totals:  # a wide sheet's TOTAL row holds a figure per month: they share one block above
        if previous is not None and t.row != previous:
            start = previous
        previous = t.row
        above = [f for f in ex.figures if start < f.row < t.row]
        if t.value is None:
            continue
        ind = t.indicator.upper() or (above[0].indicator.upper() if above else "")
        per = t.period or (above[0].period if above else 0)
        if not above or any(f.indicator.upper() != ind or f.period != per for f in above if not t.indicator):
            continue
        d = plan.at(per if per > 10_000 else per * 100 + 12).get(ind)
        if d is None or d.kind not in (Kind.COUNT, Kind.STOCK):
            continue
        total = sum(f.value or 0.0 for f in above if f.indicator.upper() == ind and f.period == per)
        if not math.isclose(total, t.value, rel_tol=1e-9, abs_tol=1e-9):
            out.problems.append(
                Problem("cell.total_mismatch", sheet=t.sheet, row=t.row, column=t.column, value=t.value, sum=total)
            )


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _period_code(p: int) -> str:
    return str(p) if p < 10_000 else Period.of_month(p).code


def core_problems(res: Resolved, session: Session, inst: Institution) -> list[Problem]:
    """The core's own rules (due, level, negative, ratio parts), checked before anything is written."""
    if not res.results:
        return []
    levels = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == inst.id)).all())
    codes = dict(session.execute(select(Unit.id, Unit.code).where(Unit.institution_id == inst.id)).all())
    return check_results(res.results, res.definitions, levels, codes)


def drop_bad(res: Resolved, bad: Sequence[Problem]) -> None:
    """Set aside the results the core's rules refused (``valid_rows_only``).  Figures refused while
    reading or resolving never became rows, so only the core's problems (placed at sheet, row and the
    indicator's code) remain to act on."""
    places = {(p.sheet, p.row, p.column) for p in bad}
    codes = {d.indicator_id: d.code for d in res.definitions.values()}
    res.results = [r for r in res.results if (r.source_sheet, r.source_row, codes[r.indicator_id]) not in places]


def write(
    store: Store, session: Session, inst: Institution, res: Resolved, file: str, *, progress: Progress,
    source: str | None = None,
) -> WriteReport:  # fmt: skip
    """Write through the core; whatever it refuses (locked period, scope) comes back as problems.
    Results of indicators whose official source is ``source`` (all of them when None) are the results;
    the rest are that source's figures (:mod:`importers.editions`)."""
    progress.step("write", 0, len(res.results) + len(res.targets))
    if res.targets:
        try:
            report = store.figures.write_targets(
                session, inst.id, res.targets, batch_kind="import-targets", file=file, reason=f"importación {file}"
            )
        except ValidationFailed as exc:  # frozen targets: said where the file sets them
            for p in exc.problems:
                i = p.params.pop("index", None)
                if i is not None and i < len(res.target_at):
                    p.sheet, p.row, p.column = res.target_at[i]
            raise
    else:
        code, official, others = editions.split(session, inst, source, res.results)
        report = store.figures.write_results(
            session, inst.id, official, res.definitions, batch_kind="import", file=file, source="import",
            reason=f"importación {file}",
        )  # fmt: skip
        if official:
            ids = sorted({r.indicator_id for r in official})
            editions.record_official(store, session, inst, report, ids, editions.month_span(official), kind="import",
                                     file=file)  # fmt: skip
        if others:
            assert code is not None
            report = editions.merged(report, editions.write_others(
                store, session, inst, code, others, res.definitions, kind="import", file=file,
                months=editions.month_span(others), reason=f"importación {file} ({code})",
            ))  # fmt: skip
    progress.step("write", report.rows, report.rows)
    return report


def preview_rows(session: Session, res: Resolved) -> list[dict[str, Any]]:
    """Every figure with its state against the database: new, changed (with the old value) or unchanged."""
    from scorecard.figure_rows import result_values
    from scorecard.figures import Figures
    from scorecard.models import Target

    units = dict(session.execute(select(Unit.id, Unit.code)).all())
    codes = {d.indicator_id: d.code for d in res.definitions.values()}
    out: list[dict[str, Any]] = []
    if res.targets:
        ids = sorted({t.indicator_id for t in res.targets})
        stored_t = {
            (r.indicator_id, r.unit_id, r.month): r.value
            for r in session.execute(
                select(Target.indicator_id, Target.unit_id, Target.month, Target.value).where(
                    Target.indicator_id.in_(ids)
                )
            )
        }
        for t in res.targets:
            old = stored_t.get((t.indicator_id, t.unit_id, t.month))
            state = "new" if old is None else ("unchanged" if _same(old, t.value) else "changed")
            out.append(_preview(units[t.unit_id], codes[t.indicator_id], t.month, state, old, t.value))
        return out
    stored = Figures._stored_results(session, res.results) if res.results else {}
    for r in res.results:
        new = result_values(r, res.definitions[r.indicator_id])["value"]
        old_row = stored.get((r.indicator_id, r.unit_id, r.month))
        old = None if old_row is None else old_row["value"]
        state = "new" if old_row is None else ("unchanged" if _same(old, new) else "changed")
        out.append(_preview(units[r.unit_id], codes[r.indicator_id], r.month, state, old, new))
    return out


def _preview(unit: str, indicator: str, month: int, state: str, old: float | None, new: float | None) -> dict[str, Any]:
    return {
        "unit": unit,
        "indicator": indicator,
        "period": Period.of_month(month).code,
        "state": state,
        "old": old,
        "new": new,
    }


def institution_of(store: Store, session: Session, code: str | None, ex: Extract) -> Institution:
    if ex.institution and code and ex.institution.upper() != code.strip().upper():
        raise UserError("import.template_other", value=ex.institution, institution=code)
    code = code or ex.institution
    if not code:
        raise UserError("institution.missing")
    return store.institution(session, code)


def refuse(problems: list[Problem]) -> None:
    if problems:
        raise ValidationFailed(problems)


__all__ = ["Path", "Resolved", "core_problems", "drop_bad", "institution_of", "preview_rows", "resolve", "write"]
