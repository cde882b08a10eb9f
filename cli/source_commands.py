"""One figure, one truth on the command line: ``sources add/list``, ``editions``, ``reconcile``, ``certify``
and ``certifications`` (keys of spec/cli.md, kept stable; more keys may be added)."""

from __future__ import annotations

import argparse
from typing import Any

from cli import source_render as render


def add_source_commands(sub: Any, command: Any) -> None:
    sources = sub.add_parser("sources", help="the sources of an institution's figures").add_subparsers(
        dest="sources_command", required=True
    )
    p = command("add", sources_add, "declare a source (or rename one)", sources)
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--institution", required=True)
    p.add_argument("--official-for", action="append", default=[], help="an indicator whose official source it is")
    p = command("list", sources_list, "an institution's sources", sources)
    p.add_argument("--institution", required=True)
    p = command("official", sources_official, "make a source the official source of an indicator", sources)
    p.add_argument("code")
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--reason")

    p = command("editions", editions, "the figure as each import of a source gave it, oldest first")
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--source")

    p = command("reconcile", reconcile, "every source's figure per unit, the differences, the disagreements")
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--unit", help="default: the institution's root")
    p.add_argument("--level", help="the units of this level under --unit (default: the unit and its children)")
    p.add_argument("--ytd", action="store_true")
    p.add_argument(
        "--events",
        action="append",
        metavar="SOURCE",
        help="register against register: the events one has and the other lacks (give two sources, or one for "
        "its last two editions)",
    )

    p = command("certify", certify, "certify a unit-month's figure: one source's, or a reconciled value")
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True, help="a month, e.g. 2025-09")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--source")
    what.add_argument("--value", type=float)
    p.add_argument("--reason", required=True)

    p = command("certifications", certifications, "the certified figures of an institution")
    p.add_argument("--institution", required=True)
    p.add_argument("--period")

    # signal or chance (issue 16): the funnel plot of statistics.md §2
    p = command("signal", signal, "the funnel of the units at a level: rates against exposure, with limits")
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--unit", help="compare the units under it (default: the institution's root)")
    p.add_argument("--level", help="the units of this level (default: the unit's children)")
    p.add_argument("--ytd", action="store_true")
    p.add_argument("--benchmark", choices=["overall", "target"], default="overall")


def _open(args: argparse.Namespace) -> Any:
    from cli.commands import _open as open_store

    return open_store(args)


def sources_add(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        info = store.sources.add(args.institution, args.code, args.name, official_for=args.official_for)
    out = info.as_json()
    out["_text"] = render.source_text(out, args.lang)
    return out


def sources_official(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        info = store.sources.set_official(args.institution, args.indicator, args.code, reason=args.reason)
    out = info.as_json()
    out["_text"] = render.source_text(out, args.lang)
    return out


def sources_list(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        listed = [s.as_json() for s in store.sources.list(args.institution)]
    return {"sources": listed, "_text": "\n".join(render.source_text(s, args.lang) for s in listed)}


def editions(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        out = store.reconciliation.editions(args.institution, args.indicator, args.unit, args.period, args.source)
    out["_text"] = render.editions_text(out, args.lang)
    return out


def reconcile(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        if args.events:
            out = store.reconciliation.events(args.institution, args.unit, args.period, args.events)
            out["_text"] = render.events_text(out, args.lang)
            return out
        out = store.reconciliation.reconcile(
            args.institution, args.indicator, args.period, args.unit, level=args.level, ytd=args.ytd
        )
    out["_text"] = render.reconcile_text(out, args.lang)
    return out


def certify(args: argparse.Namespace) -> dict[str, Any]:
    from scorecard.certification import certify as run

    with _open(args) as store:
        done = run(
            store,
            args.institution,
            args.indicator,
            args.unit,
            args.period,
            source=args.source,
            value=args.value,
            reason=args.reason,
        )
    out = done.as_json()
    out["_text"] = render.certified_text(out, args.lang)
    return out


def certifications(args: argparse.Namespace) -> dict[str, Any]:
    from scorecard.certification import listed

    with _open(args) as store:
        rows = listed(store, args.institution, args.period)
    return {"certifications": rows, "_text": "\n".join(render.certified_text(r, args.lang) for r in rows)}


def signal(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        out = store.funnel.funnel(
            args.institution,
            args.indicator,
            args.period,
            unit=args.unit,
            level=args.level,
            ytd=args.ytd,
            benchmark=args.benchmark,
        )
    out["_text"] = render.funnel_text(out, args.lang)
    return out
