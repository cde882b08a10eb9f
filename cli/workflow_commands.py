"""Handlers of the workflow, users, audit and data-safety commands (``user``, ``submit``…, ``review``,
``audit``, ``audit verify``, ``backup``, ``restore``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from scorecard.errors import UserError
from scorecard.models import Institution, Unit
from scorecard.store import Store


def sign_in(store: Store) -> Store:
    """The acting user: on a file signed in with ``$SCORECARD_PASSWORD`` when given, else resolved by name
    (the local administrator); on a server, the role the store connected as (see scorecard/users.py)."""
    password = os.environ.get("SCORECARD_PASSWORD")
    if password and store.dialect != "postgresql":  # a server's store connected with it already
        store.users.authenticate(store.user, password)
    else:
        _ = store.actor
    return store


def _open(args: argparse.Namespace) -> Store:
    from cli.commands import _open as open_store

    return open_store(args)


def _institution(store: Store, args: argparse.Namespace) -> str:
    """``--institution``, or the one institution that has unit ``--unit``."""
    if args.institution:
        return str(args.institution)
    with store.reading() as s:
        codes = list(
            s.scalars(
                select(Institution.code)
                .join(Unit, Unit.institution_id == Institution.id)
                .where(func.upper(Unit.code) == args.unit.strip().upper())
            )
        )
    if len(codes) == 1:
        return codes[0]
    raise UserError("unit.unknown", code=args.unit, institution="*", candidates=codes)


# --- users --------------------------------------------------------------------------------------------------


def user_add(args: argparse.Namespace) -> dict[str, Any]:
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env) or None
        if password is None:
            raise UserError("user.password_env", var=args.password_env)
    with _open(args) as store:
        info = store.users.add(
            args.name,
            args.role,
            institution=args.institution,
            scope=args.scope,
            password=password,
            full_name=args.full_name,
        )
    out = info.as_json()
    out["_text"] = _user_line(out)
    return out


def _user_line(u: dict[str, Any]) -> str:
    where = "/".join(x for x in (u["institution"], u["scope"]) if x) or "*"
    flags = ("" if u["password"] else " (sin contraseña / no password)") + (
        f" locked until {u['locked_until']}" if u["locked_until"] else ""
    )
    return f"{u['user']:<20} {u['role']:<10} {where}{flags}"


def user_password(args: argparse.Namespace) -> dict[str, Any]:
    password = os.environ.get(args.password_env) or None
    if password is None:
        raise UserError("user.password_env", var=args.password_env)
    with _open(args) as store:
        store.users.set_password(args.name, password)
        out = store.users.get(args.name).as_json()
    out["_text"] = _user_line(out)
    return out


def user_active(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        out = store.users.set_active(args.name, args.user_command == "activate").as_json()
    out["_text"] = _user_line(out)
    return out


def user_list(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        users = [u.as_json() for u in store.users.list()]
    return {"users": users, "_text": "\n".join(_user_line(u) for u in users)}


# --- workflow -----------------------------------------------------------------------------------------------


def transition(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        inst = _institution(store, args)
        wf = store.workflow
        kw = {"expected_version": args.expected_version}
        if args.command == "submit":
            info = wf.submit(inst, args.unit, args.period, **kw)
        elif args.command == "approve":
            info = wf.approve(inst, args.unit, args.period, **kw)
        elif args.command == "return":
            info = wf.return_(inst, args.unit, args.period, args.reason, **kw)
        else:
            info = wf.reopen(inst, args.unit, args.period, args.reason, **kw)
    out = info.as_json()
    out["institution"] = info.institution
    out["_text"] = f"{info.unit} {info.period}: {info.state}" + (f" — {info.reason}" if info.reason else "")
    return out


def justify(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        inst = _institution(store, args)
        store.workflow.justify(inst, args.unit, args.indicator, args.period, args.cause, args.action)
        left = store.workflow.blockers(inst, args.unit, args.period)
    return {
        "unit": args.unit,
        "indicator": args.indicator,
        "period": args.period,
        "cause": args.cause,
        "action": args.action,
        "_text": f"{args.unit} {args.indicator} {args.period}: ok ({len(left)})",
    }


def status(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        inst = _institution(store, args)
        info = store.workflow.state(inst, args.unit, args.period)
        blockers = store.workflow.blockers(inst, args.unit, args.period)
    out = info.as_json() | {"institution": info.institution, "blockers": [b.as_json() for b in blockers]}
    lines = [f"{info.unit} {info.period}: {info.state}" + (f" — {info.reason}" if info.reason else "")]
    lines += [f"  ✗ {b.unit} {b.indicator}: {', '.join(b.missing)}" for b in blockers]
    out["_text"] = "\n".join(lines)
    return out


def review(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        rows = store.workflow.queue(args.institution, args.period)
    out: dict[str, Any] = {
        "institution": args.institution.upper(),
        "period": args.period,
        "submissions": [r.as_json() for r in rows],
    }

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{x:.0%}"

    def timely(x: bool | None) -> str:
        return "-" if x is None else ("a tiempo / on time" if x else "tarde / late")

    out["_text"] = "\n".join(
        f"{r.unit:<14} {r.state:<10} {pct(r.completeness):>5} ({r.results_filed}/{r.results_due})  {timely(r.on_time)}"
        for r in rows
    )
    return out


# --- audit and data safety ----------------------------------------------------------------------------------


def audit(args: argparse.Namespace) -> dict[str, Any]:
    if args.what == "verify":
        return audit_verify(args)
    with _open(args) as store:
        entries = store.audit.search(
            institution=args.institution,
            unit=args.unit,
            indicator=args.indicator,
            period=args.period,
            limit=args.limit,
        )
    out: dict[str, Any] = {"entries": [e.as_json() for e in entries]}
    out["_text"] = "\n".join(
        f"{e['at']} {e['user'] or '-':<12} {e['action']:<8} {e['entity']} {e['key']}: {e['old']} → {e['new']}"
        + (f" ({e['reason']})" if e["reason"] else "")
        for e in out["entries"]
    )
    return out


def audit_verify(args: argparse.Namespace) -> dict[str, Any]:
    """Exit 0 with ``intact: true``; exit 1 with the first broken entry when one was altered or removed."""
    from scorecard.messages import translate

    with _open(args) as store:
        verdict = store.audit.verify()
    out: dict[str, Any] = verdict.as_json()
    key = "audit.chain_intact" if verdict.intact else f"audit.chain_{verdict.problem}"
    out["_text"] = translate(key, args.lang, entries=verdict.entries, entry=verdict.first_broken, head=verdict.head)
    if not verdict.intact:
        out["_exit"] = 1
    return out


def backup(args: argparse.Namespace) -> dict[str, Any]:
    from scorecard.backup import backup as take

    with _open(args) as store:
        out = take(store, Path(args.output))
    out["_text"] = f"{out['path']} ({out['bytes']} bytes, schema {out['schema_version']})"
    return out


def restore(args: argparse.Namespace) -> dict[str, Any]:
    from scorecard.backup import restore as put_back

    with _open(args) as store:
        out = put_back(store, Path(args.file))
    out["_text"] = f"{out['restored']} → {out['database']} (backup: {out['backup']})"
    return out
