"""Which source an import brings, and the edition it makes.

An import names its source (``--source``; a saved mapping may carry one); without one each indicator's
figures are its official source's, as before sources existed.  Figures of an indicator whose official
source is the one named go to the results (the scorecard's); any other source's go beside them
(:func:`scorecard.sources.write_source_figures`).  Every import that writes makes one edition per source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import editions as editions_
from scorecard import sources as sources_
from scorecard.domain import Definition, Role
from scorecard.figures import ResultRow, WriteReport
from scorecard.models import Edition, Indicator, Institution
from scorecard.store import Store


def official_sources(s: Session, indicator_ids: Sequence[int]) -> dict[int, str]:
    rows = s.execute(select(Indicator.id, Indicator.official_source).where(Indicator.id.in_(list(indicator_ids))))
    return {i: o or sources_.IMPLICIT for i, o in rows}


def split(
    s: Session, inst: Institution, source: str | None, rows: Sequence[ResultRow]
) -> tuple[str | None, list[ResultRow], list[ResultRow]]:
    """The source's code as declared, and ``rows`` split into the official figures and the others."""
    if source is None:
        return None, list(rows), []
    code = sources_.known(s, inst, source)
    official = official_sources(s, sorted({r.indicator_id for r in rows}))
    mine = [r for r in rows if sources_.same_code(official[r.indicator_id], code)]
    others = [r for r in rows if not sources_.same_code(official[r.indicator_id], code)]
    return code, mine, others


def all_official(s: Session, inst: Institution, source: str | None, indicator_ids: Sequence[int]) -> bool:
    if source is None:
        return True
    code = sources_.known(s, inst, source)
    return all(sources_.same_code(o, code) for o in official_sources(s, indicator_ids).values())


def record_official(
    store: Store,
    s: Session,
    inst: Institution,
    report: WriteReport,
    indicator_ids: Sequence[int],
    months: tuple[int, int],
    *,
    kind: str,
    file: str | None,
) -> list[Edition]:
    """One edition per official source of the written indicators, with the figures the batch wrote."""
    return OfficialEditions(store, s, inst, indicator_ids, months, kind=kind, file=file).close(report)


class OfficialEditions:
    """The editions of :func:`record_official` for a writer that logs the values it inserts as it inserts
    them: :meth:`open` when it has made its batch (an edition row is never updated: a server keeps them
    insert-only), :meth:`close` after the write logs the rest (and opens them, if the writer did not)."""

    def __init__(
        self,
        store: Store,
        s: Session,
        inst: Institution,
        indicator_ids: Sequence[int],
        months: tuple[int, int],
        *,
        kind: str,
        file: str | None,
    ) -> None:
        self.store, self.s, self.inst, self.months, self.kind, self.file = store, s, inst, months, kind, file
        self.by_source: dict[str, list[int]] = defaultdict(list)
        for iid, code in official_sources(s, indicator_ids).items():
            self.by_source[code].append(iid)
        self.opened: list[Edition] | None = None

    def open(self, batch_id: int | None) -> dict[int, int]:
        """The editions made, tied to ``batch_id``: indicator id → the edition its values are logged under."""
        actor = self.store.actor.name
        self.opened = [
            editions_.record_edition(self.s, self.inst, code, self.kind, self.file, batch_id, ids, self.months, actor)
            for code, ids in sorted(self.by_source.items())
        ]
        return {iid: e.id for e in self.opened for iid in e.indicator_ids}

    def close(self, report: WriteReport) -> list[Edition]:
        """Every edition's figures logged (those the writer did not); ``report.edition`` the first's."""
        logged = self.opened is not None and report.new_logged
        if self.opened is None:
            self.open(report.batch)
        assert self.opened is not None
        actor = self.store.actor
        scope = actor.scope_unit_id if actor.role is Role.COMMANDER else None
        inserted = report.new if len(self.opened) == 1 else None  # one edition: every inserted value is its
        for e in self.opened:
            editions_.log_official(self.s, e, scope, new_logged=logged, inserted=inserted)
        if self.opened:
            report.edition = self.opened[0].id
        return self.opened


def write_others(
    store: Store,
    s: Session,
    inst: Institution,
    source: str,
    rows: Sequence[ResultRow],
    definitions: dict[int, Definition],
    *,
    kind: str,
    file: str | None,
    months: tuple[int, int],
    reason: str,
) -> WriteReport:
    return editions_.write_source_figures(
        store, s, inst, source, rows, definitions, kind=kind, file=file, months=months, reason=reason
    )


def merged(a: WriteReport, b: WriteReport) -> WriteReport:
    return WriteReport(
        batch=a.batch if a.batch is not None else b.batch,
        rows=a.rows + b.rows,
        new=a.new + b.new,
        changed=a.changed + b.changed,
        unchanged=a.unchanged + b.unchanged,
        changes=a.changes + b.changes,
        edition=b.edition if b.edition is not None else a.edition,
    )


def month_span(rows: Sequence[ResultRow]) -> tuple[int, int]:
    months = [r.month for r in rows]
    return min(months), max(months)
