"""Write tests/demo/golden.json from a demo built into a fresh SQLite file (the regression reference).

    .venv/bin/python -m tests.demo.make_golden

The reference is the demo of commit f548b84's scorecard/demo.py (read from git), the last before the demo
moved to the importers: the new demo must build the same figures.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.demo.golden import GOLDEN_PATH as GOLDEN
from tests.demo.golden import dump, picture

REFERENCE = "f548b84"  # the last commit with scorecard/demo.py, the demo before the importers built it


def _reference_loader() -> Any:
    """load_demo of scorecard/demo.py as it was at REFERENCE, read from git (the module is gone)."""
    source = subprocess.run(
        ["git", "show", f"{REFERENCE}:scorecard/demo.py"],
        cwd=Path(__file__).parents[2], capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    spec = importlib.util.spec_from_loader("reference_demo", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    exec(compile(source, f"{REFERENCE}:scorecard/demo.py", "exec"), module.__dict__)
    return module.load_demo


def build(path: Path) -> float:
    from scorecard.store import Store

    load_demo = _reference_loader()

    start = time.perf_counter()
    with Store.open(path, create=True) as store:
        load_demo(store)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        took = build(db)
        dump(picture(db), GOLDEN)
    print(f"{GOLDEN}: {GOLDEN.stat().st_size // 1024} KB, demo built in {took:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
