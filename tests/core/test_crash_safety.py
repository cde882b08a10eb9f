"""A process killed with SIGKILL in the middle of writing leaves an intact SQLite database where every
batch is either wholly present or wholly absent (20 kills at random moments)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scorecard.domain import Kind, ObjectiveKind, Polarity
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec
from scorecard.store import Store
from scorecard.units import UnitSpec

UNITS, INDICATORS = 150, 10
ROWS_PER_BATCH = UNITS * INDICATORS

# the child: files one month after another (one batch each) until it is killed
CHILD = """
import sys
from scorecard.figures import ResultRow
from scorecard.models import Result
from scorecard.periods import add_months
from scorecard.store import Store
from sqlalchemy import func, select

store = Store.open(sys.argv[1])
with store.reading() as s:
    month = s.scalar(select(func.max(Result.month))) or 200012
print("ready", flush=True)
while True:
    month = add_months(month, 1)
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, month)
        units = [u for u in store.units.list("PN", s) if u.level == "subcircuito"]
        rows = [ResultRow(d.indicator_id, u.id, month, float(u.id % 17 + k)) for k, d in enumerate(shape.definitions)
                for u in units]
        store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions},
                                    batch_kind="import", file=f"mes-{month}.xlsx", source="import")
"""


def prepare(path: Path) -> None:
    with Store.open(path, create=True) as store:
        tree = [
            UnitSpec("PN", "Policía", "nacional", None),
            *(UnitSpec(f"S{k:03d}", f"Subcircuito {k}", "subcircuito", "PN") for k in range(UNITS)),
        ]
        store.units.load("PN", tree, name="Policía", level_names=["nacional", "subcircuito"])
        plan = PlanSpec(
            (ObjectiveSpec("OE1", "Seguridad", ObjectiveKind.STRATEGIC, None, 1),),
            tuple(
                IndicatorSpec(f"I{k}", f"I{k}", "OE1", Polarity.LOWER_IS_BETTER, Kind.COUNT, levels=("subcircuito",))
                for k in range(INDICATORS)
            ),
        )
        store.plans.load("PN", plan, effective_from=190001)


def check(path: Path) -> tuple[int, int]:
    """(batches, results) after checking integrity and that each batch is whole."""
    import json

    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        batches = conn.execute("select id, summary from batches").fetchall()
        per_batch = dict(conn.execute("select batch_id, count(*) from results group by batch_id").fetchall())
        filed = {r[0] for r in conn.execute("select batch_id from audit_log where action = 'file'")}
        months = dict(conn.execute("select month, count(*) from results group by month").fetchall())
    for batch_id, summary in batches:
        assert per_batch.get(batch_id) == json.loads(summary)["new"] == ROWS_PER_BATCH, batch_id
        assert batch_id in filed, batch_id
    assert set(per_batch) == {b for b, _ in batches}  # no result without its batch
    assert all(n == ROWS_PER_BATCH for n in months.values())  # no half month
    return len(batches), sum(per_batch.values())


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_every_batch_whole_or_absent(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    prepare(path)
    rng = random.Random(20251123)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    batches_seen = []
    for _run in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        assert child.returncode == -signal.SIGKILL
        batches, results = check(path)
        assert results == batches * ROWS_PER_BATCH
        batches_seen.append(batches)
    # the kills fell at different moments: some runs got batches in, the database kept growing
    assert batches_seen[-1] > batches_seen[0] >= 0 and len(set(batches_seen)) > 5
    # and it is still a working database
    with Store.open(path) as store:
        assert store.scoring.scorecard("PN", "2001-01").unit_code == "PN"


@pytest.mark.slow
def test_sigkill_during_the_real_register_import_leaves_it_whole_or_absent(tmp_path: Path) -> None:
    """The real register imported with --add-missing-units: units created and 10,820 figures written in
    one transaction.  Killed at random moments, the database holds all of it or none of it."""
    from demo import register_path
    from scorecard.db import sqlite_backup
    from tests.importers.test_register import police_without_figures

    pristine = tmp_path / "pn_units.sqlite"
    police_without_figures(pristine, drop={"09D08C04S07", "09D08C04S01"}).close()
    with sqlite3.connect(pristine) as conn:
        base_units = conn.execute("select count(*) from units").fetchone()[0]
    rng = random.Random(5)
    outcomes = []
    for _run in range(12):
        path = tmp_path / "pn.sqlite"
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        sqlite_backup(pristine, path)
        child = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "import", str(register_path()), "--mapping",
             "mdi-homicidios", "--institution", "PN", "--add-missing-units", "--db", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.5, 2.5))
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        with sqlite3.connect(path) as conn:
            assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
            batches = conn.execute("select count(*) from batches").fetchone()[0]
            results = conn.execute("select count(*) from results").fetchone()[0]
            units = conn.execute("select count(*) from units").fetchone()[0]
            closure = conn.execute("select count(*) from unit_closure").fetchone()[0]
            audited = conn.execute("select count(*) from audit_log where action = 'file'").fetchone()[0]
        whole = (batches, results, units, audited) == (1, 10_820, base_units + 2, 1)
        absent = (batches, results, units, audited) == (0, 0, base_units, 0)
        assert whole or absent, (batches, results, units, audited)
        assert closure >= units
        outcomes.append(whole)
    assert len(outcomes) == 12
