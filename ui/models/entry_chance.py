"""Whether a typed figure's red may be chance (statistics.md §1), for the data-entry grid.

The grid scores what is being typed, before anything is stored, so it asks the core's test
(:func:`scorecard.chance.signal_of`) about the typed figure and its target directly.  No Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.chance import ALPHA, signal_of
from scorecard.entry import EntryLine


@dataclass(frozen=True)
class Chance:
    signal: str  # worse | chance | better
    p_worse: float
    p_better: float


def chance_of(line: EntryLine, alpha: float = ALPHA) -> Chance | None:
    """The signal of the line's figure; None where §1 does not apply (no target, not a whole count…)."""
    d = line.definition
    s = signal_of(
        d.kind, d.polarity, line.value, line.target, line.numerator, line.denominator, float(d.factor or 1.0), alpha
    )
    if s.signal is None or s.p_worse is None or s.p_better is None:
        return None
    return Chance(s.signal, s.p_worse, s.p_better)
