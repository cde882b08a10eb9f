"""Re-programming (reprogramación) of an indicator's targets: from an open month to the end of its year,
with a reason, audited.  The months before it keep the targets they were judged against.

An annual figure of a count is the year's new total: what the months before the start already hold is
kept and the rest is spread over the months from the start (evenly, or by a named monthly profile,
renormalised over those months).  For stocks, ratios and averages the annual figure is a level or a rate:
every month from the start gets it.  A monthly figure is set as it is on every month from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from scorecard import access
from scorecard.audit import record
from scorecard.domain import Kind, SubmissionState
from scorecard.errors import UserError
from scorecard.figures import TargetRow, WriteReport
from scorecard.models import Target
from scorecard.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from scorecard.store import Store


def remaining_months(
    annual: float, kind: Kind, start: int, before: Sequence[float], weights: Sequence[float] | None = None
) -> list[float]:
    """Targets of the months from ``start`` (yyyymm) to December for an ``annual`` figure, given the
    targets the earlier months keep (``before``).  ``weights``: twelve monthly weights (evenly when None).
    A count whose annual figure is below what the earlier months hold is a UserError."""
    first = start % 100
    n = 13 - first
    if kind is not Kind.COUNT:
        return [float(annual)] * n
    kept = float(sum(before))
    rest = float(annual) - kept
    if rest < -1e-9:
        raise UserError("reprogram.below_kept", annual=annual, kept=round(kept, 6), period=Period.of_month(start).code)
    w = list(weights) if weights is not None else [1.0] * 12
    part = w[first - 1 :]
    total = sum(part)
    if total <= 0:  # a profile with nothing in these months: evenly over them
        part, total = [1.0] * n, float(n)
    return [max(rest, 0.0) * x / total for x in part]


@dataclass
class Reprogrammed:
    indicator: str
    start: str
    units: list[str]
    dry_run: bool
    rows: list[dict[str, Any]] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    batch: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "from": self.start,
            "units": self.units,
            "targets": len(self.rows),
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "batch": self.batch,
            "dry_run": self.dry_run,
            "rows": self.rows,
        }


class _DryRun(Exception):
    pass


def note_plan(
    session: Session,
    user: str,
    report: WriteReport,
    action: str,
    key: str,
    institution_id: int,
    reason: str,
    what: dict[str, Any],
    **where: int,
) -> None:
    """One audit entry naming a planned batch of targets (a re-programming, a derivation) beside the
    revisions themselves, when it changed anything."""
    if report.new or report.changed:
        entry = {"action": action, "entity": "target", "entity_key": key, "institution_id": institution_id}
        record(
            session, user, [{**entry, **where, "old": None, "new": what, "reason": reason, "batch_id": report.batch}]
        )


def _kept(store: Store, institution: str, indicator: str, units: Sequence[str], first: int) -> dict[str, float]:
    """What each unit's target adds up to from January to the month before ``first``, as the scorecard
    reads it (its own targets, or its children's where it has none): what a count's new annual total keeps."""
    if first % 100 == 1:
        return {}
    before = Period.of_month(first - 1).code
    out: dict[str, float] = {}
    for code in units:
        target = store.scoring.value(institution, indicator, code, before, ytd=True).get("target")
        if isinstance(target, int | float):
            out[code.strip().upper()] = float(target)
    return out


def reprogram(
    store: Store,
    institution: str,
    indicator: str,
    units: Sequence[str],
    start: str,
    *,
    reason: str,
    annual: float | None = None,
    monthly: float | None = None,
    weights: Sequence[float] | None = None,
    dry_run: bool = False,
) -> Reprogrammed:
    """Set ``indicator``'s targets of ``units`` from the month ``start`` to December (see the module)."""
    if not (reason or "").strip():
        raise UserError("reprogram.reason")
    if (annual is None) == (monthly is None):
        raise UserError("reprogram.figure")
    figure = annual if annual is not None else monthly
    if figure is not None and figure < 0:
        raise UserError("reprogram.negative", value=figure)
    period = Period.parse(start)
    if not period.is_month:
        raise UserError("reprogram.month", value=start)
    first = period.first
    year = first // 100
    out = Reprogrammed(indicator.upper(), period.code, [], dry_run)
    kept = _kept(store, institution, indicator, units, first) if annual is not None else {}
    try:
        with store.transaction() as s:
            inst = store.institution(s, institution)
            access.require_planner(s, store.actor, inst.id, "targets.reprogram")
            shape, _inds = store.plans.shape(s, inst, first)
            d = next((x for x in shape.definitions if x.code.upper() == indicator.upper()), None)
            if d is None:
                codes = [x.code for x in shape.definitions]
                raise UserError("indicator.unknown", code=indicator, institution=inst.code, candidates=codes)
            found = [store.units.find(s, inst.id, code, inst.code) for code in units]
            out.units = [u.code for u in found]
            frozen = access.locked_cells(s, {(u.id, first) for u in found}, [SubmissionState.APPROVED.value])
            if frozen:
                (uid, _m), _state = min(frozen.items())
                code = next(u.code for u in found if u.id == uid)
                raise UserError("reprogram.start_frozen", unit=code, period=period.code)
            stored = {
                (uid, m): v
                for uid, m, v in s.execute(
                    select(Target.unit_id, Target.month, Target.value).where(
                        Target.indicator_id == d.indicator_id,
                        Target.unit_id.in_([u.id for u in found]),
                        Target.month.between(year * 100 + 1, year * 100 + 12),
                    )
                )
            }
            months = [year * 100 + m for m in range(first % 100, 13)]
            rows: list[TargetRow] = []
            for u in found:
                if monthly is not None:
                    values = [float(monthly)] * len(months)
                else:
                    values = remaining_months(
                        float(annual or 0.0), d.kind, first, [kept.get(u.code.upper(), 0.0)], weights
                    )
                for m, v in zip(months, values, strict=True):
                    rows.append(TargetRow(d.indicator_id, u.id, m, v))
                    out.rows.append(
                        {"unit": u.code, "period": Period.of_month(m).code, "old": stored.get((u.id, m)), "new": v}
                    )
            report = store.figures.write_targets(s, inst.id, rows, reason=reason.strip(), batch_kind="reprogram")
            out.new, out.changed, out.unchanged, out.batch = report.new, report.changed, report.unchanged, report.batch
            note_plan(
                s, store.user, report, "reprogram", f"{inst.code}/{d.code}/{period.code}", inst.id, reason.strip(),
                {"from": period.code, "units": out.units[:50], "annual" if annual is not None else "monthly": figure},
                indicator_id=d.indicator_id, month=first,
            )  # fmt: skip
            if dry_run:
                raise _DryRun
    except _DryRun:
        out.batch = None
    return out
