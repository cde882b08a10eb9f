"""Signing a report with pyHanko from a PKCS#12 file: a certification signature that allows no later
change (DocMDP), PAdES, a visible stamp on the last page, a timestamp when a time-stamping server is
configured (PAdES B-T) and B-B otherwise, said as such.

The password is used to open the file and dropped: never stored, never logged, never in a message.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from scorecard.errors import UserError

STAMP_W = 300
STAMP_H = 92
FIELD = "FirmaReporte"


@dataclass(frozen=True)
class Identity:
    """What the .p12 holds, ready for pyHanko (asn1crypto objects) and for the stamp."""

    signer: Any  # pyhanko SimpleSigner
    name: str
    organisation: str
    title: str
    not_after: dt.datetime


@dataclass(frozen=True)
class Signed:
    level: str  # "B-T" with a timestamp, "B-B" without
    signer: str
    signed_at: dt.datetime
    timestamped: bool


def _attribute(name: Any, oid: Any) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _looks_like_pkcs12(data: bytes) -> bool:
    """A PFX structure, whatever its password: so a wrong password is not confused with a wrong file."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


def load_identity(path: Path, password: bytes, *, now: dt.datetime | None = None, lang: str = "es") -> Identity:
    """Open a .p12; a clear :class:`UserError` for an unreadable file, a wrong password, a file without a
    private key, or a certificate that has expired or is not yet valid."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    del lang
    if not path.is_file():
        raise UserError("file.missing", path=str(path))
    data = path.read_bytes()
    if not _looks_like_pkcs12(data):
        raise UserError("sign.p12_unreadable", path=str(path))
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError as exc:
        text = str(exc).lower()
        if "password" in text or "mac" in text or "decrypt" in text:
            raise UserError("sign.wrong_password", path=str(path)) from None
        raise UserError("sign.p12_unreadable", path=str(path)) from None
    if key is None:
        raise UserError("sign.no_key", path=str(path))
    if cert is None:
        raise UserError("sign.no_certificate", path=str(path))
    moment = now or dt.datetime.now(dt.UTC)
    subject = _attribute(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string()
    if cert.not_valid_after_utc < moment:
        raise UserError("sign.expired", subject=subject, date=cert.not_valid_after_utc.strftime("%d/%m/%Y"))
    if cert.not_valid_before_utc > moment:
        raise UserError("sign.not_yet_valid", subject=subject, date=cert.not_valid_before_utc.strftime("%d/%m/%Y"))
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    others = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in extra or []]
    signer = SimpleSigner(
        signing_cert=signing_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([signing_cert, *others]),
    )
    return Identity(
        signer=signer,
        name=_attribute(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string(),
        organisation=_attribute(cert.subject, NameOID.ORGANIZATION_NAME),
        title=_attribute(cert.subject, NameOID.TITLE),
        not_after=cert.not_valid_after_utc,
    )


def reason_text(period_code: str, lang: str) -> str:
    if lang == "en":
        return f"Approval of the results report, period {period_code}"
    return f"Aprobación del reporte de resultados, periodo {period_code}"


def _utc_offset(when: dt.datetime) -> str:
    """«(UTC−05:00)», as Ecuadorian documents write the zone."""
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"(UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def stamp_lines(
    identity: Identity, position: str, institution: str, reason: str, when: dt.datetime, lang: str
) -> list[tuple[str, str]]:
    if lang == "en":
        labels = ("Electronically signed by", "Position", "Institution", "Date and time", "Reason")
        moment = when.strftime("%Y-%m-%d %H:%M:%S ") + _utc_offset(when)
    else:
        labels = ("Firmado electrónicamente por", "Cargo", "Institución", "Fecha y hora", "Motivo")
        moment = when.strftime("%d/%m/%Y %H:%M:%S ") + _utc_offset(when)
    return [
        (labels[0], identity.name),
        (labels[1], position or identity.title or "—"),
        (labels[2], institution or identity.organisation or "—"),
        (labels[3], moment),
        (labels[4], reason),
    ]


def _stamp_pdf(path: Path, lines: list[tuple[str, str]], size: tuple[float, float]) -> None:
    """The stamp's appearance, drawn with the report's own fonts (every accented letter)."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    from exports.pdf_style import BAND, FONT, FONT_BOLD, INK, MUTED, register_fonts

    register_fonts()
    w, h = size
    c = Canvas(str(path), pagesize=size)
    c.setFillColor(HexColor("#f4f7fb"))
    c.setStrokeColor(HexColor(BAND))
    c.setLineWidth(1.2)
    c.rect(0.6, 0.6, w - 1.2, h - 1.2, stroke=1, fill=1)
    c.setFillColor(HexColor(BAND))
    c.rect(0.6, h - 16, w - 1.2, 15.4, stroke=0, fill=1)
    c.setFillColor(HexColor("#ffffff"))
    c.setFont(FONT_BOLD, 7.6)
    head, name = lines[0]
    c.drawString(7, h - 11.5, f"{head}:")
    y = h - 29
    c.setFillColor(HexColor(INK))
    c.setFont(FONT_BOLD, 9)
    c.drawString(7, y, _fit(name, FONT_BOLD, 9, w - 14))
    for label, value in lines[1:]:
        y -= 13
        c.setFont(FONT, 6.3)
        c.setFillColor(HexColor(MUTED))
        c.drawString(7, y, label)
        c.setFont(FONT, 7)
        c.setFillColor(HexColor(INK))
        c.drawString(64, y, _fit(value, FONT, 7, w - 71))
    c.showPage()
    c.save()


def _fit(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while stringWidth(text, font, size) > width and len(text) > 4:
        text = text[:-2] + "…"
    return text


def sign_pdf(
    source: IO[bytes],
    out: IO[bytes],
    identity: Identity,
    *,
    period_code: str,
    institution: str = "",
    position: str = "",
    lang: str = "es",
    page: int = -1,
    box: tuple[float, float, float, float] | None = None,
    tsa_url: str | None = None,
    timestamper: Any = None,
    location: str = "Ecuador",
) -> Signed:
    """Certify ``source`` into ``out`` with a visible stamp in ``box`` of ``page`` (default: the bottom
    right of the last page).  ``timestamper`` (a pyHanko TimeStamper) wins over ``tsa_url``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.sign.timestamps import TimestampRequestError
    from pyhanko.stamp import StaticStampStyle

    if timestamper is None and tsa_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(tsa_url, timeout=20)
    reason = reason_text(period_code, lang)
    writer = IncrementalPdfFileWriter(source, strict=False)
    if box is None:  # a PDF not laid out by this app: the bottom right, above a footer
        box = (253.0, 52.0, 253.0 + STAMP_W, 52.0 + STAMP_H)
    when = dt.datetime.now().astimezone().replace(microsecond=0)
    size = (box[2] - box[0], box[3] - box[1])
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        reason=reason,
        location=location,
        name=identity.name,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    whole = (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
    spec = fields.SigFieldSpec(sig_field_name=FIELD, on_page=page, box=whole)
    folder = tempfile.mkdtemp(prefix="gpr-stamp-")
    try:
        stamp = Path(folder) / "stamp.pdf"
        _stamp_pdf(stamp, stamp_lines(identity, position, institution, reason, when, lang), size)
        style = StaticStampStyle.from_pdf_file(str(stamp), border_width=0)
        pdf_signer = signers.PdfSigner(
            meta, identity.signer, timestamper=timestamper, stamp_style=style, new_field_spec=spec
        )
        pdf_signer.sign_pdf(writer, output=out)
    except (TimestampRequestError, OSError) as exc:
        if timestamper is None:
            raise
        raise UserError("sign.tsa_failed", url=tsa_url or "—", reason=str(exc) or type(exc).__name__) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Signed("B-T" if timestamper is not None else "B-B", identity.name, when, timestamper is not None)
