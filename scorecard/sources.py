"""The sources of an institution's figures and the editions each import of one makes.

An indicator's *official* source is the one whose figures are the ``results`` the scorecard reads (named
in its ficha; without one, the institution's implicit source ``OFICIAL``).  Any other source's figures
are kept beside them in ``source_figures``.  Every import says which source it brings (by default each
indicator's official one, so imports behave as they always did) and makes an *edition*: its file, date,
indicators and months, and the figures it created or changed (``edition_values``) — the figure as of an
edition is the latest of those at or before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import give_reason, record
from scorecard.errors import UserError
from scorecard.models import (
    Edition,
    Indicator,
    Institution,
    Result,
    Source,
    SourceFigure,
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
    old_id = source_id(s, inst, old, create=True)
    new_id = source_id(s, inst, new, create=True)
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


def source_id(s: Session, inst: Institution, code: str, *, create: bool = False) -> int:
    sid = s.scalar(select(Source.id).where(Source.institution_id == inst.id, Source.code == code))
    if sid is None and create:  # the implicit source gets a row once its figures need one
        row = Source(institution_id=inst.id, code=code, name=code)
        s.add(row)
        s.flush()
        sid = row.id
    if sid is None:
        raise UserError("source.unknown", value=code, institution=inst.code, candidates=declared_codes(s, inst.id))
    return sid
