"""``scorecard report`` and ``scorecard verify``: reports to PDF and xlsx, signed and checked.

Nothing is half-written: files are rendered (and signed) beside their destination and moved into place
only when complete; the .p12 is opened first, so a wrong password writes nothing at all.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from scorecard.errors import UserError
from scorecard.messages import translate

TSA_ENV = "SCORECARD_TSA_URL"


def add_report_commands(command: Any) -> None:
    """Register both commands with the parser's ``command`` helper (see main.build_parser)."""
    p = command("report", report, "the scorecard report as PDF (and xlsx); signs it when asked")
    p.add_argument("--institution", help="institution code; with --consolidated, a comma-separated list (default all)")
    p.add_argument("--period", required=True, help="2025-03, 2025-Q1, 2025-H1 or 2025")
    p.add_argument("--unit", help="the unit reported (default: the institution's root)")
    p.add_argument("--ytd", action="store_true", help="year to date (acumulado) up to the period's last month")
    p.add_argument("--consolidated", action="store_true", help="all institutions (or units) in one executive report")
    p.add_argument("--levels", help="with --consolidated: unit levels that get a section, e.g. zona,distrito")
    p.add_argument("-o", "--output", required=True, help="the PDF to write")
    p.add_argument("--xlsx", help="also write the tables to this .xlsx")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4")
    p.add_argument("--sign", metavar="P12", help="sign with this PKCS#12 file (.p12/.pfx)")
    p.add_argument("--pin-env", metavar="VAR", help="environment variable holding the .p12 password")
    p.add_argument("--position", default="", help="the signer's position (cargo) for the stamp")
    p.add_argument("--tsa", help=f"time-stamping server URL (PAdES B-T); default ${TSA_ENV}")
    p = command("verify", verify, "check a signed report: intact, whole file, unchanged, trusted signer")
    p.add_argument("file")
    p.add_argument("--trust", action="append", default=[], metavar="CA.pem", help="a trusted root (repeatable)")


def _password(args: argparse.Namespace) -> bytes:
    if args.pin_env:
        value = os.environ.get(args.pin_env)
        if value is None:
            raise UserError("sign.pin_missing", var=args.pin_env)
        return value.encode("utf-8")
    if not sys.stdin.isatty():
        raise UserError("sign.pin_needed")
    prompt = "Contraseña del .p12: " if args.lang == "es" else ".p12 password: "
    return getpass.getpass(prompt).encode("utf-8")


def report(args: argparse.Namespace) -> dict[str, Any]:
    from exports.publish import publish
    from exports.report_builder import consolidated_report, institution_report

    if not args.consolidated and not args.institution:
        print("scorecard report: --institution is required (or --consolidated)", file=sys.stderr)
        raise SystemExit(2)
    identity = None
    if args.sign:
        from exports.signing import load_identity

        identity = load_identity(Path(args.sign), _password(args), lang=args.lang)
    from scorecard.store import Store

    with Store.open(args.db, user=args.user, lang=args.lang) as store:
        if args.consolidated:
            codes = [c.strip().upper() for c in args.institution.split(",")] if args.institution else None
            levels = [x.strip() for x in args.levels.split(",")] if args.levels else None
            rep: Any = consolidated_report(
                store,
                args.period,
                codes,
                levels=levels,
                unit=args.unit,
                ytd=args.ytd,
                lang=args.lang,
                paper=args.paper,
            )
        else:
            rep = institution_report(
                store, args.institution, args.period, args.unit, ytd=args.ytd, lang=args.lang, paper=args.paper
            )
    done = publish(
        rep,
        Path(args.output),
        xlsx=Path(args.xlsx) if args.xlsx else None,
        identity=identity,
        position=args.position,
        tsa_url=args.tsa or os.environ.get(TSA_ENV) or None,
    )
    out = done.as_json()
    out["sections"] = len(rep.sections)
    out["_text"] = _report_text(out, args, done.signed)
    return out


def _report_text(out: dict[str, Any], args: argparse.Namespace, signed: Any) -> str:
    lang = args.lang
    pages = "páginas" if lang == "es" else "pages"
    lines = [f"{out['path']} · {out['pages']} {pages}", f"SHA-256: {out['sha256']}"]
    if signed is not None:
        lines.append(signed.signer)
        if signed.level == "B-T":
            lines.append(translate("sign.level_bt", lang, url=args.tsa or os.environ.get(TSA_ENV) or ""))
        else:
            lines.append(translate("sign.level_bb", lang))
    if out["xlsx"]:
        lines.append(out["xlsx"])
    return "\n".join(lines)


def verify(args: argparse.Namespace) -> dict[str, Any]:
    from exports.verification import verify_pdf

    verdict = verify_pdf(Path(args.file), [Path(t) for t in args.trust])
    out = verdict.as_json()
    out["_text"] = "\n".join(verdict.lines(args.lang))
    if not verdict.valid:
        print("\n".join(verdict.lines(args.lang, reasons_only=True)), file=sys.stderr)
        out["_exit"] = 1
    return out
