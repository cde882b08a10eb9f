"""``python -m cli`` is ``scorecard``."""

from cli.main import run

raise SystemExit(run())
