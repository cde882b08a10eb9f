"""The demo database, built as a user's would be: files written and loaded by the importers.

A layer above the core and the importers (beside ``ui`` and ``cli``): the core reads no spreadsheet, and
the bundled register has one reader, :mod:`importers.register`.
"""

from demo.loader import DemoBuilder, build_new_file, load_demo
from demo.plan import (
    ALL_MONTHS,
    FILED_MONTHS,
    PN_INDICATORS,
    PN_OBJECTIVES,
    REGISTER,
    REGISTER_INDICATORS,
    REGISTER_SOURCE,
    SEED,
    YEAR,
    register_path,
)

__all__ = [
    "ALL_MONTHS",
    "FILED_MONTHS",
    "PN_INDICATORS",
    "PN_OBJECTIVES",
    "REGISTER",
    "REGISTER_INDICATORS",
    "REGISTER_SOURCE",
    "SEED",
    "YEAR",
    "DemoBuilder",
    "build_new_file",
    "load_demo",
    "register_path",
]
