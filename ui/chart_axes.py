"""Chart axes in the reader's number format (1.234,5 in Spanish), for every pyqtgraph chart of the app."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg

from scorecard.formatting import number


class NumberAxis(pg.AxisItem):
    """Tick labels in the reader's number format."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing >= 1 else 2
        return [number(v * scale, self.lang, decimals) for v in values]
