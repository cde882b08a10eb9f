"""The safety scan of a file to import, started in a second process as the command line starts.

``scorecard import`` spends its first ≈ 0.7 s importing its own modules and the scan (:mod:`importers.safety`)
another ≈ 0.7 s on a national file, both on one core holding the GIL: the scan runs in a child process
meanwhile, on the second core.  The child prints what the scan learnt (or why the file is refused) as JSON;
anything else — the child failed, was killed, printed nonsense, or the path is another — and the scan is
simply done here, as it always was.  Calamine still reads nothing before the scan has passed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from importers import safety
from scorecard.errors import Problem

REFUSED = 3  # the child's exit status for a refused file (its reasons on stdout)
SUFFIXES = {".xlsx", ".xlsm", ".ods"}  # a CSV's check reads 8 KB: nothing to win


class Prescan:
    """A scan of ``path`` running in a child process."""

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "importers.prescan", str(self.path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def package(self, path: Path) -> safety.Package | None:
        """What the child's scan of ``path`` learnt (a refusal raised as :func:`safety.check` raises it);
        None when the child cannot say, and the caller scans the file itself."""
        if Path(path).resolve() != self.path:
            self.close()
            return None
        try:
            out, _ = self.proc.communicate()
            said: dict[str, Any] = json.loads(out)
        except (OSError, ValueError):
            self.close()
            return None
        if self.proc.returncode == REFUSED:
            raise safety.Refused(path, said["es"], said["en"])
        if self.proc.returncode != 0:
            return None
        problems = [Problem(p["id"], sheet=p["sheet"], row=p["row"], column=p["column"]) for p in said["problems"]]
        return safety.Package(said["kind"], set(said["hidden"]), problems)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def start(file: str | None) -> Prescan | None:
    """A scan of ``file`` started in a child process, when it is a spreadsheet that exists."""
    if not file:
        return None
    path = Path(file)
    if path.suffix.lower() not in SUFFIXES or not path.is_file():
        return None  # the importer says what is wrong with it, in the user's language
    try:
        return Prescan(path)
    except OSError:
        return None


def _scan(path: Path) -> int:
    try:
        package = safety.check(path)
    except safety.Refused as exc:
        print(json.dumps(exc.reasons, ensure_ascii=False))
        return REFUSED
    problems = [{"id": p.message_id, "sheet": p.sheet, "row": p.row, "column": p.column} for p in package.problems]
    print(json.dumps({"kind": package.kind, "hidden": sorted(package.hidden_sheets), "problems": problems}))
    return 0


if __name__ == "__main__":
    raise SystemExit(_scan(Path(sys.argv[1])))
