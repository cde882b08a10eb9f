"""Write tests/demo/golden.json from a demo built into a fresh SQLite file (the regression reference).

    .venv/bin/python -m tests.demo.make_golden

Run once before the demo moved to the importers (commit f548b84's scorecard/demo.py); run again only when a
change to the demo's figures is meant, and say so in the commit.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.demo.golden import GOLDEN_PATH as GOLDEN
from tests.demo.golden import dump, picture


def build(path: Path) -> float:
    from scorecard.store import Store

    try:
        from demo import load_demo
    except ImportError:  # before the demo package existed
        from scorecard.demo import load_demo  # type: ignore[no-redef]

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
