"""Fixtures of the report tests: a small hand-computable institution with a red indicator and its
justification, the project's own test certificate authority, and poppler's readers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from exports import test_authority as test_pki
from scorecard.models import Result
from scorecard.store import Store
from tests.builders import ids, load_small

CAUSE = "Disputa territorial entre bandas en el sector Flor de Bastión; 3 operativos suspendidos"
ACTION = "Patrullaje conjunto con las FF.AA. y control de armas nocturno desde el 15/02/2025"


def justify(store: Store, indicator: str, unit: str, month: int, cause: str, action: str) -> None:
    """Cause and corrective action of a filed result, as a commander writes them beside a red."""
    units, indicators = ids(store)
    with store.transaction() as s:
        s.execute(
            update(Result)
            .where(Result.indicator_id == indicators[indicator], Result.unit_id == units[unit], Result.month == month)
            .values(cause=cause, action=action)
        )


@pytest.fixture
def small_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "small.sqlite", create=True)
    load_small(store)
    justify(store, "ROB-01", "09D08", 202501, CAUSE, ACTION)
    yield store
    store.close()


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> test_pki.ThrowawayPKI:
    return test_pki.build(tmp_path_factory.mktemp("pki"))


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"poppler's {tool} is not installed (apt-get install poppler-utils)")
    return path


def pdftotext(pdf: Path, *, layout: bool = True) -> str:
    args = [poppler("pdftotext"), *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60)
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.stdout.splitlines())}
