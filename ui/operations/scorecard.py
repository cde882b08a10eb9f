"""Asking the core for a scorecard: one place, plain values back (a worker thread can take it later)."""

from __future__ import annotations

from scorecard.domain import ScorecardView
from scorecard.store import Store


def load_scorecard(store: Store, institution: str, period: str, unit: str | None, ytd: bool) -> ScorecardView:
    return store.scoring.scorecard(institution, period, unit, ytd=ytd)
