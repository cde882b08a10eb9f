"""Monthly data entry (the sheet, the status a figure would get, saving with justifications) and the
year of a unit month by month, on the small hand-computable institution."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from scorecard.domain import Status
from scorecard.entry import load_sheet, open_month, save_sheet, sheet_problems
from scorecard.errors import ValidationFailed
from scorecard.history import year_history
from scorecard.store import Store
from tests.builders import file_month, load_small


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url, create=True)
    load_small(s)  # January 2025 filed
    file_month(s, 202502)
    return s


def test_the_sheet_of_a_district_lists_its_reporting_units_and_due_indicators(store: Store) -> None:
    assert open_month(store, "PN") == 202503
    sheet = load_sheet(store, "PN", "09D08", 202503)
    pairs = [(line.unit_code, line.indicator_code) for line in sheet.lines]
    # the district reports TAS-01, PAT-01, BRI-01, ROB-01; its circuits HOM-01 and RES-01; ESC-01 is
    # quarterly and due at zone level: not here
    assert pairs == [
        ("09D08", "TAS-01"),
        ("09D08", "PAT-01"),
        ("09D08", "BRI-01"),
        ("09D08", "ROB-01"),
        ("09D08C04", "HOM-01"),
        ("09D08C04", "RES-01"),
        ("09D08C06", "HOM-01"),
        ("09D08C06", "RES-01"),
    ]
    assert all(line.value is None and line.target is None for line in sheet.lines)  # March: nothing yet
    february = load_sheet(store, "PN", "09D08C04", 202502)
    hom = next(line for line in february.lines if line.indicator_code == "HOM-01")
    assert (hom.value, hom.target) == (6, 5)
    assert hom.status() is Status.YELLOW  # 5 / 6 = 0.833 between 0.75 and 0.90, as the scorecard says
    assert store.scoring.value("PN", "HOM-01", "09D08C04", "2025-02")["status"] == "yellow"


def test_a_red_needs_cause_and_action_before_anything_is_written(store: Store) -> None:
    sheet = load_sheet(store, "PN", "09D08C04", 202502)
    lines = [replace(line, value=20) if line.indicator_code == "HOM-01" else line for line in sheet.lines]
    red = next(line for line in lines if line.indicator_code == "HOM-01")
    assert red.status() is Status.RED and red.needs_justification()
    res = next(line for line in lines if line.indicator_code == "RES-01")
    assert res.status() is Status.RED  # 12 min against 10: 0.83 < 0.85, RES-01's own yellow threshold
    problems = sheet_problems(lines)
    assert [(p.column, p.row) for p in problems] == [("causa", 1), ("accion", 1), ("causa", 2), ("accion", 2)]
    assert "HOM-01" in problems[0].text("es") and "rojo" in problems[0].text("es")
    assert "red" in problems[0].text("en")
    with pytest.raises(ValidationFailed):
        save_sheet(store, sheet, lines)
    assert store.scoring.value("PN", "HOM-01", "09D08C04", "2025-02")["value"] == 6  # nothing written

    justified = [replace(line, cause=" Riña ", action="Patrullaje") for line in lines]
    report = save_sheet(store, sheet, justified)
    assert report.changed == 1  # the figure of HOM-01; RES-01's is the same
    again = load_sheet(store, "PN", "09D08C04", 202502)
    hom = next(line for line in again.lines if line.indicator_code == "HOM-01")
    assert (hom.value, hom.cause, hom.action) == (20, "Riña", "Patrullaje")
    entries = [e for e in store.audit.entries(entity="result") if e.action == "justify"]
    assert len(entries) == 2 and entries[0].new == {"cause": "Riña", "action": "Patrullaje"}
    assert save_sheet(store, again, list(again.lines)).changed == 0  # saving the same again changes nothing
    assert len([e for e in store.audit.entries(entity="result") if e.action == "justify"]) == 2


def test_a_ratio_is_filed_as_its_parts(store: Store) -> None:
    sheet = load_sheet(store, "PN", "09D08", 202503)
    lines = [
        replace(line, numerator=3, denominator=300_000) if line.indicator_code == "TAS-01" else line
        for line in sheet.lines
    ]
    tas = next(line for line in lines if line.indicator_code == "TAS-01")
    assert tas.figure() == pytest.approx(1.0)  # 3 / 300,000 × 100,000
    save_sheet(store, sheet, lines)
    stored = store.scoring.value("PN", "TAS-01", "09D08", "2025-03")
    assert stored["value"] == pytest.approx(1.0) and stored["numerator"] == 3


def test_the_year_month_by_month_is_the_scorecards(store: Store) -> None:
    h = year_history(store, "PN", "2025-02", "Z8")
    assert h.unit_codes == ("Z8", "09D01", "09D08")
    assert h.months[0] == 202501 and len(h.months) == 12
    for code in ("HOM-01", "TAS-01", "RES-01", "BRI-01"):
        k = h.index(code)
        for m, month in enumerate((202501, 202502)):
            for j, unit in enumerate(h.unit_codes):
                core = store.scoring.value("PN", code, unit, f"2025-{month % 100:02d}")
                got = h.value[k, j, m]
                assert (core["value"] is None and math.isnan(got)) or got == pytest.approx(core["value"])
                assert Status(int(h.status[k, j, m])).key == core["status"]
    assert np.isnan(h.value[:, :, 2:]).all()  # nothing filed after February
    assert (h.status[:, :, 2:] == int(Status.NOT_DUE)).all()
