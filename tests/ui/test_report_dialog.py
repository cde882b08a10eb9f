"""The «Reportes» and «Verificar firma» dialogs on the demo: a real PDF made, signed with the throw-away
authority, read back, verified, and the verdict read from the dialog — valid, then tampered."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from exports import test_authority
from scorecard.messages import translate
from scorecard.store import Store

pytestmark = pytest.mark.gui

WAIT = 120_000


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> test_authority.ThrowawayPKI:
    return test_authority.build(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def dialog(qtbot, demo_template: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.report_dialog import ReportDialog

    d = ReportDialog(Store.open(demo_template), "PN", "2025-10", None, "es")
    qtbot.addWidget(d)
    d.show()
    return d


def _password(monkeypatch: pytest.MonkeyPatch, typed: str, asked: list[str]) -> None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    def get_text(parent, title, label, echo=QLineEdit.EchoMode.Normal, *rest, **kw):  # type: ignore[no-untyped-def]
        asked.append(label)
        assert echo == QLineEdit.EchoMode.Password  # the password never shows on screen
        return typed, True

    monkeypatch.setattr(QInputDialog, "getText", get_text)


def _generate(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)


def _verify(qtbot, pdf: Path, roots: list[Path]):  # type: ignore[no-untyped-def]
    from ui.verify_dialog import VerifyDialog

    v = VerifyDialog("es", path=pdf)
    qtbot.addWidget(v)
    v.roots.clear()
    for root in roots:
        v.add_root(root)
    v.verify_button.click()
    qtbot.waitUntil(lambda: not v.busy, timeout=WAIT)
    return v


def test_a_signed_report_is_made_previewed_and_verified(  # type: ignore[no-untyped-def]
    qtbot, dialog, pki, tmp_path, monkeypatch
) -> None:
    asked: list[str] = []
    _password(monkeypatch, test_authority.PASSWORD.decode(), asked)
    pdf = tmp_path / "reportes" / "pn-octubre.pdf"
    dialog.pdf_edit.setText(str(pdf))
    dialog.xlsx_check.setChecked(True)
    dialog.sign_group.setChecked(True)
    dialog.p12_edit.setText(str(pki.signer_p12))
    dialog.position_edit.setText("Ministra del Interior")
    _generate(qtbot, dialog)

    assert dialog.error is None, dialog.error
    assert asked == ["Contraseña de firmante.p12:"]
    assert pdf.is_file() and pdf.with_suffix(".xlsx").is_file()
    assert not [p for p in pdf.parent.iterdir() if p.name.startswith(".")]  # the private folder is gone
    text = dialog.result_label.text()
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in text
    assert f"Páginas: {dialog.made.published.pages} ·" in text
    assert "PAdES B-B (sin sello de tiempo" in text and "María José Peñafiel Núñez" in text
    assert dialog.preview_layout.count() == 2  # the first two pages, rendered by pdftoppm
    pixmap = dialog.preview_layout.itemAt(0).widget().pixmap()
    assert pixmap.width() > 300 and pixmap.height() > 300
    assert dialog.preview_box.height() >= 2 * pixmap.height()  # whole pages, never cropped
    settings = QSettings()
    assert settings.value("reports/position") == "Ministra del Interior"
    stored = " ".join(str(settings.value(k)) for k in settings.allKeys())
    assert test_authority.PASSWORD.decode() not in stored  # the password is never kept
    pdfsig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False)
    assert "María José Peñafiel Núñez" in pdfsig.stdout

    assert dialog.check_button.isEnabled()
    dialog.check_button.click()
    from ui.verify_dialog import VerifyDialog

    (opened,) = dialog.findChildren(VerifyDialog)
    assert opened.pdf_edit.text() == str(pdf)
    opened.close()

    good = _verify(qtbot, pdf, [pki.root_pem])
    assert good.verdict is not None and good.verdict.valid
    assert good.head_label.text() == "✔ " + translate("verify.valid", "es").rstrip(":")
    assert "#2e7d32" in good.head_label.styleSheet()
    assert good.checks_label.text().count("✔") == 4
    assert "Raíz de PRUEBA del proyecto GPR" in good.details_label.text()
    assert QSettings().value("verify/roots") == [str(pki.root_pem)]  # remembered for next time

    foreign = _verify(qtbot, pdf, [pki.other_root_pem])
    assert not foreign.verdict.valid
    assert foreign.head_label.text() == "✘ " + translate("verify.invalid", "es").rstrip(":")
    assert "✘ " + translate("verify.untrusted", "es") in foreign.details_label.text()

    tampered = tmp_path / "alterado.pdf"
    data = bytearray(pdf.read_bytes())
    at = data.find(b"/Contents", len(data) // 3)
    at = data.find(b"stream", at) + 40
    data[at] ^= 0x01
    tampered.write_bytes(bytes(data))
    broken = _verify(qtbot, tampered, [pki.root_pem])
    assert not broken.verdict.valid
    assert "#c62828" in broken.head_label.styleSheet()
    assert "✘ " + translate("verify.not_intact", "es") in broken.details_label.text()


def test_a_wrong_password_writes_nothing_and_says_why(qtbot, dialog, pki, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _password(monkeypatch, "no-es-la-clave", [])
    pdf = tmp_path / "out" / "nada.pdf"
    dialog.pdf_edit.setText(str(pdf))
    dialog.sign_group.setChecked(True)
    dialog.p12_edit.setText(str(pki.signer_p12))
    _generate(qtbot, dialog)
    assert dialog.error == translate("sign.wrong_password", "es", path=str(pki.signer_p12))
    assert dialog.result_label.text() == dialog.error
    assert not pdf.parent.exists() or list(pdf.parent.iterdir()) == []


def test_cancelling_leaves_no_file(qtbot, dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "out" / "cancelado.pdf"
    dialog.pdf_edit.setText(str(pdf))
    dialog.generate_button.click()
    assert dialog.progress is not None
    dialog.progress.cancel()  # the worker is still building the report
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "cancelada" in dialog.result_label.text()
    assert not pdf.parent.exists() or list(pdf.parent.iterdir()) == []


def test_a_consolidated_english_report(qtbot, dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "consolidated.pdf"
    dialog.consolidated.setChecked(True)
    assert not dialog.institution_box.isEnabled() and dialog.institution_list.isEnabled()
    dialog.lang_box.setCurrentIndex(dialog.lang_box.findData("en"))
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("letter"))
    dialog.period_box.setCurrentIndex(dialog.period_box.findData("2025-Q3"))
    dialog.pdf_edit.setText(str(pdf))
    _generate(qtbot, dialog)
    assert dialog.error is None, dialog.error
    assert "Sin firma electrónica." in dialog.result_label.text()
    assert not dialog.check_button.isEnabled()  # nothing to verify in an unsigned report
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "July" in text or "Q3" in text or "third quarter" in text.lower()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792" in info  # US letter
