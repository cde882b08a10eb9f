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


def test_the_contracts_hold_with_no_exceptions() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {c["type"]: c for c in config["contracts"]}
    assert contracts["layers"]["layers"] == ["ui | cli", "demo", "importers | exports", "scorecard"]
    assert "cli" in contracts["forbidden"]["source_modules"]
    assert [c["name"] for c in config["contracts"] if c.get("ignore_imports")] == []
    assert not (ROOT / "scorecard" / "cli").exists(), "the command line lives in the top-level cli package"


def test_the_core_imports_without_qt() -> None:
    code = (
        "import sys, cli.main, scorecard.scoring, demo, importers, exports; "
        "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), 'Qt loaded'"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    for key, entry in CATALOG.items():
        assert set(entry) == set(LANGS), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert fields["es"] == fields["en"], key


def test_each_message_id_is_written_once_across_the_catalogues_parts() -> None:
    """The catalogue joins its parts with ``**``: a second entry of an id would silently win."""
    import ast

    written: list[str] = []
    for path in [ROOT / "scorecard" / "messages.py", *sorted((ROOT / "scorecard" / "catalog").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and any(isinstance(v, ast.Dict) for v in node.values):
                written += [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    assert len(written) == len(CATALOG) and len(written) > 150
    assert len(set(written)) == len(written), sorted({k for k in written if written.count(k) > 1})


def test_message_ids_used_in_the_code_exist() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""(?:UserError|Problem|ValidationFailed)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    for folder in ("scorecard", "importers", "exports", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no message ids"
    assert used <= set(CATALOG), sorted(used - set(CATALOG))
