"""Long bulk operations pause Python's cyclic garbage collector.

A national import or the demo load makes millions of small objects that hold no cycles; the collector
would rescan them (and everything else the process holds) again and again, and a full pass holds the GIL
for up to a second: the window, waiting on its own thread, freezes meanwhile.  Reference counting still
frees everything; the collector runs again as soon as the operation ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
