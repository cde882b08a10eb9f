"""Refresh the translation catalogue: ``python -m ui.translations``.

1. pyside6-lupdate collects every ``tr("…")`` / ``QT_TR_NOOP("…")`` of ``ui/`` into
   ``resources/translations/gpr_en.ts`` (Spanish is the source language; translations already made are
   kept, strings no longer used are dropped);
2. pyside6-lrelease compiles it into ``gpr_en.qm``, the file the app loads.

New strings arrive as unfinished; translate them (Qt Linguist: ``pyside6-linguist gpr_en.ts``) and run
this again.  tests/ui/test_translations.py fails while any string lacks its English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "gpr_en.ts"


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(ts: Path = TS) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-source-language",
            "es",
            "-target-language",
            "en",
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


if __name__ == "__main__":
    update()
    print(release())
