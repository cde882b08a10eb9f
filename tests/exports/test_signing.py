"""Signing with the project's own test authority, and verification that fails for the right reason:
one tampered byte, an update appended after signing, an untrusted root; pdfsig as a second reader."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from exports import test_authority as test_pki
from exports.report_builder import institution_report
from exports.signing import load_identity, reason_text, sign_pdf
from exports.verification import verify_pdf
from scorecard.errors import UserError
from scorecard.store import Store
from tests.exports.conftest import poppler


@pytest.fixture
def signed(small_store: Store, pki: test_pki.ThrowawayPKI, tmp_path: Path) -> Path:
    return sign_report(small_store, pki, tmp_path / "firmado.pdf")


def sign_report(store: Store, pki: test_pki.ThrowawayPKI, path: Path, timestamper: object = None) -> Path:
    report = institution_report(store, "PN", "2025-01")
    plain = io.BytesIO()
    rendered = report.render_pdf(plain)
    plain.seek(0)
    identity = load_identity(pki.signer_p12, test_pki.PASSWORD)
    with path.open("wb") as out:
        sign_pdf(
            plain,
            out,
            identity,
            period_code="2025-01",
            institution="Policía Nacional",
            page=rendered.signature_page,
            box=rendered.signature_box,
            timestamper=timestamper,
        )
    return path


def test_a_signed_report_verifies_against_its_root(signed: Path, pki: test_pki.ThrowawayPKI) -> None:
    v = verify_pdf(signed, [pki.root_pem])
    assert (v.valid, v.intact, v.trusted, v.whole_file, v.modified_after_signing) == (True, True, True, True, False)
    assert v.signer == "María José Peñafiel Núñez" and v.signed_at is not None
    assert v.level == "B-B" and not v.timestamped and v.certified
    assert v.root == "Raíz de PRUEBA del proyecto GPR"  # a test authority reads as one
    assert set(v.as_json()) >= {"valid", "intact", "trusted", "signer", "signed_at", "modified_after_signing"}


def test_it_is_a_certification_allowing_no_changes_with_stamp_and_reason(signed: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with signed.open("rb") as f:
        r = PdfFileReader(f)
        sig = r.embedded_signatures[0]
        assert str(sig.sig_object["/Reason"]) == reason_text("2025-01", "es")
        assert sig.sig_object["/Reason"] == "Aprobación del reporte de resultados, periodo 2025-01"
        docmdp = r.root["/Perms"]["/DocMDP"]
        assert docmdp["/Reference"][0]["/TransformParams"]["/P"] == 1  # no changes allowed
        widget = sig.sig_field
        pages = int(r.root["/Pages"]["/Count"])
        last_page = r.find_page_for_modification(pages - 1)[0].get_object()
        annots = [a.get_object() for a in last_page["/Annots"]]
        assert any(a.get("/FT") == "/Sig" and "/AP" in a for a in annots)  # a visible stamp, on the last page
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        assert x2 - x1 > 100 and y2 - y1 > 40


def test_without_a_trusted_root_it_is_not_valid(signed: Path, pki: test_pki.ThrowawayPKI) -> None:
    v = verify_pdf(signed, [])
    assert v.intact and not v.trusted and not v.valid and "verify.no_roots" in v.failed
    v = verify_pdf(signed, [pki.other_root_pem])
    assert v.intact and not v.trusted and not v.valid and v.failed == ("verify.untrusted",)


def test_one_tampered_byte_is_not_intact(signed: Path, pki: test_pki.ThrowawayPKI, tmp_path: Path) -> None:
    data = bytearray(signed.read_bytes())
    at = data.index(b"ReportLab PDF Library")  # inside the signed bytes, outside any parsed structure
    data[at] = ord("X")
    tampered = tmp_path / "alterado.pdf"
    tampered.write_bytes(bytes(data))
    v = verify_pdf(tampered, [pki.root_pem])
    assert not v.intact and not v.valid and "verify.not_intact" in v.failed
    assert "NOT VALID" in v.lines("en")[0] and any("altered" in line for line in v.lines("en"))
    assert any("alterado" in line for line in v.lines("es", reasons_only=True))


def test_an_update_appended_after_signing_is_caught(signed: Path, pki: test_pki.ThrowawayPKI) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with signed.open("r+b") as f:
        w = IncrementalPdfFileWriter(f)
        w.root["/PageMode"] = generic.NameObject("/UseOutlines")
        w.update_root()
        w.write_in_place()
    v = verify_pdf(signed, [pki.root_pem])
    assert v.intact and v.trusted  # the signed revision itself is untouched…
    assert v.modified_after_signing and not v.whole_file and not v.valid  # …but the file is not what was signed
    assert "verify.modified" in v.failed


def test_a_timestamp_makes_it_pades_b_t(small_store: Store, pki: test_pki.ThrowawayPKI, tmp_path: Path) -> None:
    path = sign_report(small_store, pki, tmp_path / "bt.pdf", test_pki.dummy_timestamper(pki))
    v = verify_pdf(path, [pki.root_pem])
    assert v.valid and v.timestamped and v.level == "B-T"


def test_pdfsig_sees_a_valid_but_untrusted_signature(signed: Path) -> None:
    out = subprocess.run([poppler("pdfsig"), str(signed)], capture_output=True, text=True, timeout=60, check=False)
    text = out.stdout
    assert "Signature is Valid" in text, text
    assert "María José Peñafiel Núñez" in text
    assert "Total document signed" in text
    assert "Certificate issuer isn't Trusted" in text or "Certificate issuer is unknown" in text


@pytest.mark.parametrize(
    ("which", "password", "message_id", "words"),
    [
        ("signer_p12", b"no-es-la-clave", "sign.wrong_password", "Contraseña incorrecta"),
        ("expired_p12", test_pki.PASSWORD, "sign.expired", "caducó"),
        ("keyless_p12", test_pki.PASSWORD, "sign.no_key", "no contiene la clave privada"),
    ],
)
def test_bad_p12_files_get_clear_messages(
    pki: test_pki.ThrowawayPKI, which: str, password: bytes, message_id: str, words: str
) -> None:
    with pytest.raises(UserError) as caught:
        load_identity(getattr(pki, which), password)
    assert caught.value.message_id == message_id
    assert words in caught.value.text("es")
    assert password.decode() not in caught.value.text("es") + caught.value.text("en")
    en = caught.value.text("en")
    assert en and en != caught.value.text("es")


def test_a_file_that_is_not_a_p12(tmp_path: Path) -> None:
    bogus = tmp_path / "x.p12"
    bogus.write_bytes(b"not a certificate at all")
    with pytest.raises(UserError) as caught:
        load_identity(bogus, b"x")
    assert caught.value.message_id == "sign.p12_unreadable"


def test_an_unsigned_file_is_refused(small_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    with path.open("wb") as f:
        institution_report(small_store, "PN", "2025-01").render_pdf(f)
    with pytest.raises(UserError) as caught:
        verify_pdf(path, [])
    assert caught.value.message_id == "verify.unsigned"


def test_publish_writes_signed_pdf_and_workbook_together(
    small_store: Store, pki: test_pki.ThrowawayPKI, tmp_path: Path
) -> None:
    import hashlib

    from exports.publish import publish

    report = institution_report(small_store, "PN", "2025-01", lang="en")
    identity = load_identity(pki.signer_p12, test_pki.PASSWORD)
    done = publish(
        report,
        tmp_path / "out" / "r.pdf",
        xlsx=tmp_path / "out" / "r.xlsx",
        identity=identity,
        position="Minister",
        timestamper=test_pki.dummy_timestamper(pki),
    )
    assert done.signed is not None and done.signed.level == "B-T" and done.xlsx and done.xlsx.is_file()
    assert done.sha256 == hashlib.sha256((tmp_path / "out" / "r.pdf").read_bytes()).hexdigest()
    assert done.fingerprint == report.fingerprint
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r.pdf", "r.xlsx"]  # no leftovers
    v = verify_pdf(tmp_path / "out" / "r.pdf", [pki.root_pem])
    assert v.valid and v.level == "B-T"


def test_the_stamp_says_who_what_when_and_why(pki: test_pki.ThrowawayPKI) -> None:
    import datetime as dt

    from exports.signing import stamp_lines

    identity = load_identity(pki.signer_p12, test_pki.PASSWORD)
    when = dt.datetime(2025, 11, 3, 16, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    lines = dict(stamp_lines(identity, "", "Policía Nacional del Ecuador", reason_text("2025-10", "es"), when, "es"))
    assert lines == {
        "Firmado electrónicamente por": "María José Peñafiel Núñez",
        "Cargo": "Ministra del Interior",  # from the certificate's title when none is given
        "Institución": "Policía Nacional del Ecuador",
        "Fecha y hora": "03/11/2025 16:05:09 (UTC−05:00)",
        "Motivo": "Aprobación del reporte de resultados, periodo 2025-10",
    }
    english = dict(stamp_lines(identity, "Minister", "", reason_text("2025-10", "en"), when, "en"))
    assert english["Position"] == "Minister" and english["Institution"] == "Ministerio del Interior"
    assert english["Date and time"] == "2025-11-03 16:05:09 (UTC−05:00)"


def test_an_unreachable_time_stamping_server_is_said_and_nothing_signed(
    small_store: Store, pki: test_pki.ThrowawayPKI
) -> None:
    import socket

    with socket.socket() as probe:  # a port on this machine where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = institution_report(small_store, "PN", "2025-01")
    plain = io.BytesIO()
    report.render_pdf(plain)
    plain.seek(0)
    out = io.BytesIO()
    identity = load_identity(pki.signer_p12, test_pki.PASSWORD)
    url = f"http://127.0.0.1:{port}/tsa"
    with pytest.raises(UserError) as caught:
        sign_pdf(plain, out, identity, period_code="2025-01", tsa_url=url)
    assert caught.value.message_id == "sign.tsa_failed" and url in caught.value.text("es")
    assert out.getvalue() == b""
