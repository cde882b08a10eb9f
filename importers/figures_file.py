"""What every figures importer (template, long table) hands over: values as written, placed by code.

Extraction knows nothing of the database; :mod:`importers.apply` resolves codes, checks the rules that
need the plan and the tree, and writes through the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecard.errors import Problem


@dataclass(slots=True)
class Figure:
    """One value of a file: where it was, the codes as written (trimmed), and the numbers read."""

    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    unit: str
    indicator: str
    period: int  # yyyymm; yyyy for an annual target
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    observations: float | None = None
    comment: str | None = None
    percent: bool = False  # the value was written as 85 %: only a ratio-as-percent indicator takes it
    distribution: str | None = None  # annual targets: 'uniforme' or a profile name
    column: str = ""  # the column the value came from, for messages
    unit_column: str = ""
    indicator_column: str = ""


@dataclass
class Extract:
    """A file read: the figures, its totals rows, the cells left empty on purpose, and the problems."""

    kind: str  # "template" | "long"
    targets: bool
    figures: list[Figure] = field(default_factory=list)
    totals: list[Figure] = field(default_factory=list)
    no_value: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    institution: str | None = None  # a template says which one it was made for
    sheet: str = ""
    value_column: str = ""  # long tables: where the core's problems about a value point
    places: dict[tuple[str, int, str, str], str] = field(default_factory=dict)  # wide: (…, period) → month column
