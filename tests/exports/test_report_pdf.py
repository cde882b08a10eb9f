"""The PDF report read back with poppler: figures, statuses with their letters, reds with their
justification, units ranked, header, «página n de N», fingerprint, fonts, paper, outline."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

from exports.report_builder import consolidated_report, institution_report
from scorecard.figures import ResultRow
from scorecard.formatting import number, percent
from scorecard.models import Submission
from scorecard.store import Store
from tests.builders import ids
from tests.exports.conftest import ACTION, CAUSE, pdfinfo, pdftotext, poppler

ISSUED = dt.datetime(2025, 2, 14, 9, 30)


def render(report: object, path: Path) -> object:
    with path.open("wb") as f:
        return report.render_pdf(f)  # type: ignore[attr-defined]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_report_shows_every_figure_of_the_scorecard(small_store: Store, tmp_path: Path) -> None:
    report = institution_report(small_store, "PN", "2025-01", issued_at=ISSUED)
    rendered = render(report, tmp_path / "r.pdf")
    text = pdftotext(tmp_path / "r.pdf")
    view = small_store.scoring.scorecard("PN", "2025-01")
    lines = text.splitlines()
    for o in view.objectives:
        for i in o.indicators:
            row = next(line for line in lines if line.strip().startswith(i.code + " "))
            assert number(i.value, "es") in row, (i.code, row)
            if i.band:
                assert f"{number(i.band[0])} – {number(i.band[1])}" in row
            else:
                assert number(i.target, "es") in row
            assert percent(i.performance, "es") in row
    # the statuses carry their letter and word beside the colour
    assert "R · rojo" in text and "V · verde" in text and "NC · no corresponde" in text
    # the header
    assert "Policía Nacional" in text and "14/02/2025 09:30" in text and "enero 2025" in text
    assert "Borrador (no aprobados)" in text
    assert percent(view.score) in text
    assert re.search(rf"{view.indicators_scored}\s*/\s*{view.indicators_total}", text)
    # units below, ranked best first
    z9, z8 = text.index("Z9 "), text.index("Z8 ")
    assert z9 < z8
    # pages numbered n of N, with the data fingerprint in every footer
    pages = int(pdfinfo(tmp_path / "r.pdf")["Pages"])
    assert pages == rendered.pages  # type: ignore[attr-defined]
    for n in range(1, pages + 1):
        assert re.search(rf"Página {n} de\s+{pages}\b", text)
    assert text.count(report.fingerprint) == pages


def test_reds_carry_their_justification_and_action(small_store: Store, tmp_path: Path) -> None:
    report = institution_report(small_store, "PN", "2025-01", issued_at=ISSUED)
    assert [r.indicator.code for r in report.section.reds] == ["ROB-01"]  # type: ignore[union-attr]
    render(report, tmp_path / "r.pdf")
    flat = squeeze(pdftotext(tmp_path / "r.pdf", layout=False))
    assert squeeze(CAUSE) in flat and squeeze(ACTION) in flat
    assert "09D08" in flat and "Indicadores en rojo" in flat


def test_approved_data_is_said_so(small_store: Store, tmp_path: Path) -> None:
    units, _ = ids(small_store)
    with small_store.transaction() as s:
        for unit_id in units.values():
            s.add(Submission(unit_id=unit_id, month=202501, state="approved"))
    render(institution_report(small_store, "PN", "2025-01", issued_at=ISSUED), tmp_path / "r.pdf")
    text = pdftotext(tmp_path / "r.pdf")
    assert "Aprobados" in text and "Borrador" not in text


def test_english_letter_paper_and_embedded_fonts(small_store: Store, tmp_path: Path) -> None:
    report = institution_report(small_store, "PN", "2025-01", "Z8", lang="en", paper="letter", issued_at=ISSUED)
    render(report, tmp_path / "r.pdf")
    text = pdftotext(tmp_path / "r.pdf")
    assert "Page 1 of" in text and "Results report" in text and "2025-02-14" in text
    assert "Y · yellow" in text
    assert pdfinfo(tmp_path / "r.pdf")["Page size"].startswith("612 x 792")
    fonts = subprocess.run([poppler("pdffonts"), str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True)
    # reportlab declares its base font in every page's resources even when nothing uses it
    rows = [line for line in fonts.stdout.splitlines()[2:] if line.strip() and not line.startswith("Helvetica ")]
    assert rows and all("DejaVu" in line or "GPR" in line for line in rows), fonts.stdout
    assert all(" yes " in line for line in rows)  # embedded: nothing depends on the reader's fonts


def test_every_accented_letter_survives(small_store: Store, tmp_path: Path) -> None:
    accented = "áéíóúüñÁÉÍÓÚÜÑ¿¡"
    units, _ = ids(small_store)
    from scorecard.units import UnitSpec

    small_store.units.load("PN", [UnitSpec("Z8", f"Zona 8 {accented}", "zona", "PN")])
    render(institution_report(small_store, "PN", "2025-01", issued_at=ISSUED), tmp_path / "r.pdf")
    assert accented in pdftotext(tmp_path / "r.pdf")
    assert units


def test_the_fingerprint_follows_the_figures_not_the_issue(small_store: Store) -> None:
    first = institution_report(small_store, "PN", "2025-01", issued_at=ISSUED).fingerprint
    again = institution_report(small_store, "PN", "2025-01", lang="en", paper="letter").fingerprint
    assert first == again and re.fullmatch(r"[0-9a-f]{64}", first)
    units, inds = ids(small_store)
    with small_store.transaction() as s:
        inst = small_store.institution(s, "PN")
        shape, _ = small_store.plans.shape(s, inst, 202501)
        defs = {d.indicator_id: d for d in shape.definitions}
        small_store.figures.write_results(s, inst.id, [ResultRow(inds["HOM-01"], units["09D08C04"], 202501, 7)], defs)
    assert institution_report(small_store, "PN", "2025-01").fingerprint != first


def test_consolidated_report_has_a_summary_and_an_outline(small_store: Store, tmp_path: Path) -> None:
    report = consolidated_report(small_store, "2025-01", levels=["zona", "distrito"], issued_at=ISSUED)
    codes = [s.view.unit_code for s in report.sections]
    assert codes == ["PN", "Z8", "09D01", "09D08", "Z9", "17D06"]  # each unit under its parent
    assert [r.code for r in report.summary] == ["Z8", "Z9"]
    rendered = render(report, tmp_path / "c.pdf")
    text = pdftotext(tmp_path / "c.pdf")
    first_page = text.split("\f")[0]
    assert "Resumen ejecutivo" in first_page and "Z8" in first_page and "Z9" in first_page
    from pyhanko.pdf_utils.reader import PdfFileReader

    with (tmp_path / "c.pdf").open("rb") as f:
        root = PdfFileReader(f).root
        titles, levels = [], []

        def walk(ref: Any, depth: int) -> None:
            while ref is not None:
                item = ref.get_object()
                titles.append(str(item["/Title"]))
                levels.append(depth)
                if "/First" in item:
                    walk(item.raw_get("/First"), depth + 1)
                ref = item.raw_get("/Next") if "/Next" in item else None

        walk(root["/Outlines"].raw_get("/First"), 0)
    assert titles == rendered.outline  # type: ignore[attr-defined]
    assert titles[0] == "Resumen ejecutivo" and titles[1].startswith("PN")
    assert levels == [0, 0, 1, 2, 2, 1, 2]
