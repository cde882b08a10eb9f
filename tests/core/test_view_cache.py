"""The cache of large units' scorecards: identical to the live computation, and never stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import func, select

from demo import load_demo
from scorecard import view_cache
from scorecard.figures import ResultRow, TargetRow
from scorecard.models import ScorecardCache, Unit
from scorecard.scoring import shape_view
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import PLAN, TREE, ids, load_small


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("cache") / "demo.sqlite", create=True)
    load_demo(store)
    return store


def large_units(store: Store) -> list[str]:
    with store.reading() as s:
        units = s.execute(select(Unit.id, Unit.code)).all()
        return [code for uid, code in units if view_cache.subtree_size(s, uid) >= view_cache.LARGE_SUBTREE]


@pytest.mark.parametrize(("period", "ytd"), [("2025-10", False), ("2025-07", True), ("2025-Q2", False)])
def test_cached_views_equal_the_live_computation(demo: Store, period: str, ytd: bool) -> None:
    large = large_units(demo)
    assert {"PN", "Z8", "SZ09DMG"} <= set(large) and len(large) == 16  # root, zones and big subzones
    for code in large:
        cached = demo.scoring.scorecard("PN", period, code, ytd=ytd)  # first call fills the cache
        with demo.reading() as s:
            live = shape_view(demo.scoring.compute(s, "PN", period, code, ytd=ytd))
        assert same_view(cached, live), code
        assert demo.scoring.scorecard("PN", period, code, ytd=ytd) == cached  # now from the cache


def same_view(a: object, b: object) -> bool:
    """Equal, numbers to 1e-12 relative: a subtree and the whole tree add in different orders."""
    if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b):
        return type(a) is type(b) and all(
            same_view(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)
        )
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(same_view(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_view(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float):
        return a == pytest.approx(b, rel=1e-12, abs=1e-12)
    return a == b


def count_cached(store: Store) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(ScorecardCache)) or 0)


@pytest.fixture
def small(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(view_cache, "LARGE_SUBTREE", 3)  # so the small tree has large units
    store = Store.open(db_url, create=True)
    load_small(store)
    return store


def hom01(store: Store, unit: str | None = None) -> float | None:
    return store.scoring.value("PN", "HOM-01", unit or "PN", "2025-01")["value"]


def test_every_write_path_invalidates(small: Store) -> None:
    store = small
    u, i = ids(store)
    assert hom01(store) == 12 and count_cached(store) > 0

    with store.transaction() as s:  # a revised result
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, 202501)
        store.figures.write_results(
            s,
            inst.id,
            [ResultRow(i["HOM-01"], u["09D08C04"], 202501, 9)],
            {d.indicator_id: d for d in shape.definitions},
        )
    assert count_cached(store) == 0 and hom01(store) == 15

    with store.transaction() as s:  # a revised target
        inst = store.institution(s, "PN")
        store.figures.write_targets(s, inst.id, [TargetRow(i["HOM-01"], u["09D08C04"], 202501, 8)])
    assert count_cached(store) == 0
    assert store.scoring.value("PN", "HOM-01", "PN", "2025-01")["target"] == 14

    # a moved unit: 09D01 (4 homicides) goes from Z8 to Z9
    moved = [x if x.code != "09D01" else UnitSpec("09D01", "Sur", "distrito", "Z9") for x in TREE]
    assert hom01(store, "Z9") == 0
    store.units.load("PN", moved)
    assert hom01(store, "Z9") == 4

    # a redefinition: stricter thresholds from January (15 homicides against 14: p = 0.93)
    assert store.scoring.value("PN", "HOM-01", "PN", "2025-01")["status"] == "green"
    strict = tuple(
        dataclasses.replace(x, green=0.99, yellow=0.95) if x.code == "HOM-01" else x for x in PLAN.indicators
    )
    store.plans.load("PN", dataclasses.replace(PLAN, indicators=strict), effective_from=202501)
    assert store.scoring.value("PN", "HOM-01", "PN", "2025-01")["status"] == "red"


def test_rewriting_the_same_figures_keeps_the_cache(small: Store) -> None:
    hom01(small)
    before = count_cached(small)
    load_small_again = TREE  # the same tree: nothing changes, nothing is invalidated
    small.units.load("PN", load_small_again)
    small.plans.load("PN", PLAN)
    assert count_cached(small) == before > 0


def test_cache_survives_a_new_connection(small: Store, tmp_path: Path) -> None:
    hom01(small)
    again = Store.open(small.engine.url.render_as_string(hide_password=False))
    assert again.scoring.value("PN", "HOM-01", "PN", "2025-01")["value"] == 12


def test_an_entry_of_another_format_is_recomputed(small: Store) -> None:
    from sqlalchemy import update

    first = small.scoring.scorecard("PN", "2025-01")
    with small.transaction() as s:
        s.execute(update(ScorecardCache).values(payload={"format": 0, "view": {"unexpected": True}}))
    assert small.scoring.scorecard("PN", "2025-01") == first
    with small.reading() as s:  # and the entry was replaced, not left to be recomputed every time
        formats = {p["format"] for p in s.scalars(select(ScorecardCache.payload))}
    assert formats == {view_cache.FORMAT}


def test_a_small_units_view_kept_on_request_is_the_live_one_and_never_stale(db_url: str) -> None:
    """``keep=True`` (the command line) keeps a small unit's view too; a write drops it like a large one's."""
    from scorecard.stored_views import stored_view

    store = Store.open(db_url, create=True)
    load_small(store)  # LARGE_SUBTREE stays 100: every unit of the small tree is small
    u, i = ids(store)
    assert stored_view(store, "PN", "2025-01", "09D08") is None
    with store.reading() as s:
        live = shape_view(store.scoring.compute(s, "PN", "2025-01", "09D08"))
    assert store.scoring.scorecard("PN", "2025-01", "09D08") == live and count_cached(store) == 0  # not asked
    assert store.scoring.scorecard("PN", "2025-01", "09D08", keep=True) == live
    assert stored_view(store, "PN", "2025-01", "09D08") == live and count_cached(store) == 1
    before = store.scoring.value("PN", "HOM-01", "09D08", "2025-01", keep=True)["value"]

    with store.transaction() as s:  # a revised result below 09D08: its kept view must go
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, 202501)
        store.figures.write_results(
            s,
            inst.id,
            [ResultRow(i["HOM-01"], u["09D08C04"], 202501, 100)],
            {d.indicator_id: d for d in shape.definitions},
        )
    assert stored_view(store, "PN", "2025-01", "09D08") is None and count_cached(store) == 0
    after = store.scoring.value("PN", "HOM-01", "09D08", "2025-01", keep=True)["value"]
    with store.reading() as s:
        live = shape_view(store.scoring.compute(s, "PN", "2025-01", "09D08"))
    line = next(x for o in live.objectives for x in o.indicators if x.code == "HOM-01")
    assert after == line.value and after != before
