"""Making a report for the «Reportes» dialog, on the database worker: build, publish (signed when an
identity is given) into a private folder beside the destination, and render the first pages for the
preview.  The dialog moves the files into place (an atomic rename) only if the user did not cancel."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.store import Store

if TYPE_CHECKING:
    from exports.publish import Published

PREVIEW_PAGES = 2
PREVIEW_DPI = 56  # an A4 page fits the dialog's preview column


@dataclass(frozen=True)
class ReportOptions:
    institutions: tuple[str, ...]  # one for an institution report; any number for a consolidated one
    period: str
    unit: str | None = None
    ytd: bool = False
    consolidated: bool = False
    lang: str = "es"
    paper: str = "a4"


@dataclass
class Made:
    published: Published
    folder: Path  # private folder holding the files until they are moved into place
    pdf: Path
    xlsx: Path | None
    previews: list[Path]
    sections: int


def build_report(store: Store, o: ReportOptions) -> Any:
    from exports.report_builder import consolidated_report, institution_report

    if o.consolidated:
        return consolidated_report(
            store, o.period, list(o.institutions) or None, unit=o.unit, ytd=o.ytd, lang=o.lang, paper=o.paper
        )
    return institution_report(store, o.institutions[0], o.period, o.unit, ytd=o.ytd, lang=o.lang, paper=o.paper)


def make_report(
    store: Store,
    o: ReportOptions,
    destination: Path,
    *,
    xlsx: bool,
    identity: Any = None,
    position: str = "",
    tsa_url: str | None = None,
) -> Made:
    from exports.publish import publish

    report = build_report(store, o)
    destination.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".gpr-report-", dir=destination.parent))
    try:
        pdf = folder / destination.name
        book = folder / destination.with_suffix(".xlsx").name if xlsx else None
        done = publish(report, pdf, xlsx=book, identity=identity, position=position, tsa_url=tsa_url)
        previews = preview_pages(pdf, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Made(done, folder, pdf, book, previews, len(report.sections))


def put_in_place(made: Made, destination: Path) -> tuple[Path, Path | None]:
    """Move the finished files to ``destination`` (and the .xlsx beside it); the previews stay behind."""
    made.pdf.replace(destination)
    book = None
    if made.xlsx is not None:
        book = destination.with_suffix(".xlsx")
        made.xlsx.replace(book)
    return destination, book


def preview_pages(pdf: Path, folder: Path, pages: int = PREVIEW_PAGES, dpi: int = PREVIEW_DPI) -> list[Path]:
    """PNGs of the first pages with poppler's pdftoppm; none when it is not installed."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    prefix = folder / "preview"
    cmd = [tool, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(pdf), str(prefix)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(folder.glob("preview*.png"))
