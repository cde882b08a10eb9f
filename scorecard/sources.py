"""The sources of an institution's figures and the editions each import of one makes.

An indicator's *official* source is the one whose figures are the ``results`` the scorecard reads (named
in its ficha; without one, the institution's implicit source ``OFICIAL``).  Any other source's figures
are kept beside them in ``source_figures``.  Every import says which source it brings (by default each
indicator's official one, so imports behave as they always did) and makes an *edition*: its file, date,
indicators and months, and the figures it created or changed (``edition_values``) — the figure as of an
edition is the latest of those at or before it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import CursorResult, func, insert, literal, select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import give_reason, record
from scorecard.domain import Definition
from scorecard.errors import UserError, ValidationFailed
from scorecard.figures import ResultRow, WriteReport, _result_values, _same, check_results
from scorecard.models import (
    Edition,
    EditionValue,
    Indicator,
    Institution,
    Result,
    Source,
    SourceFigure,
    Unit,
    UnitClosure,
    table_of,
    utcnow,
)

if TYPE_CHECKING:
    from scorecard.store import Store

IMPLICIT = "OFICIAL"  # the official source of an indicator whose ficha names none
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
FIGURES = ("value", "numerator", "denominator", "observations")


@dataclass(frozen=True)
class SourceInfo:
    code: str
    name: str
    institution: str
    official_for: tuple[str, ...]  # indicator codes whose official source it is
    editions: int
    implicit: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.code,
            "name": self.name,
            "institution": self.institution,
            "official_for": list(self.official_for),
            "editions": self.editions,
            "implicit": self.implicit,
        }


def official_of(indicator: Indicator) -> str:
    return indicator.official_source or IMPLICIT


def same_code(a: str | None, b: str | None) -> bool:
    return (a or "").strip().upper() == (b or "").strip().upper()


def known(session: Session, inst: Institution, code: str) -> str:
    """The source's code as declared (an unknown one is an error naming the known ones)."""
    codes = declared_codes(session, inst.id)
    for c in [*codes, IMPLICIT]:
        if same_code(c, code):
            return c
    raise UserError("source.unknown", value=code, institution=inst.code, candidates=[*codes, IMPLICIT])


def declared_codes(session: Session, institution_id: int) -> list[str]:
    return list(
        session.scalars(select(Source.code).where(Source.institution_id == institution_id).order_by(Source.code))
    )


class Sources:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self, institution: str, code: str, name: str, *, official_for: Sequence[str] = (), reason: str | None = None
    ) -> SourceInfo:
        """Declare a source (or rename one); ``official_for`` makes it the official source of those indicators."""
        code, name = code.strip(), " ".join(name.split())
        if not CODE.match(code) or same_code(code, IMPLICIT):
            raise UserError("source.code", value=code)
        if not name:
            raise UserError("source.name", value=code)
        with self.store.transaction() as s:
            inst = self.store.institution(s, institution)
            access.require_planner(s, self.store.actor, inst.id, "sources.add")
            give_reason(s, reason or f"fuente {code}")
            row = next(
                (
                    r
                    for r in s.scalars(select(Source).where(Source.institution_id == inst.id))
                    if same_code(r.code, code)
                ),
                None,
            )
            if row is None:
                row = Source(institution_id=inst.id, code=code, name=name)
                s.add(row)
                old = None
            else:
                old, row.name = {"name": row.name}, name
            s.flush()
            record(
                s,
                self.store.actor.name,
                [
                    {
                        "action": "source",
                        "entity": "source",
                        "entity_key": f"{inst.code}/{row.code}",
                        "institution_id": inst.id,
                        "old": old,
                        "new": {"name": name},
                        "reason": reason,
                    }
                ],
            )
            for ind in official_for:
                self._set_official(s, inst, ind, row.code, reason)
            return self._info(s, inst, row.code, row.name)

    def set_official(self, institution: str, indicator: str, source: str, *, reason: str | None = None) -> SourceInfo:
        with self.store.transaction() as s:
            inst = self.store.institution(s, institution)
            access.require_planner(s, self.store.actor, inst.id, "sources.official")
            code = known(s, inst, source)
            self._set_official(s, inst, indicator, code, reason)
            name = s.scalar(select(Source.name).where(Source.institution_id == inst.id, Source.code == code))
            return self._info(s, inst, code, name or code)

    def _set_official(self, s: Session, inst: Institution, indicator: str, code: str, reason: str | None) -> None:
        """The figures follow the change: the old official source's go to ``source_figures`` and the new
        one's become the results, so no figure is lost and the scorecard reads the new source at once."""
        ind = s.scalar(
            select(Indicator).where(Indicator.institution_id == inst.id, Indicator.code == indicator.strip())
        )
        if ind is None:
            ind = next(
                (
                    i
                    for i in s.scalars(select(Indicator).where(Indicator.institution_id == inst.id))
                    if same_code(i.code, indicator)
                ),
                None,
            )
        if ind is None:
            codes = list(s.scalars(select(Indicator.code).where(Indicator.institution_id == inst.id)))
            raise UserError("indicator.unknown", code=indicator, institution=inst.code, candidates=codes)
        before = official_of(ind)
        if same_code(before, code):
            return
        give_reason(s, reason or f"fuente oficial {ind.code}: {code}")
        if same_code(before, IMPLICIT) and not _has_figures(s, inst, ind, code):
            # naming the source the results always came from: they stay, and so do their editions
            for e in s.scalars(select(Edition).where(Edition.institution_id == inst.id, Edition.source == IMPLICIT)):
                if set(e.indicator_ids or []) <= {ind.id}:
                    e.source = code
        else:
            swap_official(s, inst, ind, before, code)
        ind.official_source = None if same_code(code, IMPLICIT) else code
        record(
            s,
            self.store.actor.name,
            [
                {
                    "action": "official_source",
                    "entity": "indicator",
                    "entity_key": f"{inst.code}/{ind.code}",
                    "institution_id": inst.id,
                    "indicator_id": ind.id,
                    "old": {"source": before},
                    "new": {"source": code},
                    "reason": reason,
                }
            ],
        )
        view_cache.invalidate(s, inst.id)

    def list(self, institution: str) -> list[SourceInfo]:
        with self.store.reading() as s:
            inst = self.store.institution(s, institution)
            access.require_reader(s, self.store.actor, inst.id)
            out = [
                self._info(s, inst, c, n)
                for c, n in s.execute(
                    select(Source.code, Source.name).where(Source.institution_id == inst.id).order_by(Source.code)
                )
            ]
            implicit = self._info(s, inst, IMPLICIT, "")
            if implicit.official_for or implicit.editions:
                out.append(SourceInfo(IMPLICIT, "", inst.code, implicit.official_for, implicit.editions, True))
            return out

    @staticmethod
    def _info(s: Session, inst: Institution, code: str, name: str) -> SourceInfo:
        inds = s.execute(select(Indicator.code, Indicator.official_source).where(Indicator.institution_id == inst.id))
        official = tuple(sorted(c for c, o in inds if same_code(o or IMPLICIT, code)))
        n = s.scalar(
            select(func.count()).select_from(Edition).where(Edition.institution_id == inst.id, Edition.source == code)
        )
        return SourceInfo(code, name, inst.code, official, int(n or 0))


def _has_figures(s: Session, inst: Institution, ind: Indicator, code: str) -> bool:
    q = (
        select(func.count())
        .select_from(SourceFigure)
        .join(Source, Source.id == SourceFigure.source_id)
        .where(Source.institution_id == inst.id, Source.code == code, SourceFigure.indicator_id == ind.id)
    )
    return bool(s.scalar(q))


def swap_official(s: Session, inst: Institution, ind: Indicator, old: str, new: str) -> None:
    """Move the indicator's results to the old official source's figures, and the new source's figures to
    the results (on a server, the planner's grants and the audit triggers cover both tables)."""
    old_id = _source_id(s, inst, old, create=True)
    new_id = _source_id(s, inst, new, create=True)
    sf = table_of(SourceFigure)
    res = table_of(Result)
    moving_out = s.execute(
        select(res.c.unit_id, res.c.month, *(res.c[f] for f in FIGURES)).where(res.c.indicator_id == ind.id)
    ).all()
    moving_in = s.execute(
        select(sf.c.unit_id, sf.c.month, *(sf.c[f] for f in FIGURES)).where(
            sf.c.indicator_id == ind.id, sf.c.source_id == new_id
        )
    ).all()
    if moving_out and any(access.locked_cells(s, {(u, m) for u, m, *_ in moving_out}, ["approved"])):
        raise UserError("source.official_locked", indicator=ind.code)
    s.execute(sf.delete().where(sf.c.indicator_id == ind.id, sf.c.source_id.in_([old_id, new_id])))
    s.execute(res.delete().where(res.c.indicator_id == ind.id))
    now = utcnow()
    if moving_out:
        s.execute(
            insert(sf),
            [
                {
                    "source_id": old_id,
                    "indicator_id": ind.id,
                    "unit_id": u,
                    "month": m,
                    **dict(zip(FIGURES, v, strict=True)),
                    "updated_at": now,
                }
                for u, m, *v in moving_out
            ],
        )
    if moving_in:
        s.execute(
            insert(res),
            [
                {
                    "indicator_id": ind.id,
                    "unit_id": u,
                    "month": m,
                    **dict(zip(FIGURES, v, strict=True)),
                    "source": "import",
                    "entered_at": now,
                    "version": 1,
                }
                for u, m, *v in moving_in
            ],
        )


def _source_id(s: Session, inst: Institution, code: str, *, create: bool = False) -> int:
    sid = s.scalar(select(Source.id).where(Source.institution_id == inst.id, Source.code == code))
    if sid is None and create:  # the implicit source gets a row once its figures need one
        row = Source(institution_id=inst.id, code=code, name=code)
        s.add(row)
        s.flush()
        sid = row.id
    if sid is None:
        raise UserError("source.unknown", value=code, institution=inst.code, candidates=declared_codes(s, inst.id))
    return sid


def official_ids(s: Session, source: str | None, indicator_ids: Iterable[int]) -> set[int]:
    """Of ``indicator_ids``, those whose official source is ``source`` (None: all of them)."""
    ids = list(indicator_ids)
    if source is None:
        return set(ids)
    rows = s.execute(select(Indicator.id, Indicator.official_source).where(Indicator.id.in_(ids)))
    return {i for i, o in rows if same_code(o or IMPLICIT, source)}


def record_edition(
    s: Session,
    inst: Institution,
    source: str,
    kind: str,
    file: str | None,
    batch_id: int | None,
    indicator_ids: Iterable[int],
    months: Sequence[int],
    user: str | None,
) -> Edition:
    ids = sorted(set(indicator_ids))
    e = Edition(
        institution_id=inst.id,
        source=source,
        batch_id=batch_id,
        kind=kind,
        file=file,
        user=user,
        indicator_ids=ids,
        first_month=min(months),
        last_month=max(months),
    )
    s.add(e)
    s.flush()
    return e


def log_official(s: Session, e: Edition, scope_unit_id: int | None = None) -> int:
    """The edition's figures of an official source: the results its batch wrote; the first edition of a
    source for an indicator takes every result it covers (what was there before it is what it gave) —
    of a commander's edition (``scope_unit_id``), those of their units only: the rest are not theirs to
    vouch for, and a server refuses their edition rows outside the scope."""
    res = table_of(Result)
    cols = [res.c.indicator_id, res.c.unit_id, res.c.month, *(res.c[f] for f in FIGURES)]
    earlier = s.scalar(
        select(func.count())
        .select_from(Edition)
        .where(Edition.institution_id == e.institution_id, Edition.source == e.source, Edition.id < e.id)
    )
    if earlier:
        if e.batch_id is None:
            return 0
        q = select(literal(e.id), *cols).where(res.c.batch_id == e.batch_id)
    else:
        q = select(literal(e.id), *cols).where(
            res.c.indicator_id.in_(e.indicator_ids), res.c.month >= e.first_month, res.c.month <= e.last_month
        )
        if scope_unit_id is not None:
            inside = select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id == scope_unit_id)
            q = q.where(res.c.unit_id.in_(inside))
    ev = table_of(EditionValue)
    done = s.execute(insert(ev).from_select(["edition_id", "indicator_id", "unit_id", "month", *FIGURES], q))
    return int(done.rowcount or 0) if isinstance(done, CursorResult) else 0


def write_source_figures(
    store: Store,
    s: Session,
    inst: Institution,
    source: str,
    rows: Sequence[ResultRow],
    definitions: dict[int, Definition],
    *,
    kind: str,
    file: str | None,
    months: Sequence[int],
    reason: str | None = None,
) -> WriteReport:
    """A source's figures that are not its indicators' official ones: checked by the core's rules (a source
    may report at any level), compared with what the source gave before, written, logged as an edition."""
    levels = dict(s.execute(select(Unit.id, Unit.level).where(Unit.institution_id == inst.id)).all())
    codes = dict(s.execute(select(Unit.id, Unit.code).where(Unit.institution_id == inst.id)).all())
    any_level = {k: _any_level(d, levels) for k, d in definitions.items()}
    problems = check_results(rows, any_level, levels, codes)
    if problems:
        raise ValidationFailed(problems)
    access.require_planner(s, store.actor, inst.id, "sources.import")
    give_reason(s, reason)
    sid = _source_id(s, inst, source, create=True)
    sf = table_of(SourceFigure)
    ids = sorted({r.indicator_id for r in rows})
    stored = {
        (r.indicator_id, r.unit_id, r.month): r
        for r in s.execute(
            select(sf.c.id, sf.c.indicator_id, sf.c.unit_id, sf.c.month, *(sf.c[f] for f in FIGURES)).where(
                sf.c.source_id == sid, sf.c.indicator_id.in_(ids)
            )
        )
    }
    report = WriteReport(rows=len(rows))
    new, changed = [], []
    for r in rows:
        v = _result_values(r, definitions[r.indicator_id])
        old = stored.get((r.indicator_id, r.unit_id, r.month))
        if old is None:
            new.append((r, v))
        elif all(_same(getattr(old, f), v[f]) for f in FIGURES):
            report.unchanged += 1
        else:
            changed.append((r, v, old))
    report.new, report.changed = len(new), len(changed)
    e = record_edition(s, inst, source, kind, file, None, ids, months, store.actor.name)
    now = utcnow()
    first = not s.scalar(
        select(func.count())
        .select_from(Edition)
        .where(Edition.institution_id == inst.id, Edition.source == source, Edition.id < e.id)
    )
    if new:
        s.execute(
            insert(sf),
            [
                {
                    "source_id": sid,
                    "indicator_id": r.indicator_id,
                    "unit_id": r.unit_id,
                    "month": r.month,
                    **{f: v[f] for f in FIGURES},
                    "edition_id": e.id,
                    "updated_at": now,
                }
                for r, v in new
            ],
        )
    for _r, v, old in changed:
        s.execute(
            sf.update().where(sf.c.id == old.id).values(**{f: v[f] for f in FIGURES}, edition_id=e.id, updated_at=now)
        )
    logged = [(r, v) for r, v in new] + [(r, v) for r, v, _o in changed]
    if first:
        logged = [(r, _result_values(r, definitions[r.indicator_id])) for r in rows]
    if logged:
        s.execute(
            insert(table_of(EditionValue)),
            [
                {
                    "edition_id": e.id,
                    "indicator_id": r.indicator_id,
                    "unit_id": r.unit_id,
                    "month": r.month,
                    **{f: v[f] for f in FIGURES},
                }
                for r, v in logged
            ],
        )
    record(
        s,
        store.actor.name,
        [
            {
                "action": "edition",
                "entity": "source",
                "entity_key": f"{inst.code}/{source}/{e.id}",
                "institution_id": inst.id,
                "old": None,
                "new": {"file": file, "new": len(new), "changed": len(changed), "unchanged": report.unchanged},
                "reason": reason,
            }
        ]
        + [
            {
                "action": "revise",
                "entity": "source_figure",
                "entity_key": f"{source}/{r.indicator_id}/{r.unit_id}/{r.month}",
                "institution_id": inst.id,
                "unit_id": r.unit_id,
                "indicator_id": r.indicator_id,
                "month": r.month,
                "old": {f: getattr(old, f) for f in FIGURES},
                "new": {f: v[f] for f in FIGURES},
                "reason": reason,
            }
            for r, v, old in changed
        ],
    )
    report.batch = None
    report.edition = e.id
    view_cache.invalidate(s, inst.id)
    return report


def _any_level(d: Definition, levels: dict[int, str]) -> Definition:
    """A source may report at any level: the reporting-level rule is the official figures' only."""
    return dataclasses.replace(d, levels=tuple(sorted(set(levels.values()))))


def editions_covering(
    s: Session, inst: Institution, indicator_id: int, first: int, last: int, source: str | None
) -> list[Edition]:
    q = (
        select(Edition)
        .where(Edition.institution_id == inst.id, Edition.first_month <= last, Edition.last_month >= first)
        .order_by(Edition.imported_at, Edition.id)
    )
    out = [e for e in s.scalars(q) if indicator_id in (e.indicator_ids or [])]
    return [e for e in out if source is None or same_code(e.source, source)]
