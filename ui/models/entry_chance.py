"""Whether a typed figure's red may be chance (statistics.md §1), for the data-entry grid: O against
E = the target (a count) or target × denominator / factor (a ratio's numerator), X ~ Poisson(E);
``p_worse`` the tail away from the good side, ``signal`` 'worse' / 'better' below α, else 'chance'.

The grid scores what is being typed, before anything is stored, so it cannot ask the core's scorecard
for the line's ``signal``; this is the same §1 arithmetic on the typed figure.  No Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.domain import Kind, Polarity
from scorecard.entry import EntryLine

ALPHA = 0.05  # statistics.md §1's default


@dataclass(frozen=True)
class Chance:
    signal: str  # worse | chance | better
    p_worse: float
    p_better: float


def chance_of(line: EntryLine, alpha: float = ALPHA) -> Chance | None:
    """The signal of the line's figure; None where §1 does not apply (no target, not a count, in-band)."""
    d = line.definition
    if line.target is None or d.polarity is Polarity.IN_BAND:
        return None
    if d.kind is Kind.COUNT:
        observed, expected = line.value, line.target
    elif d.kind is Kind.RATIO and line.denominator:
        observed, expected = line.numerator, line.target * line.denominator / (d.factor or 1.0)
    else:
        return None
    if observed is None or expected < 0:
        return None
    from scipy.stats import poisson  # only when a figure is checked: keeps the dialog's start-up fast

    o = round(observed)
    at_least = 1.0 if o <= 0 else 0.0 if expected == 0 else float(poisson.sf(o - 1, expected))  # P(X ≥ O)
    at_most = 1.0 if expected == 0 else float(poisson.cdf(o, expected))  # P(X ≤ O)
    p_worse, p_better = (at_most, at_least) if d.polarity is Polarity.HIGHER_IS_BETTER else (at_least, at_most)
    signal = "worse" if p_worse < alpha else "better" if p_better < alpha else "chance"
    return Chance(signal, p_worse, p_better)
