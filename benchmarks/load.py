"""Benchmark: many commanders filing their month at once against the local PostgreSQL server.

Each client is a thread with its own Store (its own engine and connection), signed in as the commander
of one subcircuit, filing its figures month by month (one transaction per month).  Afterwards every
value must be in the database exactly once, with one batch and one audit entry per filing.  The
baseline is the same filings made one after another by a single client, in the same run.

Loopback only: the server is ``$SCORECARD_TEST_PG`` (default the test server); everything happens in
a fresh schema that is dropped afterwards.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select

from scorecard.domain import Kind, ObjectiveKind, Polarity
from scorecard.figures import ResultRow
from scorecard.models import AuditEntry, Batch, Indicator, Result
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec
from scorecard.store import Store
from scorecard.units import UnitSpec

PG_URL = os.environ.get("SCORECARD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "clave-de-carga-1"


@dataclass(frozen=True)
class LoadRun:
    clients: int
    filings: int
    values: int
    seconds: float
    errors: list[str]

    @property
    def filings_per_s(self) -> float:
        return self.filings / self.seconds

    @property
    def values_per_s(self) -> float:
        return self.values / self.seconds


def unit_code(c: int) -> str:
    return f"09D99C01S{c + 1:02d}"


def value_of(c: int, i: int, month: int) -> float:
    return float(c * 1000 + i * 13 + month % 100)


@contextmanager
def fresh_schema(base: str = PG_URL) -> Iterator[str]:
    """A URL whose search_path is a new schema, dropped on exit."""
    import psycopg

    schema = f"load_{uuid.uuid4().hex[:12]}"
    dsn = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'create schema "{schema}"')
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        from scorecard.server_security import drop_user_roles

        drop_user_roles(dsn, schema)  # the commanders' login roles (the cluster's) leave with the schema
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'drop schema "{schema}" cascade')


def prepare(url: str, clients: int, indicators: int) -> None:
    """A police-like tree with one subcircuit per client, count indicators filed by subcircuits, and a
    commander per subcircuit (as the local administrator of a database that has no users yet)."""
    with Store.open(url, create=True) as store:
        tree = [
            UnitSpec("PN", "Policía", "nacional", None),
            UnitSpec("09D99", "Distrito de carga", "distrito", "PN"),
            UnitSpec("09D99C01", "Circuito de carga", "circuito", "09D99"),
            *(UnitSpec(unit_code(c), f"Subcircuito {c + 1}", "subcircuito", "09D99C01") for c in range(clients)),
        ]
        store.units.load("PN", tree, name="Policía", level_names=["nacional", "distrito", "circuito", "subcircuito"])
        plan = PlanSpec(
            objectives=(ObjectiveSpec("OE1", "Seguridad", ObjectiveKind.STRATEGIC, None, 1),),
            indicators=tuple(
                IndicatorSpec(
                    f"IND-{i:02d}",
                    f"Indicador {i}",
                    "OE1",
                    Polarity.LOWER_IS_BETTER,
                    Kind.COUNT,
                    levels=("subcircuito",),
                )
                for i in range(indicators)
            ),
        )
        store.plans.load("PN", plan, effective_from=190001)
        for c in range(clients):
            store.users.add(f"jefe{c}", "commander", institution="PN", scope=unit_code(c), password=PASSWORD)


def _file(store: Store, c: int, months: list[int]) -> None:
    """Client ``c`` files its months one transaction at a time."""
    for month in months:
        with store.transaction() as s:
            inst = store.institution(s, "PN")
            shape, _ = store.plans.shape(s, inst, month)
            unit = store.units.find(s, inst.id, unit_code(c))
            rows = [
                ResultRow(d.indicator_id, unit.id, month, value_of(c, i, month))
                for i, d in enumerate(sorted(shape.definitions, key=lambda d: d.code))
            ]
            store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions})


def file_concurrently(url: str, clients: int, months: list[int], indicators: int) -> LoadRun:
    stores = []
    for c in range(clients):  # sign-ins first: scrypt is memory-hard on purpose, 16 MiB each
        store = Store.open(url)
        store.users.authenticate(f"jefe{c}", PASSWORD)
        stores.append(store)
    errors: list[str] = []
    start = threading.Barrier(clients + 1)

    def client(c: int) -> None:
        start.wait()
        try:
            _file(stores[c], c, months)
        except Exception as exc:  # reported, and the exactly-once check fails too
            errors.append(f"client {c}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    for store in stores:
        store.close()
    return LoadRun(clients, clients * len(months), clients * len(months) * indicators, seconds, errors)


def file_sequentially(url: str, clients: int, months: list[int], indicators: int) -> LoadRun:
    """The baseline: one client (the local administrator) files every subcircuit's months in turn."""
    with Store.open(url) as store:
        from scorecard.access import Actor
        from scorecard.domain import Role

        store.act_as(Actor("admin", Role.ADMIN, local=True))
        t0 = time.perf_counter()
        for c in range(clients):
            _file(store, c, months)
        seconds = time.perf_counter() - t0
    return LoadRun(1, clients * len(months), clients * len(months) * indicators, seconds, [])


def exactly_once(url: str, clients: int, months: list[int], indicators: int) -> list[str]:
    """Problems found: a value missing, doubled or wrong; a filing without its batch or audit entry."""
    problems = []
    with Store.open(url) as store, store.reading() as s:
        codes = dict(s.execute(select(Indicator.id, Indicator.code)).all())
        from scorecard.models import Unit

        units = dict(s.execute(select(Unit.id, Unit.code)).all())
        seen: dict[tuple[str, str, int], list[float | None]] = {}
        for r in s.execute(select(Result.indicator_id, Result.unit_id, Result.month, Result.value)):
            seen.setdefault((codes[r.indicator_id], units[r.unit_id], r.month), []).append(r.value)
        for c in range(clients):
            for m in months:
                for i in range(indicators):
                    got = seen.pop((f"IND-{i:02d}", unit_code(c), m), [])
                    if got != [value_of(c, i, m)]:
                        problems.append(f"{unit_code(c)} IND-{i:02d} {m}: {got}")
        problems += [f"unexpected {k}: {v}" for k, v in seen.items()]
        batches = s.scalar(select(func.count()).select_from(Batch))
        filed = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "file"))
        if batches != clients * len(months) or filed != clients * len(months):
            problems.append(f"{batches} batches and {filed} audit entries for {clients * len(months)} filings")
    return problems


def run(clients: int = 50, months: int = 12, indicators: int = 10) -> bool:
    month_list = [202501 + k for k in range(months)]
    print(f"load: {clients} clients, each filing {months} months × {indicators} indicators, PostgreSQL loopback")
    with fresh_schema() as url:
        prepare(url, clients, indicators)
        par = file_concurrently(url, clients, month_list, indicators)
        problems = exactly_once(url, clients, month_list, indicators)
    with fresh_schema() as url:
        prepare(url, clients, indicators)
        seq = file_sequentially(url, clients, month_list, indicators)
    for e in par.errors[:5]:
        print("  error:", e)
    for p in problems[:5]:
        print("  problem:", p)
    print(
        f"  {clients} concurrent clients: {par.filings} filings, {par.values:,} values in {par.seconds:.2f} s "
        f"→ {par.filings_per_s:.0f} filings/s, {par.values_per_s:,.0f} values/s"
    )
    print(
        f"  one client in turn:     {seq.filings} filings in {seq.seconds:.2f} s → {seq.filings_per_s:.0f} filings/s "
        f"(concurrent/sequential throughput {par.filings_per_s / seq.filings_per_s:.2f}×)"
    )
    ok = not par.errors and not problems
    print(f"  every value exactly once, one batch and one audit entry per filing: {'yes' if ok else 'NO'}")
    return ok
