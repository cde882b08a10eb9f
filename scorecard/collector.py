"""Long bulk operations pause Python's cyclic garbage collector.

A national import or the demo load makes millions of small objects that hold no cycles; the collector
would rescan them (and everything else the process holds) again and again, and a full pass holds the GIL
for up to a second: the window, waiting on its own thread, freezes meanwhile.  Reference counting still
frees everything; the collector runs again as soon as the operation ends.

The desktop turns automatic collection off and collects on its GUI thread (ui/gui_collector.py); that
collector asks :func:`collection_paused` first, so a bulk operation on a worker pauses it too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_pauses: list[None] = []  # one entry per bulk operation running (append and pop are atomic under the GIL)


def collection_paused() -> bool:
    return bool(_pauses)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    _pauses.append(None)
    try:
        yield
    finally:
        _pauses.pop()
        if was:
            gc.enable()
