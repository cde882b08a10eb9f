"""Performance and status for each polarity and method, as spec/domain.md writes them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecard.arithmetic import performance_of, status
from scorecard.domain import DEFAULT_THRESHOLDS, Method, Polarity, Status, Thresholds

H, L, B = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.IN_BAND


@pytest.mark.parametrize(
    ("a", "t", "pol", "p"),
    [
        (90, 100, H, 0.9),
        (150, 100, H, 1.5),  # shown as it is, above 100 %
        (0, 100, H, 0.0),
        (5, 0, H, 1.0),  # t = 0: p = 1 when a ≥ 0
        (0, 0, H, 1.0),
        (100, 80, L, 0.8),  # t / a
        (40, 80, L, 2.0),
        (0, 80, L, 1.0),  # nothing happened
        (0, 0, L, 1.0),
        (3, 0, L, 0.0),  # t = 0 and a > 0
    ],
)
def test_performance_against_a_target(a: float, t: float, pol: Polarity, p: float) -> None:
    assert performance_of(a, t, pol) == pytest.approx(p)


@pytest.mark.parametrize(
    ("a", "p"),
    [(60, 1.0), (70, 1.0), (80, 1.0), (45, 0.75), (0, 0.0), (100, 0.8), (160, 0.5)],
)
def test_performance_in_band(a: float, p: float) -> None:
    assert performance_of(a, None, B, band=(60, 80)) == pytest.approx(p)


@pytest.mark.parametrize(
    ("a", "base", "t", "pol", "p"),
    [
        (94, 100, 88, L, 0.5),  # (100 − 94) / (100 − 88)
        (88, 100, 88, L, 1.0),
        (80, 100, 88, L, 20 / 12),  # beyond the target: shown as is
        (110, 100, 88, L, 0.0),  # worse than the baseline: clamped at 0
        (55, 50, 60, H, 0.5),  # (55 − 50) / (60 − 50)
        (40, 50, 60, H, 0.0),
        (50, 50, 50, L, 1.0),  # target equals baseline and is met
        (51, 50, 50, L, 0.0),
    ],
)
def test_progress_from_the_baseline(a: float, base: float, t: float, pol: Polarity, p: float) -> None:
    assert performance_of(a, t, pol, method=Method.BASELINE, baseline=base) == pytest.approx(p)


def test_missing_parts_give_no_performance() -> None:
    assert performance_of(None, 10, H) is None
    assert performance_of(10, None, H) is None
    assert performance_of(10, None, B, band=None) is None
    assert performance_of(10, 5, L, method=Method.BASELINE, baseline=None) is None


def _status(value: float, p: float, due: bool = True, th: Thresholds = DEFAULT_THRESHOLDS) -> Status:
    out = status(np.array([value]), np.array([p]), np.array([due]), np.array([th.green]), np.array([th.yellow]))
    return Status(int(out[0]))


def test_default_thresholds_and_capping() -> None:
    assert _status(1, 0.90) is Status.GREEN
    assert _status(1, 0.8999) is Status.YELLOW
    assert _status(1, 0.75) is Status.YELLOW
    assert _status(1, 0.7499) is Status.RED
    assert _status(1, 3.0) is Status.GREEN  # capped at 1 for the colour


def test_per_indicator_thresholds() -> None:
    strict = Thresholds(0.95, 0.85)
    assert _status(1, 0.93, th=strict) is Status.YELLOW
    assert _status(1, 0.84, th=strict) is Status.RED


def test_explicit_states_are_never_coloured() -> None:
    nan = math.nan
    assert _status(nan, nan) is Status.NO_DATA
    assert _status(5, nan) is Status.NO_TARGET
    assert _status(5, 0.2, due=False) is Status.NOT_DUE
    assert _status(nan, nan, due=False) is Status.NOT_DUE


def test_thresholds_must_be_ordered() -> None:
    from scorecard.errors import UserError

    with pytest.raises(UserError):
        Thresholds(0.7, 0.8)
