"""Checking a signed report with pyHanko.  Valid only when every check holds: the signed bytes are
intact, the signature covers the whole file, nothing was changed after signing, and the signer chains
to a root the user trusts; otherwise the verdict says which of these failed."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorecard.errors import UserError


@dataclass(frozen=True)
class Verdict:
    valid: bool
    intact: bool
    trusted: bool
    whole_file: bool
    modified_after_signing: bool
    signer: str | None
    signed_at: dt.datetime | None
    timestamped: bool
    level: str
    certified: bool
    failed: tuple[str, ...] = field(default=())  # message ids of the failed checks
    root: str | None = None  # the trusted root the signer chains to, as named in its certificate

    def lines(self, lang: str = "es", *, reasons_only: bool = False) -> list[str]:
        """The verdict in words (the command line's text, the app's «Verificar firma» dialog)."""
        from exports.words import date_text
        from scorecard.messages import translate

        head = translate("verify.valid" if self.valid else "verify.invalid", lang)
        out = [head, *(f"  - {translate(f, lang)}" for f in self.failed)]
        if reasons_only:
            return out
        when = date_text(self.signed_at.astimezone(), lang, with_time=True) if self.signed_at else "—"
        out.append(f"{self.signer or '—'} · {when} · PAdES {self.level}")
        if self.root:
            out.append(("Raíz de confianza: " if lang == "es" else "Trusted root: ") + self.root)
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "modified_after_signing": self.modified_after_signing,
            "whole_file": self.whole_file,
            "timestamped": self.timestamped,
            "level": self.level,
            "certified": self.certified,
            "failed": [f.removeprefix("verify.") for f in self.failed],
            "root": self.root,
        }


def _roots(paths: list[Path]) -> list[Any]:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots = []
    for path in paths:
        if not path.is_file():
            raise UserError("file.missing", path=str(path))
        data = path.read_bytes()
        try:
            if pem.detect(data):
                roots += [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
            else:
                roots.append(asn1_x509.Certificate.load(data))
        except (ValueError, TypeError):
            raise UserError("verify.bad_trust", path=str(path)) from None
    return roots


def _common_name(cert: Any) -> str:
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


def quiet_libraries() -> None:
    """pyHanko and its certificate validator log every failed path with a traceback; the verdict says
    it in the user's words instead."""
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def verify_pdf(path: Path, trust: list[Path] | None = None) -> Verdict:
    """The verdict on the report's certification signature (the first in the file)."""
    quiet_libraries()
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not path.is_file():
        raise UserError("file.missing", path=str(path))
    roots = _roots(trust or [])
    with path.open("rb") as f:
        try:
            reader = PdfFileReader(f, strict=False)
            signatures = reader.embedded_signatures
        except (PdfReadError, ValueError, KeyError) as exc:
            raise UserError("verify.unreadable", path=str(path), reason=str(exc)) from None
        if not signatures:
            raise UserError("verify.unsigned", path=str(path))
        sig = signatures[0]  # the certification signature comes first; later ones would be changes
        context = (
            ValidationContext(trust_roots=roots, allow_fetching=False)
            if roots
            else ValidationContext(trust_roots=[], allow_fetching=False)
        )
        try:
            status = validate_pdf_signature(sig, signer_validation_context=context)
        except Exception:  # a signature container too mangled to read is, for the user, not intact
            return Verdict(False, False, False, False, True, None, None, False, "—", False, ("verify.not_intact",))
        intact = bool(status.intact and status.valid)
        trusted = bool(status.trusted) and bool(roots)
        whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        modified = not whole_file or len(signatures) > 1
        ts = status.timestamp_validity
        timestamped = ts is not None
        signed_at = ts.timestamp if ts is not None else status.signer_reported_dt
        certified = sig.sig_object.get("/Type") is not None and reader.root.get("/Perms") is not None
        failed = []
        if not intact:
            failed.append("verify.not_intact")
        if not whole_file:
            failed.append("verify.not_whole_file")
        if modified:
            failed.append("verify.modified")
        if not trusted:
            failed.append("verify.untrusted" if roots else "verify.no_roots")
        if ts is not None and not (ts.intact and ts.valid):
            failed.append("verify.timestamp_bad")
        valid = not failed and bool(status.bottom_line)
        root = None
        if trusted and status.validation_path is not None:
            root = str(status.validation_path.trust_anchor.authority.name.native.get("common_name") or "")
        return Verdict(
            valid=valid,
            intact=intact,
            trusted=trusted,
            whole_file=whole_file,
            modified_after_signing=modified,
            signer=_common_name(status.signing_cert),
            signed_at=signed_at,
            timestamped=timestamped,
            level="B-T" if timestamped else "B-B",
            certified=certified,
            failed=tuple(failed),
            root=root or None,
        )
