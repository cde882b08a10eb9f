"""Data-quality flags of an import (spec/statistics.md §3 "Import flags"): figures worth a second look.
They never block an import; the report lists them under ``quality``.

- ``improbable_high`` / ``improbable_low``: a count outside its unit's control band
  (:mod:`scorecard.control_band`), μ from the unit's own figures of that indicator stored *before* the
  import, in the 24 months before the figure's month (at least 12 of them filed).
- ``zero_after_run``: a count of 0 whose six previous months are all filed, each ≥ 1, with mean ≥ 3.  The
  six months are the stored figures with the file's own figures over them (a file of a whole year can
  hold the run itself).
- ``share_over_one``: a ratio with factor 100 (a percentage) whose numerator exceeds its denominator.
- ``unstable_rate``: a ratio whose unit expects fewer than 10 events a year at its rate.  Our reading of
  θ0 × yearly exposure: θ0 = the unit's Σ numerator / Σ denominator over the file's months of that
  indicator, and its yearly exposure Σ denominator × 12 / (months with a figure); so the expected events
  are Σ numerator × 12 / months — the file's count brought to a year.  One flag per unit and indicator,
  at its last month in the file (the rate of the whole series is what is unstable, not one month).

The stored history is read once, when the check is made (before anything is written: one query over the
indicators, units and the 24 months before the file's first month up to its last); figures are added as
the import makes them and judged at once, in numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import control_band
from scorecard.domain import Definition, Kind
from scorecard.fetch import fetch_frame
from scorecard.figures import ResultRow
from scorecard.formatting import number
from scorecard.messages import translate
from scorecard.models import Result, Unit
from scorecard.periods import Period, add_months
from scorecard.result_columns import ResultColumns

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

RUN = 6  # months of the run a zero breaks
RUN_MEAN = 3.0
STABLE_EVENTS = 10.0  # a rate resting on fewer events a year is unstable
FEW_UNITS = 500  # up to this many units the history query names them


# the benchmark turns the flags off to measure what they add to an import (benchmarks/importing.py)
ENABLED = True


class QualityCheck:
    def __init__(
        self,
        session: Session,
        institution_id: int,
        definitions: dict[int, Definition],
        span: tuple[int, int],
        lang: str = "es",
        units: Sequence[int] | np.ndarray | None = None,
    ) -> None:
        """Reads the stored history now: make it before the import writes."""
        self.enabled = ENABLED
        self.lang = lang
        self.definitions = definitions
        self.first = add_months(span[0], -control_band.WINDOW)
        self.codes: dict[int, str] = {
            int(i): c
            for i, c in session.execute(select(Unit.id, Unit.code).where(Unit.institution_id == institution_id))
        }
        counts = sorted(i for i, d in definitions.items() if d.kind is Kind.COUNT)
        self.history = np.empty((0, 4))
        if counts and self.enabled:
            q = select(Result.indicator_id, Result.unit_id, Result.month, Result.value).where(
                Result.indicator_id.in_(counts), Result.month >= self.first, Result.month <= span[1]
            )
            named = None if units is None else np.unique(np.asarray(units, dtype=np.int64))
            if named is not None and named.size <= FEW_UNITS:
                q = q.where(Result.unit_id.in_(named.tolist()))
            self.history = fetch_frame(session, q, ["ind", "unit", "month", "value"]).to_numpy()
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.judged: tuple[int, list[dict[str, Any]]] | None = None  # (parts judged, their flags)

    # --- figures in ------------------------------------------------------------------------------------

    def add_columns(self, cols: ResultColumns) -> None:
        if not self.enabled:
            return
        self.parts.append(
            (
                np.asarray(cols.indicator_id, dtype=np.int64),
                np.asarray(cols.unit_id, dtype=np.int64),
                np.asarray(cols.month, dtype=np.int64),
                *(np.array(getattr(cols, f), dtype=float) for f in ("value", "numerator", "denominator")),
            )
        )

    def add_rows(self, rows: Sequence[ResultRow]) -> None:
        if rows and self.enabled:
            self.parts.append(
                (
                    np.fromiter((r.indicator_id for r in rows), np.int64, len(rows)),
                    np.fromiter((r.unit_id for r in rows), np.int64, len(rows)),
                    np.fromiter((r.month for r in rows), np.int64, len(rows)),
                    *(
                        np.array([getattr(r, f) for r in rows], dtype=float)
                        for f in ("value", "numerator", "denominator")
                    ),
                )
            )

    # --- flags out -------------------------------------------------------------------------------------

    def flags(self) -> list[dict[str, Any]]:
        """[{unit, indicator, period, flag, detail}] in the order of the file's figures, flag by flag (worked
        out once for the parts added so far)."""
        if self.judged is None or self.judged[0] != len(self.parts):
            self.judged = (len(self.parts), self._flags())
        return self.judged[1]

    def _flags(self) -> list[dict[str, Any]]:
        if not self.parts:
            return []
        ind, unit, month, value, num, den = (np.concatenate(c) for c in zip(*self.parts, strict=True))
        ids = np.array(sorted(self.definitions), dtype=np.int64)
        pos = np.searchsorted(ids, ind)
        kind = np.array([self.definitions[int(i)].kind.value for i in ids])[pos]
        factor = np.array([float(self.definitions[int(i)].factor) for i in ids])[pos]
        found: list[tuple[int, str, dict[str, Any]]] = []  # (figure, flag, detail parameters)
        counted = np.nonzero(kind == Kind.COUNT.value)[0]
        if counted.size:
            found += self._count_flags(counted, ind, unit, month, value)
        ratios = np.nonzero(kind == Kind.RATIO.value)[0]
        if ratios.size:
            found += self._ratio_flags(ratios, ind, unit, month, num, den, factor)
        found.sort(key=lambda f: f[0])
        code_of = {i: d.code for i, d in self.definitions.items()}
        return [
            {
                "unit": self.codes.get(int(unit[i]), str(unit[i])),
                "indicator": code_of[int(ind[i])],
                "period": Period.of_month(int(month[i])).code,
                "flag": flag,
                "detail": translate(f"quality.{flag}", self.lang, **params),
            }
            for i, flag, params in found
        ]

    def _count_flags(
        self, at: IntArray, ind: IntArray, unit: IntArray, month: IntArray, value: FloatArray
    ) -> list[tuple[int, str, dict[str, Any]]]:
        key = (ind[at] << 32) | unit[at]
        series, row = np.unique(key, return_inverse=True)
        t0 = int(control_band.month_index(self.first))
        width = int(control_band.month_index(int(month[at].max()))) - t0 + 1
        stored = np.full((series.size, width), np.nan)
        h = self.history
        if h.size:
            h_key = (h[:, 0].astype(np.int64) << 32) | h[:, 1].astype(np.int64)
            h_row = np.searchsorted(series, h_key).clip(0, series.size - 1)
            h_t = control_band.month_index(h[:, 2].astype(np.int64)) - t0
            keep = (series[h_row] == h_key) & (h_t < width)
            stored[h_row[keep], h_t[keep]] = h[keep, 3]
        t = control_band.month_index(month[at]) - t0
        observed = value[at]
        mu = control_band.rolling(stored, t, row)  # prefix sums per series, not per value
        tails = control_band.tail_flags(observed, mu)
        out: list[tuple[int, str, dict[str, Any]]] = []
        for j in np.nonzero(tails)[0]:
            flag = "improbable_high" if tails[j] == control_band.HIGH else "improbable_low"
            out.append((int(at[j]), flag, self._said(observed[j], mu[j])))
        merged = stored.copy()  # the file's own figures over the stored ones
        merged[row, t] = observed
        zeros = np.nonzero((observed == 0) & (t >= RUN))[0]
        if zeros.size:
            run = merged[row[zeros, None], t[zeros, None] + np.arange(-RUN, 0)]
            with np.errstate(invalid="ignore"):
                broke = np.isfinite(run).all(axis=1) & (run >= 1).all(axis=1) & (run.mean(axis=1) >= RUN_MEAN)
            for j in zeros[broke]:
                mean = float(merged[row[j], t[j] - RUN : t[j]].mean())
                out.append((int(at[j]), "zero_after_run", {"mean": number(mean, self.lang, 1)}))
        return out

    def _ratio_flags(
        self, at: IntArray, ind: IntArray, unit: IntArray, month: IntArray, num: FloatArray, den: FloatArray,
        factor: FloatArray,
    ) -> list[tuple[int, str, dict[str, Any]]]:  # fmt: skip
        out: list[tuple[int, str, dict[str, Any]]] = []
        with np.errstate(invalid="ignore"):
            over = (factor[at] == 100) & (num[at] > den[at])
        for i in at[over]:
            out.append(
                (
                    int(i),
                    "share_over_one",
                    {"numerator": number(num[i], self.lang), "denominator": number(den[i], self.lang)},
                )
            )
        has = at[np.isfinite(num[at])]
        if has.size:
            series, row = np.unique((ind[has] << 32) | unit[has], return_inverse=True)
            events = np.bincount(row, weights=num[has], minlength=series.size)
            months = np.bincount(row, minlength=series.size)
            yearly = events * 12 / months
            order = np.lexsort((month[has], row))  # by series, then month: each series' last figure ends it
            ends = np.r_[np.nonzero(np.diff(row[order]))[0], order.size - 1]
            last = has[order][ends]
            for s in np.nonzero(yearly < STABLE_EVENTS)[0]:
                out.append((int(last[s]), "unstable_rate", {"events": number(float(yearly[s]), self.lang, 1)}))
        return out

    def _said(self, observed: float, mu: float) -> dict[str, Any]:
        return {"observed": number(float(observed), self.lang), "expected": number(float(mu), self.lang, 1)}


def by_figure(flags: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, str]]]:
    """(unit, indicator, period) → its flags, for the preview's rows."""
    out: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for f in flags:
        out.setdefault((f["unit"], f["indicator"], f["period"]), []).append({"flag": f["flag"], "detail": f["detail"]})
    return out


def mark_preview(rows: list[dict[str, Any]], flags: list[dict[str, Any]]) -> None:
    """Each preview row with a flag carries ``flags``: [{flag, detail}]."""
    if not flags:
        return
    index = by_figure(flags)
    for r in rows:
        found = index.get((r["unit"], r["indicator"], r["period"]))
        if found:
            r["flags"] = found
