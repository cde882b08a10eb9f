"""``python -m cli`` is ``scorecard``."""

from cli.main import main

raise SystemExit(main())
