"""Performance (cumplimiento) and status (semáforo), vectorised over numpy arrays.

Every function takes arrays of equal length (one element per indicator × unit × period) and returns
arrays; NaN means "absent".  The scalar helpers at the end are the same arithmetic for one figure.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from scorecard.domain import Method, Polarity, Status

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

POLARITY_CODES = {Polarity.HIGHER_IS_BETTER: 0, Polarity.LOWER_IS_BETTER: 1, Polarity.IN_BAND: 2}
METHOD_CODES = {Method.TARGET: 0, Method.BASELINE: 1}


def _safe_div(a: FloatArray, b: FloatArray) -> FloatArray:
    out = np.full(np.broadcast(a, b).shape, np.nan)
    np.divide(a, b, out=out, where=(b != 0) & ~np.isnan(b))
    return out


def performance(
    value: FloatArray,
    target: FloatArray,
    polarity: IntArray,
    *,
    band_min: FloatArray | None = None,
    band_max: FloatArray | None = None,
    method: IntArray | None = None,
    baseline: FloatArray | None = None,
) -> FloatArray:
    """Cumplimiento p of value ``a`` against target ``t``, uncapped; NaN where it cannot be computed.

    - higher is better: p = a / t (t > 0); with t = 0, p = 1 when a ≥ 0.
    - lower is better: p = t / a (a > 0); p = 1 when a = 0 and t ≥ 0; with t = 0 and a > 0, p = 0.
    - in band [lo, hi]: 1 inside; a / lo below; hi / a above.
    - baseline method: progress (b − a) / (b − t) for lower is better, (a − b) / (t − b) for higher,
      clamped at 0; where the target equals the baseline, 1 if the target is met and 0 otherwise.
    """
    a = np.asarray(value, dtype=float)
    t = np.asarray(target, dtype=float)
    pol = np.asarray(polarity)
    n = a.shape[0]
    lo = np.full(n, np.nan) if band_min is None else np.asarray(band_min, dtype=float)
    hi = np.full(n, np.nan) if band_max is None else np.asarray(band_max, dtype=float)
    meth = np.zeros(n, dtype=np.int64) if method is None else np.asarray(method)
    base = np.full(n, np.nan) if baseline is None else np.asarray(baseline, dtype=float)

    p = np.full(n, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        # the cases are disjoint: each is written in place (a national month is 127,000 of them)
        t_pos, a_pos = t > 0, a > 0
        # higher is better
        hib = pol == 0
        np.divide(a, t, out=p, where=hib & t_pos)
        at_zero = hib & (t <= 0)
        p[at_zero] = a[at_zero] >= 0
        # lower is better
        lib = pol == 1
        np.divide(t, a, out=p, where=lib & a_pos & t_pos)
        p[lib & a_pos & (t <= 0)] = 0.0
        p[lib & (a <= 0) & (t >= 0)] = 1.0
        # in band: the band is the target (skipped, like progress below, where no row asks for it)
        band = pol == 2
        if band.any():
            inside = (a >= lo) & (a <= hi)
            below_p = np.where(lo > 0, np.maximum(a, 0) / lo, 0.0)
            above_p = np.where(a > 0, hi / a, 0.0)
            p = np.where(band & inside, 1.0, p)
            p = np.where(band & (a < lo), below_p, p)
            p = np.where(band & (a > hi), above_p, p)
        # progress from the baseline (replaces the target method where asked for)
        prog = meth == 1
        if prog.any():
            span_lib = base - t
            span_hib = t - base
            lib_prog = np.where(span_lib != 0, (base - a) / span_lib, np.where(a <= t, 1.0, 0.0))
            hib_prog = np.where(span_hib != 0, (a - base) / span_hib, np.where(a >= t, 1.0, 0.0))
            progress = np.where(lib, lib_prog, hib_prog)
            p = np.where(prog & ~band, np.where(np.isnan(base), np.nan, np.maximum(progress, 0.0)), p)
    # anything absent stays absent
    absent = np.isnan(a) | np.where(band, np.isnan(lo) | np.isnan(hi), np.isnan(t))
    p[absent] = np.nan
    return p


def cap(p: FloatArray) -> FloatArray:
    """For colours and roll-ups p counts at most 1 (it is shown as it is)."""
    return np.minimum(p, 1.0)


def status(
    value: FloatArray,
    p: FloatArray,
    due: BoolArray,
    green: FloatArray,
    yellow: FloatArray,
) -> IntArray:
    """The six statuses.  ``p`` is uncapped; NaN p with a value means there is no target to compare with."""
    capped = cap(p)
    out = np.full(value.shape[0], int(Status.RED), dtype=np.int64)
    out = np.where(capped >= yellow, int(Status.YELLOW), out)
    out = np.where(capped >= green, int(Status.GREEN), out)
    out = np.where(np.isnan(p), int(Status.NO_TARGET), out)
    out = np.where(np.isnan(value), int(Status.NO_DATA), out)
    return np.where(~due, int(Status.NOT_DUE), out)


def weighted_score(capped: FloatArray, weight: FloatArray) -> float | None:
    """Weighted mean of capped performances; None where nothing is scored or the weights are all 0."""
    mask = ~np.isnan(capped)
    total = float(weight[mask].sum())
    if not mask.any() or total <= 0:
        return None
    return float((capped[mask] * weight[mask]).sum() / total)


# --- one figure -------------------------------------------------------------------------------------------


def performance_of(
    value: float | None,
    target: float | None,
    polarity: Polarity,
    *,
    band: tuple[float, float] | None = None,
    method: Method = Method.TARGET,
    baseline: float | None = None,
) -> float | None:
    nan = float("nan")
    p = performance(
        np.array([nan if value is None else value]),
        np.array([nan if target is None else target]),
        np.array([POLARITY_CODES[polarity]]),
        band_min=np.array([band[0] if band else nan]),
        band_max=np.array([band[1] if band else nan]),
        method=np.array([METHOD_CODES[method]]),
        baseline=np.array([nan if baseline is None else baseline]),
    )[0]
    return None if np.isnan(p) else float(p)
