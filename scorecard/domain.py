"""The domain's vocabulary: enums and immutable values shared by the core, the importers, exports and UI.

Front ends receive these plain values, never live ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from scorecard.periods import Frequency

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Definition",
    "Frequency",
    "IndicatorLine",
    "Kind",
    "Method",
    "ObjectiveKind",
    "ObjectiveLine",
    "Polarity",
    "Role",
    "ScorecardView",
    "Status",
    "SubmissionState",
    "Thresholds",
    "UnitLine",
]


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    IN_BAND = "in_band"


class Kind(StrEnum):
    COUNT = "count"
    STOCK = "stock"
    AVERAGE = "average"
    RATIO = "ratio"


class Method(StrEnum):
    """How performance is measured: against the target, or as progress from the baseline to the target."""

    TARGET = "target"
    BASELINE = "baseline"


class ObjectiveKind(StrEnum):
    STRATEGIC = "strategic"
    OPERATIONAL = "operational"


class Role(StrEnum):
    COMMANDER = "commander"
    PLANNER = "planner"
    EXECUTIVE = "executive"
    ADMIN = "admin"


class SubmissionState(StrEnum):
    OPEN = "open"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class Status(IntEnum):
    """The semáforo.  Integer codes so that whole tables of statuses are numpy arrays."""

    GREEN = 0
    YELLOW = 1
    RED = 2
    NO_DATA = 3
    NOT_DUE = 4
    NO_TARGET = 5

    @property
    def key(self) -> str:
        return self.name.lower()

    @property
    def scored(self) -> bool:
        return self in (Status.GREEN, Status.YELLOW, Status.RED)

    @property
    def letter(self) -> str:
        """Letter shown beside the colour so the status reads in black and white (Spanish: V/A/R)."""
        return {0: "V", 1: "A", 2: "R", 3: "SD", 4: "NC", 5: "SM"}[int(self)]

    @classmethod
    def from_key(cls, key: str) -> Status:
        return cls[key.upper()]


@dataclass(frozen=True)
class Thresholds:
    green: float = 0.90
    yellow: float = 0.75

    def __post_init__(self) -> None:
        if not 0 <= self.yellow <= self.green:
            from scorecard.errors import UserError

            raise UserError("thresholds.invalid", green=self.green, yellow=self.yellow)

    def status_of(self, capped: float) -> Status:
        if capped >= self.green:
            return Status.GREEN
        if capped >= self.yellow:
            return Status.YELLOW
        return Status.RED


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Definition:
    """The scoring-relevant part of an indicator's ficha, as in force from ``valid_from`` (yyyymm) on."""

    indicator_id: int
    code: str
    kind: Kind
    polarity: Polarity
    frequency: Frequency
    valid_from: int = 190001
    factor: float = 1.0
    method: Method = Method.TARGET
    band_min: float | None = None
    band_max: float | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    weight: float = 1.0
    thresholds: Thresholds | None = None  # None: the institution's default
    levels: tuple[str, ...] = ()  # org levels that report it; empty: the lowest level of the tree


@dataclass(frozen=True)
class IndicatorLine:
    """One row of a scorecard: an indicator's aggregated figure for a unit and period."""

    indicator_id: int
    code: str
    name: str
    kind: Kind
    polarity: Polarity
    unit_of_measure: str
    value: float | None
    target: float | None
    band: tuple[float, float] | None
    numerator: float | None
    denominator: float | None
    performance: float | None  # as computed, may exceed 1
    status: Status
    weight: float
    # the same period a year earlier (scorecard.year_on_year): change in the indicator's units, change_pct in %
    previous_value: float | None = None
    change: float | None = None
    change_pct: float | None = None
    # whose figure it is (scorecard.certification): the official source's, or a certified one — every month
    # of the period certified at this unit (``source`` then the certified source, None for a typed figure);
    # ``certified_in``: how many certified unit-months the figure holds (here or below)
    certified: bool = False
    source: str | None = None
    certified_at: str | None = None
    certified_in: int = 0
    # signal or chance (statistics.md §1): 'worse' | 'chance' | 'better', None where no signal applies
    signal: str | None = None
    p_worse: float | None = None
    p_better: float | None = None


@dataclass(frozen=True)
class ObjectiveLine:
    objective_id: int
    code: str
    name: str
    kind: ObjectiveKind
    parent_code: str | None
    weight: float
    score: float | None
    status: Status
    indicators_scored: int
    indicators_total: int
    indicators: tuple[IndicatorLine, ...] = field(default=())


@dataclass(frozen=True)
class UnitLine:
    """A unit below the selected one, for the league table."""

    unit_id: int
    code: str
    name: str
    level: str
    score: float | None
    status: Status
    indicators_scored: int
    indicators_total: int
    completeness: float | None


@dataclass(frozen=True)
class ScorecardView:
    institution: str
    unit_code: str
    unit_name: str
    period: str
    ytd: bool
    score: float | None
    status: Status
    indicators_scored: int
    indicators_total: int
    status_counts: dict[str, int]
    completeness: float | None
    timeliness: float | None
    results_due: int
    results_filed: int
    results_on_time: int
    objectives: tuple[ObjectiveLine, ...]
    children: tuple[UnitLine, ...]
