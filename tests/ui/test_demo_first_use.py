"""The desktop's demo database is created on first use whole, or not at all."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

import demo.loader
from scorecard.store import Store

pytestmark = pytest.mark.gui


def _args(path: Path) -> argparse.Namespace:
    return argparse.Namespace(demo=True, db=str(path))


def test_a_first_start_stopped_half_way_leaves_no_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.app import _open

    path = tmp_path / "demo.sqlite"
    real = demo.loader.load_demo

    def stopped_half_way(store: Store) -> dict[str, int]:
        real(store)  # every import done and committed, then the user closes the app
        raise KeyboardInterrupt

    monkeypatch.setattr(demo.loader, "load_demo", stopped_half_way)
    with pytest.raises(KeyboardInterrupt):
        _open(_args(path), "es")
    assert not path.exists()

    monkeypatch.setattr(demo.loader, "load_demo", real)
    store = _open(_args(path), "es")  # the next start builds it again, from the start
    store.close()
    assert not Path(str(path) + ".building").exists()
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    with sqlite3.connect(path) as con:  # the register's 2025 homicides, counted another way
        hom = con.execute(
            "select sum(r.value) from results r join indicators i on i.id = r.indicator_id "
            "join units u on u.id = r.unit_id where i.code = 'HOM-01' and u.level = 'subcircuito'"
        ).fetchone()[0]
    import openpyxl

    sheet = openpyxl.load_workbook(demo.register_path(), read_only=True)["1"]  # one victim per row under a header
    victims = sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(v is not None for v in row))
    assert victims > 7000 and hom == victims
