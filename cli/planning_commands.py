"""The planning office's year on the command line: ``targets reprogram`` (a re-programming from an open
month, with a reason) and ``thresholds`` (the institution's default thresholds from a month on)."""

from __future__ import annotations

import argparse
from typing import Any

from scorecard.errors import UserError
from scorecard.periods import Period


def add_planning_commands(sub: Any, command: Any) -> Any:
    """Register the commands; returns the ``targets`` group so other target commands join it."""
    targets = sub.add_parser("targets", help="targets: re-programming, derivation").add_subparsers(
        dest="targets_command", required=True
    )
    p = command(
        "reprogram",
        reprogram,
        "re-program an indicator's targets from an open month to December, with a reason (audited)",
        targets,
    )
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--unit", action="append", required=True, help="a unit whose targets change (repeatable)")
    p.add_argument("--from", dest="start", required=True, help="the first month re-programmed, e.g. 2025-07")
    figure = p.add_mutually_exclusive_group(required=True)
    figure.add_argument("--annual", type=float, help="the year's new target (a count's total: the rest is spread)")
    figure.add_argument("--monthly", type=float, help="the target of every month from --from on")
    p.add_argument("--profile", help="monthly profile for a count's rest (as in a targets sheet; default even)")
    p.add_argument("--reason", required=True, help="why (kept in the audit)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")

    p = command(
        "derive",
        derive,
        "next year's targets from history: the reference year's months (or the mean of N years) changed by PCT",
        targets,
    )
    p.add_argument("--institution", required=True)
    p.add_argument("--year", type=int, required=True, help="the year the targets are for")
    p.add_argument("--from", dest="start", type=int, required=True, help="the (last) reference year")
    p.add_argument("--years", type=int, default=1, help="reference years ending at --from (default 1)")
    p.add_argument("--change", type=float, required=True, help="percent change on the reference, e.g. -5")
    p.add_argument("--indicator", action="append", help="an indicator (repeatable; default all in the plan)")
    p.add_argument("--profile", choices=["seasonal", "even"], default="seasonal")
    p.add_argument("--reason", required=True, help="why (kept in the audit)")
    p.add_argument("--dry-run", action="store_true", help="say what would be set, write nothing")

    thresholds = sub.add_parser("thresholds", help="the institution's default thresholds").add_subparsers(
        dest="thresholds_command", required=True
    )
    p = command("set", thresholds_set, "set the institution's thresholds (percent), from a month on", thresholds)
    p.add_argument("--institution", required=True)
    p.add_argument("--green", type=float, required=True, help="green from this performance, in percent (e.g. 90)")
    p.add_argument("--yellow", type=float, required=True, help="yellow from this performance, in percent (e.g. 75)")
    p.add_argument(
        "--effective-from",
        help="first month they apply to (default: after the last approved month, or every month if none is)",
    )
    p = command("show", thresholds_show, "the institution's thresholds and their history", thresholds)
    p.add_argument("--institution", required=True)
    p = command("alpha", thresholds_alpha, "the significance level of the signal beside each colour", thresholds)
    p.add_argument("--institution", required=True)
    p.add_argument("--alpha", type=float, required=True, help="e.g. 0.05: a result the target makes rarer is a signal")
    p = command("tolerance", thresholds_tolerance, "how far two sources may differ before they disagree", thresholds)
    p.add_argument("--institution", required=True)
    p.add_argument("--pct", type=float, required=True, help="percent of the official figure, e.g. 2")
    p.add_argument("--abs", dest="abs_", type=float, required=True, help="in the indicator's units, e.g. 2 events")
    return targets


def reprogram(args: argparse.Namespace) -> dict[str, Any]:
    from cli.commands import _open
    from importers.profiles import PROFILES, profile_weights
    from scorecard.reprogramming import reprogram as run

    weights = None
    if args.profile:
        weights = profile_weights(args.profile)
        if weights is None:
            raise UserError("cell.profile_unknown", value=args.profile, candidates=sorted(PROFILES))
    with _open(args) as store:
        done = run(
            store,
            args.institution,
            args.indicator,
            args.unit,
            args.start,
            reason=args.reason,
            annual=args.annual,
            monthly=args.monthly,
            weights=weights,
            dry_run=args.dry_run,
        )
    out = done.as_json()
    es = args.lang != "en"
    head = ("Simulación, nada escrito: " if es else "Dry run, nothing written: ") if args.dry_run else ""
    words = (
        "{indicator} reprogramado desde {start}: {n} metas ({new} nuevas, {changed} cambiadas) en {units}"
        if es
        else "{indicator} re-programmed from {start}: {n} targets ({new} new, {changed} changed) in {units}"
    )
    out["_text"] = head + words.format(
        indicator=done.indicator, start=done.start, n=len(done.rows), new=done.new, changed=done.changed,
        units=", ".join(done.units),
    )  # fmt: skip
    return out


def derive(args: argparse.Namespace) -> dict[str, Any]:
    from cli.commands import _open
    from scorecard.target_derivation import derive_targets

    with _open(args) as store:
        done = derive_targets(
            store,
            args.institution,
            args.year,
            args.start,
            change=args.change,
            reason=args.reason,
            years=args.years,
            indicators=args.indicator,
            profile=args.profile,
            dry_run=args.dry_run,
        )
    out = done.as_json()
    es = args.lang != "en"
    head = ("Simulación, nada escrito. " if es else "Dry run, nothing written. ") if done.dry_run else ""
    lines = [
        head
        + (
            "Metas {year} desde {ref}: {n} metas en {units} unidades ({new} nuevas, {changed} cambiadas)"
            if es
            else "{year} targets from {ref}: {n} targets in {units} units ({new} new, {changed} changed)"
        ).format(
            year=done.year,
            ref=done.start if done.years == 1 else f"{done.start - done.years + 1}–{done.start}",
            n=out["targets"],
            units=out["units"],
            new=done.new,
            changed=done.changed,
        )
    ]
    for code in done.indicators:
        mine = [r for r in done.rows if r["indicator"] == code]
        ref, target = sum(r["reference"] for r in mine), sum(r["target"] for r in mine)
        lines.append(f"  {code}: {len(mine)} · Σ ref {ref:,.2f} → Σ {target:,.2f}")
    if done.without_history:
        few = ", ".join(f"{w['indicator']}/{w['unit']}" for w in done.without_history[:10])
        more = len(done.without_history) - 10
        lines.append(("  sin historia: " if es else "  without history: ") + few + (f" (+{more})" if more > 0 else ""))
    out["_text"] = "\n".join(lines)
    return out


def _pair(info: Any) -> dict[str, Any]:
    return {
        "institution": info.code,
        "green": info.thresholds.green,
        "yellow": info.thresholds.yellow,
        "history": [
            {"from": Period.of_month(m).code, "green": th.green, "yellow": th.yellow} for m, th in info.history
        ],
        "alpha": info.alpha,
        "tolerance": {"pct": info.tolerance_pct, "abs": info.tolerance_abs},
    }


def thresholds_set(args: argparse.Namespace) -> dict[str, Any]:
    from cli.commands import _open

    start = None
    if args.effective_from:
        period = Period.parse(args.effective_from)
        if not period.is_month:
            raise UserError("reprogram.month", value=args.effective_from)
        start = period.first
    with _open(args) as store:
        info = store.institutions.set_thresholds(
            args.institution, args.green / 100, args.yellow / 100, effective_from=start
        )
    out = _pair(info)
    out["_text"] = _text(out, args.lang)
    return out


def thresholds_show(args: argparse.Namespace) -> dict[str, Any]:
    from cli.commands import _open

    with _open(args) as store:
        out = _pair(store.institutions.get(args.institution))
    out["_text"] = _text(out, args.lang)
    return out


def thresholds_alpha(args: argparse.Namespace) -> dict[str, Any]:
    from cli.commands import _open

    with _open(args) as store:
        out = _pair(store.institutions.set_alpha(args.institution, args.alpha))
    out["_text"] = _text(out, args.lang)
    return out


def thresholds_tolerance(args: argparse.Namespace) -> dict[str, Any]:
    from cli.commands import _open

    with _open(args) as store:
        out = _pair(store.institutions.set_tolerance(args.institution, args.pct, args.abs_))
    out["_text"] = _text(out, args.lang)
    return out


def _text(out: dict[str, Any], lang: str | None) -> str:
    es = lang != "en"
    lines = [
        (
            "{institution}: verde ≥ {g:g} %, amarillo ≥ {y:g} %"
            if es
            else "{institution}: green ≥ {g:g} %, yellow ≥ {y:g} %"
        ).format(institution=out["institution"], g=out["green"] * 100, y=out["yellow"] * 100)
    ]
    step = "  desde {start}: verde ≥ {g:g} %, amarillo ≥ {y:g} %"
    if not es:
        step = "  from {start}: green ≥ {g:g} %, yellow ≥ {y:g} %"
    lines += [step.format(start=h["from"], g=h["green"] * 100, y=h["yellow"] * 100) for h in out["history"]]
    tol = out["tolerance"]
    lines.append(
        f"α = {out['alpha']:g} · tolerancia entre fuentes {tol['pct']:g} % y {tol['abs']:g}"
        if es
        else f"α = {out['alpha']:g} · tolerance between sources {tol['pct']:g} % and {tol['abs']:g}"
    )
    return "\n".join(lines)
