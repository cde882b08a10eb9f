"""``scorecard report`` and ``scorecard verify`` on the demo: the PDF shows the figures of
``scorecard scorecard --json`` for the same unit and period; an executive signs and verifies the
consolidated report; failures exit 1 with the reason on stderr and write nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from exports import test_authority as test_pki
from scorecard.formatting import number, percent
from tests.exports.conftest import pdfinfo, pdftotext


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def as_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = cli(*args, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads(proc.stdout))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    from demo import load_demo
    from scorecard.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        load_demo(store)
    return str(path)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> test_pki.ThrowawayPKI:
    return test_pki.build(tmp_path_factory.mktemp("pki"))


@pytest.mark.parametrize(("unit", "ytd"), [(None, False), ("09D08", False), ("Z8", True)])
def test_the_pdf_shows_the_figures_of_scorecard_json(demo: str, tmp_path: Path, unit: str | None, ytd: bool) -> None:
    where = ["--unit", unit] if unit else []
    when = ["--ytd"] if ytd else []
    card = as_json("scorecard", "--institution", "PN", "--period", "2025-10", *where, *when, "--db", demo)
    out = as_json(
        "report",
        "--institution",
        "PN",
        "--period",
        "2025-10",
        *where,
        *when,
        "-o",
        str(tmp_path / "r.pdf"),
        "--db",
        demo,
        "--lang",
        "es",
    )
    assert set(out) >= {"path", "pages", "signed", "sha256"} and out["signed"] is False
    assert out["pages"] == int(pdfinfo(tmp_path / "r.pdf")["Pages"])
    import hashlib

    assert out["sha256"] == hashlib.sha256((tmp_path / "r.pdf").read_bytes()).hexdigest()
    text = pdftotext(tmp_path / "r.pdf")
    lines = text.splitlines()
    assert percent(card["score"]) in text and percent(card["completeness"]) in text
    checked = 0
    for o in card["objectives"]:
        head = next(line for line in lines if line.strip().startswith(f"{o['code']} · "))
        assert percent(o["score"]) in head
        for i in o["indicators"]:
            row = next(line for line in lines if line.strip().startswith(i["code"] + " "))
            assert number(i["value"]) in row, (i["code"], row)
            target = i["target"]
            shown = f"{number(target[0])} – {number(target[1])}" if isinstance(target, list) else number(target)
            assert shown in row and percent(i["performance"]) in row, (i["code"], row)
            checked += 1
    assert checked == sum(len(o["indicators"]) for o in card["objectives"]) > 15
    # the units below, in the league table's order, each with its score
    positions = []
    for c in card["units"]:
        row = next(line for line in lines if re.match(rf"\s*\d+\s+{re.escape(c['code'])}\s", line))
        assert percent(c["score"]) in row
        positions.append(text.index(row))
    assert positions == sorted(positions)


def test_an_executive_signs_and_verifies_the_consolidated_report(
    demo: str, pki: test_pki.ThrowawayPKI, tmp_path: Path
) -> None:
    env = {"GPR_PIN": test_pki.PASSWORD.decode()}
    pdf, xlsx = tmp_path / "consolidado.pdf", tmp_path / "consolidado.xlsx"
    out = as_json(
        "report",
        "--consolidated",
        "--period",
        "2025-10",
        "-o",
        str(pdf),
        "--xlsx",
        str(xlsx),
        "--sign",
        str(pki.signer_p12),
        "--pin-env",
        "GPR_PIN",
        "--position",
        "Ministra del Interior",
        "--db",
        demo,
        env=env,
    )
    assert out["signed"] is True and out["level"] == "B-B" and out["pages"] > 3 and xlsx.is_file()
    # each section shows its unit's scorecard: the Zona 8 section against `scorecard --unit Z8`
    card = as_json("scorecard", "--institution", "PN", "--period", "2025-10", "--unit", "Z8", "--db", demo)
    pages = pdftotext(pdf).split("\f")
    start = next(k for k, page in enumerate(pages) if "Sección: Zona 8 (Z8)" in page)
    section = "\n".join(pages[start : start + 3]).split("Sección:", 2)[1]
    assert percent(card["score"]) in section
    for o in card["objectives"]:
        for i in o["indicators"]:
            row = next(line for line in section.splitlines() if line.strip().startswith(i["code"] + " "))
            assert number(i["value"]) in row and percent(i["performance"]) in row, row
    verdict = as_json("verify", str(pdf), "--trust", str(pki.root_pem))
    assert verdict["valid"] is True and verdict["intact"] and verdict["trusted"]
    assert verdict["signer"] == "María José Peñafiel Núñez" and verdict["modified_after_signing"] is False
    assert set(verdict) >= {"valid", "intact", "trusted", "signer", "signed_at", "modified_after_signing"}
    # the password travels only through the environment: never on stdout, stderr or in the file
    proc = cli("verify", str(pdf), "--trust", str(pki.root_pem), "--lang", "es")
    assert proc.returncode == 0 and "VÁLIDA" in proc.stdout
    assert test_pki.PASSWORD not in pdf.read_bytes()
    # without a trusted root: answered, and exit 1 with the reason on stderr
    proc = cli("verify", str(pdf), "--json", "--lang", "es")
    assert proc.returncode == 1 and json.loads(proc.stdout)["valid"] is False
    assert "raíz de confianza" in proc.stderr
    # text without B-T says honestly that it is B-B
    proc = cli(
        "report",
        "--institution",
        "ECU911",
        "--period",
        "2025-10",
        "-o",
        str(tmp_path / "e.pdf"),
        "--sign",
        str(pki.signer_p12),
        "--pin-env",
        "GPR_PIN",
        "--db",
        demo,
        "--lang",
        "es",
        env=env,
    )
    assert proc.returncode == 0 and "B-B" in proc.stdout and "sin sello de tiempo" in proc.stdout


def test_bad_signing_input_writes_nothing(demo: str, pki: test_pki.ThrowawayPKI, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    cases = [
        (pki.signer_p12, "mala", "Contraseña incorrecta"),
        (pki.expired_p12, test_pki.PASSWORD.decode(), "caducó"),
        (pki.keyless_p12, test_pki.PASSWORD.decode(), "clave privada"),
    ]
    for p12, password, words in cases:
        proc = cli(
            "report",
            "--institution",
            "PN",
            "--period",
            "2025-10",
            "-o",
            str(target),
            "--sign",
            str(p12),
            "--pin-env",
            "GPR_PIN",
            "--db",
            demo,
            "--lang",
            "es",
            env={"GPR_PIN": password},
        )
        assert proc.returncode == 1 and words in proc.stderr and proc.stdout == ""
        assert password not in proc.stderr
        assert not target.exists() and not list(tmp_path.glob(".r.pdf.*"))
    proc = cli(
        "report",
        "--institution",
        "PN",
        "--period",
        "2025-10",
        "-o",
        str(target),
        "--sign",
        str(pki.signer_p12),
        "--pin-env",
        "NO_SUCH_VAR_GPR",
        "--db",
        demo,
        "--lang",
        "en",
    )
    assert proc.returncode == 1 and "NO_SUCH_VAR_GPR" in proc.stderr and not target.exists()


def test_usage(demo: str, tmp_path: Path) -> None:
    assert cli("report", "--period", "2025-10", "-o", str(tmp_path / "x.pdf"), "--db", demo).returncode == 2
    assert cli("report", "--institution", "PN", "--period", "2025-10", "--db", demo).returncode == 2  # no -o
    proc = cli("verify", str(tmp_path / "missing.pdf"), "--db", demo)
    assert proc.returncode == 1 and "missing.pdf" in proc.stderr


def test_the_password_is_asked_on_a_terminal(demo: str, pki: test_pki.ThrowawayPKI, tmp_path: Path) -> None:
    """Without --pin-env the command asks for the password on the terminal (not echoed, not stored)."""
    import pty
    import select

    target = tmp_path / "pregunta.pdf"
    args = [
        sys.executable,
        "-m",
        "cli.main",
        "report",
        "--institution",
        "ECU911",
        "--period",
        "2025-10",
        "-o",
        str(target),
        "--sign",
        str(pki.signer_p12),
        "--db",
        demo,
        "--lang",
        "es",
    ]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the pseudo-terminal as its terminal
        os.execv(sys.executable, args)
    seen = b""
    answered = False
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"Contrase" in seen:
            os.write(fd, test_pki.PASSWORD + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    assert answered and os.waitstatus_to_exitcode(status) == 0, seen.decode(errors="replace")
    assert target.is_file() and test_pki.PASSWORD not in seen  # the terminal never echoed it
    assert as_json("verify", str(target), "--trust", str(pki.root_pem))["valid"] is True
