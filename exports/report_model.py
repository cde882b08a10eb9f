"""What a report shows, as plain values: one section per unit (its scorecard, trends, reds with their
justification, data state), and the two reports built of sections.  Rendering lives elsewhere
(:mod:`exports.pdf_report`, :mod:`exports.xlsx_report`); both read only these values, so the PDF and the
workbook can never show different figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from scorecard.domain import IndicatorLine, ScorecardView, Status
from scorecard.periods import Period
from scorecard.scoring import view_as_json

if TYPE_CHECKING:
    from exports.pdf_page import RenderedPdf

APPROVED = "approved"
DRAFT = "draft"
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Trend:
    """A key indicator month by month over the twelve months that end with the report's period."""

    code: str
    name: str
    months: tuple[int, ...]
    values: tuple[float | None, ...]
    targets: tuple[float | None, ...]
    statuses: tuple[Status, ...]


@dataclass(frozen=True)
class Justification:
    unit_code: str
    unit_name: str
    month: int
    cause: str
    action: str


@dataclass(frozen=True)
class RedLine:
    objective_code: str
    indicator: IndicatorLine
    justifications: tuple[Justification, ...]
    more: int = 0  # justifications filed but not shown


@dataclass(frozen=True)
class Section:
    """One unit's scorecard as a report shows it."""

    institution_code: str
    institution_name: str
    level: str
    view: ScorecardView
    trends: tuple[Trend, ...]
    reds: tuple[RedLine, ...]
    data_state: str  # approved | draft
    depth: int = 0  # outline depth in a consolidated report
    # disagreements between sources still open at the unit and its children (scorecard.reconciliation):
    # the report's annex; whose each figure is rides in the view (certified, source, certified_at)
    disagreements: tuple[dict[str, Any], ...] = ()

    def figures(self) -> dict[str, Any]:
        """Every figure this section shows, for the fingerprint."""
        return {
            "scorecard": view_as_json(self.view),
            "data_state": self.data_state,
            "trends": [
                {
                    "code": t.code,
                    "months": list(t.months),
                    "values": list(t.values),
                    "targets": list(t.targets),
                    "statuses": [s.key for s in t.statuses],
                }
                for t in self.trends
            ],
            "reds": [
                {
                    "indicator": r.indicator.code,
                    "justifications": [[j.unit_code, j.month, j.cause, j.action] for j in r.justifications],
                    "more": r.more,
                }
                for r in self.reds
            ],
            "disagreements": [
                [d["indicator"], d["unit"], d["values"], d["official"], d["certified"], d["pending"]]
                for d in self.disagreements
            ],
        }


@dataclass(frozen=True)
class SummaryRow:
    """One line of a consolidated report's summary: an institution or a unit, side by side with the others."""

    institution_code: str
    code: str
    name: str
    score: float | None
    status: Status
    indicators_scored: int
    indicators_total: int
    completeness: float | None
    status_counts: dict[str, int]
    data_state: str

    @classmethod
    def of(cls, section: Section) -> SummaryRow:
        v = section.view
        return cls(
            section.institution_code,
            v.unit_code,
            v.unit_name,
            v.score,
            v.status,
            v.indicators_scored,
            v.indicators_total,
            v.completeness,
            v.status_counts,
            section.data_state,
        )


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def fingerprint_of(payload: Any) -> str:
    """SHA-256 of the figures, canonically serialised (sorted keys, no whitespace, shortest float repr)."""
    text = json.dumps(_clean(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Report:
    period: Period
    ytd: bool
    issued_at: dt.datetime
    lang: str = "es"
    paper: str = "a4"

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.payload())

    def render_pdf(self, out: IO[bytes]) -> RenderedPdf:
        from exports.pdf_report import render_pdf

        return render_pdf(self, out)  # type: ignore[arg-type]

    def render_xlsx(self, out: IO[bytes]) -> None:
        from exports.xlsx_report import render_xlsx

        render_xlsx(self, out)  # type: ignore[arg-type]


@dataclass(frozen=True)
class InstitutionReport(_Report):
    """The scorecard of one unit (default: the institution's root) for one period."""

    section: Section | None = None

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.section,) if self.section else ()

    def payload(self) -> dict[str, Any]:
        assert self.section is not None
        return {"period": self.period.code, "ytd": self.ytd, "sections": [self.section.figures()]}


@dataclass(frozen=True)
class ConsolidatedReport(_Report):
    """All institutions (or all units of a level) side by side, then a section for each."""

    compared: str = "institutions"  # institutions | the level name of the compared units
    summary: tuple[SummaryRow, ...] = ()
    sections: tuple[Section, ...] = field(default=())
    without_plan: tuple[str, ...] = ()  # institutions left out: no plan in force to score them against

    def payload(self) -> dict[str, Any]:
        return {
            "period": self.period.code,
            "ytd": self.ytd,
            "summary": [
                [r.institution_code, r.code, r.score, r.status.key, r.completeness, r.data_state] for r in self.summary
            ],
            "sections": [s.figures() for s in self.sections],
            "without_plan": list(self.without_plan),
        }
