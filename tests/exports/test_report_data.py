"""What a report holds, before any rendering: trends month by month equal to each month's scorecard,
key indicators, reds with justifications (own first), data state, the consolidated report's shape."""

from __future__ import annotations

import math

import pytest

from exports.report_builder import consolidated_report, institution_report
from scorecard.domain import Status
from scorecard.errors import UserError
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import file_month
from tests.exports.conftest import justify


def test_each_trend_point_is_that_months_scorecard(small_store: Store) -> None:
    file_month(small_store, 202502)
    report = institution_report(small_store, "PN", "2025-02", "Z8")
    section = report.section
    assert section is not None
    # per strategic objective, the indicator of greatest weight (the first on a tie)
    assert [t.code for t in section.trends] == ["HOM-01", "PAT-01"]
    for trend in section.trends:
        assert trend.months == (
            202403,
            202404,
            202405,
            202406,
            202407,
            202408,
            202409,
            202410,
            202411,
            202412,
            202501,
            202502,
        )
        assert trend.values[:10] == (None,) * 10 and set(trend.statuses[:10]) == {Status.NO_DATA}
        for k, period in ((10, "2025-01"), (11, "2025-02")):
            view = small_store.scoring.scorecard("PN", period, "Z8")
            line = next(i for o in view.objectives for i in o.indicators if i.code == trend.code)
            assert trend.values[k] == line.value and trend.statuses[k] is line.status
            assert (
                trend.targets[k] == line.target
                or (line.target is None and trend.targets[k] is None)
                or (line.band is not None)
            )


def test_the_report_view_is_the_scorecard(small_store: Store) -> None:
    for unit, ytd in ((None, False), ("Z8", False), ("09D08", True)):
        section = institution_report(small_store, "PN", "2025-01", unit, ytd=ytd).section
        assert section is not None
        assert section.view == small_store.scoring.scorecard("PN", "2025-01", unit, ytd=ytd)


def test_reds_show_the_units_own_justification_first(small_store: Store) -> None:
    justify(small_store, "ROB-01", "09D01", 202501, "Causa del distrito Sur", "Acción del distrito Sur")
    justify(small_store, "ROB-01", "17D06", 202501, "Causa de Eloy Alfaro", "Acción de Eloy Alfaro")
    root = institution_report(small_store, "PN", "2025-01").section
    assert root is not None
    assert [j.unit_code for j in root.reds[0].justifications] == ["09D01", "09D08", "17D06"]
    district = institution_report(small_store, "PN", "2025-01", "09D08").section
    assert district is not None
    # ROB-01 is measured from the baseline, which only the institution has: no red below the root
    assert district.reds == () and "ROB-01" in [r.indicator.code for r in root.reds]
    assert all(r.indicator.status is Status.RED for r in root.reds)
    assert [r.indicator.code for r in root.reds] == [
        i.code for o in root.view.objectives for i in o.indicators if i.status is Status.RED
    ]


def test_consolidated_of_every_institution_and_unknown_levels(small_store: Store) -> None:
    report = consolidated_report(small_store, "2025-01")
    # one institution: its zones side by side, then the institution and each zone
    assert report.compared == "zona" and [r.code for r in report.summary] == ["Z8", "Z9"]
    assert [s.view.unit_code for s in report.sections] == ["PN", "Z8", "Z9"]
    small_store.units.load(
        "ECU911", [UnitSpec("ECU911", "ECU 911", "nacional", None)], name="ECU 911", level_names=["nacional"]
    )
    # an institution without a plan has nothing to be scored against: left out, and said so
    both = consolidated_report(small_store, "2025-01")
    assert both.without_plan == ("ECU911",) and [r.code for r in both.summary] == ["Z8", "Z9"]
    with pytest.raises(UserError) as named:
        consolidated_report(small_store, "2025-01", ["ECU911", "PN"])
    assert named.value.message_id == "plan.none"
    with pytest.raises(UserError) as caught:
        consolidated_report(small_store, "2025-01", ["PN"], levels=["comarca"])
    assert caught.value.message_id == "report.level_unknown" and "distrito" in caught.value.text("es")
    scores = [s.view.score for s in report.sections]
    assert all(s is None or (0 <= s <= 1 and not math.isnan(s)) for s in scores)


def test_consolidated_below_a_unit(small_store: Store) -> None:
    report = consolidated_report(small_store, "2025-01", ["PN"], unit="Z8", levels=["distrito", "circuito"])
    assert [s.view.unit_code for s in report.sections] == ["Z8", "09D01", "09D01C01", "09D08", "09D08C04", "09D08C06"]
    assert [s.depth for s in report.sections] == [0, 1, 2, 1, 2, 2]
    assert report.compared == "distrito" and [r.code for r in report.summary] == ["09D01", "09D08"]
    assert report.sections[0].view == small_store.scoring.scorecard("PN", "2025-01", "Z8")
    small_store.units.load(
        "ECU911", [UnitSpec("ECU911", "ECU 911", "nacional", None)], name="ECU 911", level_names=["nacional"]
    )
    with pytest.raises(UserError) as caught:
        consolidated_report(small_store, "2025-01", unit="Z8")
    assert caught.value.message_id == "report.unit_needs_one_institution"
