"""``python -m benchmarks``: the speed targets of the core, each printed beside a baseline measured in the
same run.  Figures, not pass/fail unit tests; the exit code is 1 when a target is missed.

1. Recompute the whole national scorecard for a year (≈ 0.9 M values) once loaded: ≤ 1/20 of a plain-Python
   implementation of the same arithmetic in the same run, the recompute's own peak < 1 GB (≤ 1 s shown).
2. The scorecard of one unit and month from a cold query on SQLite: ≤ 100 ms, against the raw
   fetch of the same figures with sqlite3 (the floor).
3. The desktop app (``--only gui``): cold start to a usable window ≤ 2 s against a bare Qt window;
   switching unit or period ≤ 100 ms against the core's own call.
4. The consolidated national report (``--only report``) ≤ 6 s and its signature ≤ 0.5 s.
5. Fifty commanders filing at once on PostgreSQL (``--only load``): every value exactly once.
6. ``scorecard import`` of the national year as one long .xlsx, the process end to end, on three files of
   the same rows (shared strings, inline strings, re-saved by LibreOffice) (``--only import``): ≤ 1.6×
   calamine + raw sqlite3, ≥ 5× faster than pandas.read_excel + to_sql, < 1.5 GB, re-import no slower;
   the same into PostgreSQL beside psycopg COPY (reported).
7. The funnel of every subcircuit for a year to date (``--only funnel``): ≤ 200 ms, beside sqlite3 + numpy.
8. The README's demo started a second time (``--only start``), on Xvfb's xcb when there is one: ≤ 2 s to a
   usable window, beside a bare Qt window.
9. One command's answer as a process (``--only command``): ``scorecard value`` and ``scorecard scorecard
   --unit`` ≤ 0.5 s each, beside a bare ``python -c pass``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from benchmarks import cold_query, gui, importing, recompute, report


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--only",
        choices=["recompute", "cold-query", "gui", "report", "load", "import", "funnel", "start", "command"],
        help="run one benchmark",
    )
    parser.add_argument("--keep", help="keep the national SQLite database at this path (cold-query)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    ok = True
    if args.only in (None, "recompute"):
        ok &= recompute.run()
    if args.only in (None, "cold-query"):
        ok &= cold_query.run(args.keep)
    if args.only in (None, "gui"):
        ok &= gui.run()
    if args.only in (None, "report"):
        ok &= report.run()
    if args.only in (None, "load"):
        from benchmarks import load

        ok &= load.run()
    if args.only in (None, "import"):
        ok &= importing.run()
    if args.only in (None, "funnel"):
        from benchmarks import funnel

        ok &= funnel.run(args.keep)
    if args.only in (None, "start"):
        from benchmarks import start

        ok &= start.run()
    if args.only in (None, "command"):
        from benchmarks import command

        ok &= command.run()
    print(f"\npeak memory {peak_rss_mb():,.0f} MB · total {time.perf_counter() - started:,.1f} s")
    print("ALL TARGETS MET" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
