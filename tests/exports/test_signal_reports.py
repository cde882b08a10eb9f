"""Signal or chance (statistics.md §1) in the reports: the workbook's three new columns come after every
column that was there (read back with python-calamine), the PDF's status cell carries the signal's word.

The core that computes the signal is another change; here the lines get their signal set by hand, as the
core will set them (``IndicatorLine.signal``, ``p_worse``, ``p_better``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from scipy.stats import poisson

from exports.report_builder import institution_report
from exports.report_model import InstitutionReport
from scorecard.domain import IndicatorLine
from scorecard.store import Store
from tests.exports.conftest import pdftotext

# statistics.md's worked example: target 1.75, result 3, lower is better
P_WORSE = float(poisson.sf(2, 1.75))  # P(X ≥ 3 | 1.75) ≈ 0.256
P_BETTER = float(poisson.cdf(3, 1.75))  # P(X ≤ 3 | 1.75)


def signalled(line: IndicatorLine) -> IndicatorLine:
    """ROB-01 within chance, every other line with a value worse than chance (what the core would say)."""
    if line.code == "ROB-01":
        return replace(line, signal="chance", p_worse=P_WORSE, p_better=P_BETTER)
    if line.value is not None:
        return replace(line, signal="worse", p_worse=0.01, p_better=0.995)
    return line


def with_signals(report: InstitutionReport) -> InstitutionReport:
    section = report.section
    assert section is not None
    view = section.view
    objectives = tuple(replace(o, indicators=tuple(signalled(i) for i in o.indicators)) for o in view.objectives)
    return replace(report, section=replace(section, view=replace(view, objectives=objectives)))


@pytest.mark.parametrize(
    ("lang", "heads", "chance"),
    [("es", ["Señal", "P peor", "P mejor"], "azar"), ("en", ["Signal", "P worse", "P better"], "chance")],
)
def test_the_workbook_adds_the_signal_at_the_end(
    small_store: Store, tmp_path: Path, lang: str, heads: list[str], chance: str
) -> None:
    report = with_signals(institution_report(small_store, "PN", "2025-01", "09D08", lang=lang))
    path = tmp_path / "r.xlsx"
    with path.open("wb") as out:
        report.render_xlsx(out)
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("indicadores" if lang == "es" else "indicators").to_python()
    head = [str(h) for h in rows[0]]
    sources = (
        ["Fuente", "Cifra certificada", "Certificada el"] if lang == "es" else ["Source", "Certified", "Certified on"]
    )
    assert head[16:19] == sources  # the columns that were last stay where they were
    assert head[19:] == heads  # the signal's three come after them
    rob = next(r for r in rows[1:] if r[3] == "ROB-01")
    assert rob[19] == chance
    assert rob[20] == pytest.approx(P_WORSE) and rob[21] == pytest.approx(P_BETTER)  # numbers, not text


def test_the_pdf_says_the_signal_beside_the_status(small_store: Store, tmp_path: Path) -> None:
    for lang, word in (("es", "azar"), ("en", "chance")):
        report = with_signals(institution_report(small_store, "PN", "2025-01", "09D08", lang=lang))
        path = tmp_path / f"r-{lang}.pdf"
        with path.open("wb") as out:
            report.render_pdf(out)
        text = pdftotext(path)
        row = next(line for line in text.splitlines() if line.strip().startswith("ROB-01 "))
        assert word in row, row
        assert ("peor" if lang == "es" else "worse") in text
        assert ("Semáforo · señal" if lang == "es" else "Status · signal") in text  # the column says so
