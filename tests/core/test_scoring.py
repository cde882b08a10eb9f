"""A scorecard computed by hand (see tests/builders.py for the figures), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from scorecard.domain import ScorecardView, Status
from scorecard.errors import UserError
from scorecard.store import Store
from tests.builders import file_month, load_small


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url, create=True)
    load_small(s)
    return s


def lines(view: ScorecardView) -> dict[str, tuple[float | None, float | None, float | None, Status]]:
    return {i.code: (i.value, i.target, i.performance, i.status) for o in view.objectives for i in o.indicators}


def test_institution_scorecard_by_hand(store: Store) -> None:
    v = store.scoring.scorecard("PN", "2025-01")
    got = lines(v)
    # HOM-01: 6 + 2 + 4 + 0 = 12 against 5 + 3 + 2 + 1 = 11 → 11 / 12
    assert got["HOM-01"][:3] == pytest.approx((12, 11, 11 / 12))
    assert got["HOM-01"][3] is Status.GREEN
    # TAS-01: 12 / 1,000,000 × 100,000 = 1.2; target (2·300k + 2·200k + 0.5·500k) / 1M = 1.25
    assert got["TAS-01"][:3] == pytest.approx((1.2, 1.25, 1.25 / 1.2))
    # RES-01: (12·30 + 8·10) / 40 = 11 min against 10; thresholds 0.95 / 0.85 → yellow
    assert got["RES-01"][:3] == pytest.approx((11, 10, 10 / 11))
    assert got["RES-01"][3] is Status.YELLOW
    # PAT-01: 1,200 / 2,000 hours = 60 %, inside the band 60–80
    assert got["PAT-01"][0] == pytest.approx(60) and got["PAT-01"][2] == 1.0
    # BRI-01 (stock): 10 + 5 against 12 + 5
    assert got["BRI-01"][:3] == pytest.approx((15, 17, 15 / 17))
    assert got["BRI-01"][3] is Status.YELLOW
    # ESC-01 is quarterly: not due in January
    assert got["ESC-01"][3] is Status.NOT_DUE
    # ROB-01 from its baseline 100 towards 35 + 30 + 23 = 88: (100 − 94) / (100 − 88)
    assert got["ROB-01"][:3] == pytest.approx((94, 88, 0.5))
    assert got["ROB-01"][3] is Status.RED

    scores = {o.code: o.score for o in v.objectives}
    assert scores["OE1.1"] == pytest.approx(10 / 11)
    assert scores["OE1"] == pytest.approx((2 * 11 / 12 + 1 * 1.0 + 1 * 10 / 11) / 4)
    assert scores["OE2"] == pytest.approx((1.0 + 15 / 17 + 0.5) / 3)
    assert v.score == pytest.approx((2 * scores["OE1"] + scores["OE2"]) / 3)
    assert v.status is Status.YELLOW
    assert (v.indicators_scored, v.indicators_total) == (6, 6)
    assert v.status_counts["not_due"] == 1
    # due: 4 + 3 + 4 + 3 + 3 + 3 = 20 (ESC-01 not due); filed 4 + 3 + 2 + 2 + 2 + 3 = 16
    assert (v.results_due, v.results_filed) == (20, 16)
    assert v.completeness == pytest.approx(0.8)
    assert v.timeliness == 0.0  # filed today, long after January's deadline


def test_league_table_ranks_the_units_below(store: Store) -> None:
    v = store.scoring.scorecard("PN", "2025-01")
    assert [c.code for c in v.children] == ["Z9", "Z8"]
    z9, z8 = v.children
    assert z9.score == pytest.approx(1.0)
    oe1 = (2 * 10 / 12 + 10 / 12 + 10 / 11) / 4
    assert z8.score == pytest.approx((2 * oe1 + (1.0 + 15 / 17) / 2) / 3)


def test_units_below_the_root_and_explicit_states(store: Store) -> None:
    z8 = lines(store.scoring.scorecard("PN", "2025-01", "z8"))
    assert z8["HOM-01"][:3] == pytest.approx((12, 10, 10 / 12))
    assert z8["TAS-01"][:2] == pytest.approx((2.4, 2.0))
    # no baseline below the institution for ROB-01: there is nothing to measure progress against
    assert z8["ROB-01"][3] is Status.NO_TARGET
    z9 = lines(store.scoring.scorecard("PN", "2025-01", "Z9"))
    assert z9["RES-01"][3] is Status.NO_DATA
    circuit = lines(store.scoring.scorecard("PN", "2025-01", "09D08C04"))
    assert circuit["TAS-01"][3] is Status.NOT_DUE  # reported by districts, nobody below a circuit
    assert circuit["HOM-01"][:2] == (6, 5)


def test_year_to_date_and_quarters(store: Store) -> None:
    file_month(store, 202502)
    ytd = lines(store.scoring.scorecard("PN", "2025-02", ytd=True))
    assert ytd["HOM-01"][:2] == (24, 22)
    assert ytd["TAS-01"][0] == pytest.approx(1.2)  # same rate both months
    assert ytd["BRI-01"][:2] == (15, 17)  # a stock: the last month
    assert ytd["ROB-01"][:3] == pytest.approx((188, 176, (200 - 188) / (200 - 176)))  # baseline per month × 2
    q1 = store.scoring.scorecard("PN", "2025-Q1")
    assert lines(q1)["HOM-01"][0] == 24
    assert lines(q1)["ESC-01"][3] is Status.NO_DATA  # due at the end of the quarter, not filed


def test_value_of_one_figure(store: Store) -> None:
    v = store.scoring.value("PN", "tas-01", "Z8", "2025-01")
    assert v["numerator"] == 12 and v["denominator"] == 500_000
    assert v["value"] == pytest.approx(2.4) and v["status"] == "yellow"
    band = store.scoring.value("PN", "PAT-01", "PN", "2025-01")
    assert band["target"] == [60, 80]


def test_unknown_codes_suggest_the_nearest(store: Store) -> None:
    with pytest.raises(UserError) as exc:
        store.scoring.value("PN", "HOM-1", "PN", "2025-01")
    assert "HOM-01" in exc.value.text("es")
    with pytest.raises(UserError) as exc:
        store.scoring.scorecard("PN", "2025-01", "09D8")
    assert "09D08" in exc.value.text("en")
    with pytest.raises(UserError) as exc:
        store.scoring.scorecard("PM", "2025-01")
    assert exc.value.message_id == "institution.unknown" and "PN" in exc.value.text("es")
