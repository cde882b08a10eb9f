"""The layers hold (import-linter), the core speaks both languages, and the project's own tools pass."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.messages import CATALOG, LANGS

ROOT = Path(__file__).parents[1]


def test_layer_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e .[test])")
    proc = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 2 kept, 0 broken" in proc.stdout


def test_the_core_imports_without_qt() -> None:
    code = (
        "import sys, scorecard.cli.main, scorecard.scoring, demo, importers, exports; "
        "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), 'Qt loaded'"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    for key, entry in CATALOG.items():
        assert set(entry) == set(LANGS), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert fields["es"] == fields["en"], key


def test_message_ids_used_in_the_code_exist() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""(?:UserError|Problem|ValidationFailed)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    for folder in ("scorecard", "importers", "exports"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no message ids"
    assert used <= set(CATALOG), sorted(used - set(CATALOG))
