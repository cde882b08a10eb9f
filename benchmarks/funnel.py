"""Benchmark 7 (issue 16): the funnel of every subcircuit of the national year, year to date, ≤ 200 ms —
as ``scorecard signal`` computes it (a fresh Store, the subtree rolled up, the limits) — beside the floor
measured in the same run: sqlite3 summing the same counts and reading the populations, then the same
limits with scipy on numpy arrays."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.cold_query import load
from scorecard.domain import Kind
from scorecard.store import Store

TARGET_MS = 200.0
PERIOD, LAST = "2025-10", 202510


def populations(path: Path) -> int:
    """Every unit gets a population for 2025 (the synthetic year has none): a count's exposure."""
    with sqlite3.connect(path) as conn:
        conn.execute("delete from unit_populations")
        conn.execute(
            "insert into unit_populations (unit_id, year, population) "
            "select id, 2025, 8000 + (id * 37) % 40000 from units"
        )
        return int(conn.execute("select count(*) from unit_populations").fetchone()[0])


def floor_ms(path: Path, indicator_id: int) -> float:
    """sqlite3 + numpy + scipy: the counts of the subcircuits and their populations, then the funnel."""
    from scipy.stats import chi2, poisson

    t = time.perf_counter()
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "select r.unit_id, sum(r.value), p.population from results r join units u on u.id = r.unit_id "
            "join unit_populations p on p.unit_id = u.id and p.year = 2025 "
            "where r.indicator_id = ? and r.month between 202501 and ? and u.level = 'subcircuito' "
            "group by r.unit_id",
            (indicator_id, LAST),
        ).fetchall()
    arr = np.array([(o, n) for _u, o, n in rows], dtype=float)
    obs, exposure = arr[:, 0], arr[:, 1] * 10 / 12
    theta = obs.sum() / exposure.sum()
    z = (obs - theta * exposure) / np.sqrt(theta * exposure)
    lo, hi = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    _over = len(z) * phi > chi2.ppf(0.95, len(z) - 1)
    for q in (0.001, 0.025, 0.975, 0.999):
        poisson.ppf(q, theta * exposure)
    return (time.perf_counter() - t) * 1000


def run(keep: str | None = None) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="gpr-bench-funnel-"))
    path = Path(keep) if keep else folder / "national.sqlite"
    if not path.exists():
        load(path)
    print(f"\nfunnel of every subcircuit, {PERIOD} year to date: {populations(path):,} units with a population")
    with Store.open(path) as store, store.reading() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, LAST)
        d = next(x for x in shape.definitions if x.kind is Kind.COUNT)
    cold, warm, floors = [], [], []
    for _ in range(5):
        t = time.perf_counter()
        store = Store.open(path)
        out = store.funnel.funnel("PN", d.code, PERIOD, level="subcircuito", ytd=True)
        cold.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        store.funnel.funnel("PN", d.code, PERIOD, level="subcircuito", ytd=True)
        warm.append((time.perf_counter() - t) * 1000)
        store.close()
        floors.append(floor_ms(path, d.indicator_id))
    ms, again, floor = statistics.median(cold), statistics.median(warm), statistics.median(floors)
    outside = sum(u["flag"] != "within" for u in out["units"])
    print(
        f"  {len(out['units']):,} units ({outside} outside the 95 % limits, φ = {out['phi']:.2f}): "
        f"fresh Store {ms:.0f} ms, again {again:.0f} ms; floor (sqlite3 + numpy + scipy) {floor:.0f} ms; "
        f"ratio {ms / floor:.1f}×"
    )
    met = ms <= TARGET_MS
    print(f"  target ≤ {TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}")
    return met
