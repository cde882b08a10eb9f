"""Re-saving files through LibreOffice headless, as a commander's LibreOffice would write them."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods", "xls": "xls", "csv": "csv"}


def convert(source: Path, fmt: str, out_dir: Path) -> Path:
    """``source`` opened and saved by LibreOffice as ``fmt`` into ``out_dir``; skips without LibreOffice."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:  # one profile per run: parallel instances do not clash
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                FILTERS[fmt],
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    out = out_dir / f"{source.stem}.{fmt}"
    assert out.is_file(), f"LibreOffice wrote no {out}"
    return out
