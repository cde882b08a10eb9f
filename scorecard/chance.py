"""Signal or chance (spec statistics.md §1): is a count distinguishable from its target by chance alone?

The traffic light stays the institution's rule; this says, beside it, how likely the result is if the
target were the truth.  O is the observed count (a count's value, a ratio's numerator), E the count the
target expects (a count's target; a ratio's target rate × denominator / factor), X ~ Poisson(E).  A figure
that is not a whole count (an average, a stock, an in-band indicator, a count with decimals) has no signal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scorecard.domain import Kind, Polarity

ALPHA = 0.05  # per institution (institutions.alpha); this is the default
WORSE, CHANCE, BETTER = "worse", "chance", "better"


@dataclass(frozen=True)
class Signal:
    signal: str | None = None
    p_worse: float | None = None
    p_better: float | None = None
    observed: int | None = None
    expected: float | None = None


NONE = Signal()


def whole(x: float | None) -> int | None:
    """``x`` as a count of events, or None where it is not one (no figure, negative, decimals)."""
    if x is None or not math.isfinite(x) or x < 0 or abs(x - round(x)) > 1e-9:
        return None
    return round(x)


def tails(observed: int, expected: float) -> tuple[float, float]:
    """P(X ≥ O) and P(X ≤ O) for X ~ Poisson(E); E = 0 means X = 0 surely.  scipy.special's Poisson
    distribution functions (what scipy.stats.poisson calls): a third of scipy.stats' import time, which
    every scorecard command would otherwise pay."""
    if expected <= 0:
        return (1.0 if observed == 0 else 0.0), 1.0
    from scipy.special import pdtr, pdtrc  # P(X ≤ k), P(X > k)

    at_least = 1.0 if observed <= 0 else float(pdtrc(observed - 1, expected))
    return at_least, float(pdtr(observed, expected))


def signal_of(
    kind: Kind,
    polarity: Polarity,
    value: float | None,
    target: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
    factor: float = 1.0,
    alpha: float = ALPHA,
) -> Signal:
    """The signal of one figure against its target (statistics.md §1)."""
    if polarity not in (Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER) or target is None:
        return NONE
    if not math.isfinite(target) or target < 0:
        return NONE
    if kind is Kind.COUNT:
        observed, expected = whole(value), float(target)
    elif kind is Kind.RATIO:
        if denominator is None or not math.isfinite(denominator) or denominator <= 0 or not factor:
            return NONE
        observed, expected = whole(numerator), float(target) * denominator / factor
    else:
        return NONE
    if observed is None:
        return NONE
    at_least, at_most = tails(observed, expected)
    if polarity is Polarity.LOWER_IS_BETTER:
        p_worse, p_better = at_least, at_most
    else:
        p_worse, p_better = at_most, at_least
    if p_worse < alpha:
        word = WORSE
    elif p_better < alpha:
        word = BETTER
    else:
        word = CHANCE
    return Signal(word, p_worse, p_better, observed, expected)
