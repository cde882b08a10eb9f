"""Writing a report to its files, signed when asked: what the command line and the app's report dialog
both call.  Nothing is half-written: each file is rendered (and signed) beside its destination and moved
into place only when complete."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exports.pdf_page import RenderedPdf
    from exports.report_model import ConsolidatedReport, InstitutionReport
    from exports.signing import Identity, Signed


@dataclass(frozen=True)
class Published:
    path: Path
    pages: int
    sha256: str  # of the PDF as written
    fingerprint: str  # of the figures it shows
    signed: Signed | None
    xlsx: Path | None

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path.resolve()),
            "pages": self.pages,
            "signed": self.signed is not None,
            "sha256": self.sha256,
            "fingerprint": self.fingerprint,
            "level": self.signed.level if self.signed else None,
            "xlsx": str(self.xlsx.resolve()) if self.xlsx else None,
        }


def write_atomically(target: Path, write: Callable[[IO[bytes]], Any]) -> Any:
    """Run ``write(file)`` into a temporary file beside ``target``, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            result = write(f)
        Path(tmp).replace(target)
        return result
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def publish(
    report: InstitutionReport | ConsolidatedReport,
    pdf: Path,
    *,
    xlsx: Path | None = None,
    identity: Identity | None = None,
    position: str = "",
    tsa_url: str | None = None,
    timestamper: Any = None,
) -> Published:
    """Write ``report`` to ``pdf`` (signed with ``identity`` when given) and to ``xlsx`` when given."""

    def write_pdf(f: IO[bytes]) -> tuple[RenderedPdf, Signed | None]:
        if identity is None:
            return report.render_pdf(f), None
        from exports.signing import sign_pdf

        plain = io.BytesIO()
        rendered = report.render_pdf(plain)
        plain.seek(0)
        institution = report.sections[0].institution_name if len(report.sections) == 1 else ""
        signed = sign_pdf(
            plain,
            f,
            identity,
            period_code=report.period.code,
            institution=institution,
            position=position,
            lang=report.lang,
            page=rendered.signature_page,
            box=rendered.signature_box,
            tsa_url=tsa_url,
            timestamper=timestamper,
        )
        return rendered, signed

    rendered, signed = write_atomically(pdf, write_pdf)
    if xlsx is not None:
        write_atomically(xlsx, report.render_xlsx)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return Published(pdf, rendered.pages, digest, rendered.fingerprint, signed, xlsx)
