"""``scorecard``: the command line of spec/cli.md.  A thin shell over the core: parse, call, print.

Exit codes: 0 success, 1 a user error (bad file, unknown code…) with the reason on stderr, 2 a usage error.
With ``--json`` stdout carries exactly one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from scorecard.errors import UserError, ValidationFailed
from scorecard.messages import default_lang

Handler = Callable[[argparse.Namespace], dict[str, Any]]
C, W = "cli.commands:", "cli.workflow_commands:"  # the modules of most handlers, named, not imported


def _handler(ref: Handler | str) -> Handler:
    """A handler named ``"module:function"`` is imported when its command runs: building the parser imports
    no handler module (the core, SQLAlchemy), so ``--help`` and usage errors answer at once."""
    if isinstance(ref, str):
        module, _, name = ref.partition(":")
        handler: Handler = getattr(importlib.import_module(module), name)
        return handler
    return ref


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", help="SQLAlchemy URL or SQLite file path (default: $SCORECARD_DB, else the user's data folder)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--lang", choices=["es", "en"], default=None, help="language of messages (default: system)")
    p.add_argument("--user", default=None, help="acting user (default: $SCORECARD_USER, else the local admin)")


class _Skipped:
    """Stands for the parsers of the commands not asked for: their ~45 argparse parsers cost a command a
    fifth of its run.  Takes every call the builders make and keeps nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *_, **__: self


class _Only:
    """The top-level subparsers, building only the command ``name`` (``None``: every command)."""

    def __init__(self, sub: Any, name: str | None) -> None:
        self.sub, self.name, self.built = sub, name, False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if self.name is not None and name != self.name:
            return _Skipped()
        self.built = True
        return self.sub.add_parser(name, **kwargs)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``only`` the parser of that one command (when it exists: see
    :func:`parser_for`)."""
    parser = argparse.ArgumentParser(prog="scorecard", description="Tablero GPR — Gobierno por Resultados")
    sub: Any = _Only(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"), only)

    def command(name: str, handler: Handler | str, help_text: str, parent: Any = sub) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        _common(p)
        p.set_defaults(handler=handler)
        return p

    p = command("init", C + "init", "create or upgrade the database schema; --demo loads the demo")
    p.add_argument("--demo", action="store_true", help="load the demo (real police tree and 2025 homicides)")

    sub.add_parser("gui", help="start the desktop app (same options as scorecard-gui)")
    p = command("institutions", C + "institutions", "list the institutions")

    units = sub.add_parser("units", help="unit trees").add_subparsers(dest="units_command", required=True)
    p = command("import", C + "units_import", "load an institution's unit tree from a sheet", units)
    p.add_argument("file")
    p.add_argument("--institution", required=True)
    p.add_argument("--name", help="the institution's name, when it is new")
    p.add_argument("--levels", help="level names from the root down, comma-separated (new institutions)")
    p = command("list", C + "units_list", "list an institution's units", units)
    p.add_argument("--institution", required=True)

    plan = sub.add_parser("plan", help="the plan workbook").add_subparsers(dest="plan_command", required=True)
    p = command("import", C + "plan_import", "load the plan workbook (objetivos, indicadores)", plan)
    p.add_argument("file")
    p.add_argument("--institution", required=True)
    p.add_argument("--effective-from", help="period from which changed definitions apply (default: this month)")
    p = command("export", C + "plan_export", "write the plan workbook", plan)
    p.add_argument("--institution", required=True)
    p.add_argument("-o", "--output", required=True)

    _import_command(command)

    p = command("scorecard", C + "scorecard", "the scorecard of a unit (default: the institution's root)")
    p.add_argument("--institution", required=True)
    p.add_argument("--period", required=True, help="2025-03, 2025-Q1, 2025-H1 or 2025")
    p.add_argument("--unit")
    p.add_argument("--ytd", action="store_true", help="year to date (acumulado) up to the period's last month")

    p = command("value", C + "value", "one aggregated figure")
    p.add_argument("--institution", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--ytd", action="store_true")

    # reports and signatures (issue 6)
    from cli.report_commands import add_report_commands

    add_report_commands(command)

    _workflow_commands(sub, command)

    _mapping_commands(sub, command)

    # the planning office's year (issue 14): re-programming targets, thresholds from a month on
    from cli.planning_commands import add_planning_commands

    add_planning_commands(sub, command)

    # one figure, one truth (issue 15): sources, editions, reconciliation, certified figures
    from cli.source_commands import add_source_commands

    add_source_commands(sub, command)

    # --- importers: the monthly template (issue 3) ---
    p = command("template", C + "template", "the monthly template (results or targets) for the units under U")
    p.add_argument("--institution", required=True)
    p.add_argument("--period", required=True, help="a month, e.g. 2025-03")
    p.add_argument("--unit")
    p.add_argument("--targets", action="store_true", help="a template of targets instead of results")
    p.add_argument("--level", help="with --targets: the units of this level (zona, distrito…), whoever reports")
    p.add_argument("-o", "--output", required=True)
    parser.set_defaults(_built=sub.built)
    return parser


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser that reads ``argv``: its command's alone, or every command's for ``--help``, an unknown
    command or none (their messages list the commands)."""
    if argv and not argv[0].startswith("-"):
        parser = build_parser(only=argv[0])
        if parser.get_default("_built"):
            return parser
    return build_parser()


def _import_command(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("import", C + "import_file", "import figures or targets: templates, long tables, event registers")
    p.add_argument("file")
    p.add_argument("--kind", choices=["template", "long", "wide", "register"], default=None, help="default: detected")
    p.add_argument(
        "--mapping", help="a mapping saved in the app (a register's, or a wide sheet's categories) or bundled"
    )
    p.add_argument("--unit", help="a wide sheet without a unit column: the unit it is about")
    p.add_argument("--indicator", help="a wide sheet without an indicator column: the indicator it is about")
    p.add_argument("--institution", help="required unless the file is a template, which names it")
    p.add_argument("--source", help="the source the figures come from (default: each indicator's official source)")
    p.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    p.add_argument("--valid-rows-only", action="store_true")
    p.add_argument("--decimal-mark", choices=[",", "."])
    p.add_argument(
        "--add-missing-units",
        action="store_true",
        help="create units the register's hierarchy columns define (audited)",
    )


def _mapping_commands(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    mapping = sub.add_parser("mapping", help="saved import mappings").add_subparsers(
        dest="mapping_command", required=True
    )
    p = command("export", C + "mapping_export", "write a saved (or bundled) mapping as JSON", mapping)
    p.add_argument("name")
    p.add_argument("-o", "--output", required=True)
    p = command("import", C + "mapping_import", "save a mapping from an exported JSON file", mapping)
    p.add_argument("file")
    p.add_argument("--institution", help="the institution it belongs to (optional)")
    command("list", C + "mapping_list", "the saved and bundled mappings", mapping)


def _workflow_commands(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Users, the monthly workflow, audit and data safety (issue 5)."""
    users = sub.add_parser("user", help="users and their roles").add_subparsers(dest="user_command", required=True)
    p = command("add", W + "user_add", "create a user", users)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=["commander", "planner", "executive", "admin"])
    p.add_argument("--institution")
    p.add_argument("--scope", help="a commander's unit (the unit and everything below it)")
    p.add_argument("--password-env", help="name of the environment variable holding the password")
    p.add_argument("--full-name")
    command("list", W + "user_list", "list users", users)
    p = command("password", W + "user_password", "set a user's password (and unlock the account)", users)
    p.add_argument("name")
    p.add_argument("--password-env", required=True, help="name of the environment variable holding the password")
    for name, text in (("deactivate", "deactivate a user (on a server: NOLOGIN)"), ("activate", "reactivate a user")):
        p = command(name, W + "user_active", text, users)
        p.add_argument("name")

    for name, text in (
        ("submit", "submit a unit's month for review"),
        ("approve", "approve a submitted month (locks it)"),
        ("return", "return a submitted month to its commander, with a reason"),
        ("reopen", "reopen an approved month, with a reason (planning office)"),
    ):
        p = command(name, W + "transition", text)
        p.add_argument("--institution", help="default: the institution that has the unit")
        p.add_argument("--unit", required=True)
        p.add_argument("--period", required=True, help="a month, e.g. 2025-03")
        p.add_argument("--reason")
        p.add_argument("--expected-version", type=int, help="the version you saw: refuse if it moved on")

    p = command("justify", W + "justify", "record the cause and corrective action of a red result")
    for opt in ("--unit", "--indicator", "--period", "--cause", "--action"):
        p.add_argument(opt, required=True)
    p.add_argument("--institution")
    p = command("status", W + "status", "the workflow state of a unit's month and what blocks its submission")
    p.add_argument("--institution")
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True)
    p = command("review", W + "review", "the review queue of a month: state, completeness, timeliness")
    p.add_argument("--institution", required=True)
    p.add_argument("--period", required=True)

    p = command("audit", W + "audit", "the audit trail, newest first; `audit verify` walks its hash chain")
    p.add_argument("what", nargs="?", choices=["verify"], help="verify: walk the hash chain (exit 1 if broken)")
    p.add_argument("--institution")
    p.add_argument("--unit", help="the unit and everything below it")
    p.add_argument("--indicator")
    p.add_argument("--period")
    p.add_argument("--limit", type=int, default=100)

    p = command("backup", W + "backup", "back up an SQLite database (SQLite backup API)")
    p.add_argument("-o", "--output", required=True)
    p = command("restore", W + "restore", "restore an SQLite database from a backup (backs up the current one first)")
    p.add_argument("file")


def _prescan(args: argparse.Namespace) -> Any:
    """An import that will detect its file's kind reads it whole: its safety scan starts now, in a second
    process, while this one imports the importers (importers.prescan)."""
    if getattr(args, "handler", None) != C + "import_file" or args.kind or args.mapping:
        return None
    from importers.prescan import start

    return start(args.file)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["gui"]:  # `scorecard gui …` is `scorecard-gui …`
        from cli.gui import run_gui

        return run_gui(argv[1:])
    args = parser_for(argv).parse_args(argv)
    args.lang = args.lang or default_lang()
    args.prescan = _prescan(args)
    try:
        out = _imported_without_collection(args.handler)(args)
    except ValidationFailed as exc:
        if args.json:
            print(json.dumps({"errors": [p.as_json(args.lang) for p in exc.problems]}, ensure_ascii=False))
        print(exc.text(args.lang), file=sys.stderr)
        return 1
    except UserError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if args.prescan is not None:
            args.prescan.close()
    text = out.pop("_text", None)
    status = int(out.pop("_exit", 0))  # a handler that answers and still fails (an invalid signature)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, default=str))
    else:
        print(text if text is not None else json.dumps(out, ensure_ascii=False, indent=2, default=str))
    return status


def _imported_without_collection(ref: Handler | str) -> Handler:
    """The handler, its modules (the core, SQLAlchemy) imported with the cyclic collector off: importing
    makes no garbage worth collecting, and its collections cost a quick command a tenth of its time."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        return _handler(ref)
    finally:
        if was_on:
            gc.enable()


def run(argv: Sequence[str] | None = None) -> int:
    """The ``scorecard`` process: :func:`main`, then an exit that skips the interpreter's last collections
    of everything it imported (≈ 80 ms a command; month-end scripts ask hundreds of times).  Freezing
    leaves atexit handlers, flushing and closing as they are; the store is closed by then."""
    status = main(argv)
    gc.freeze()
    return status


if __name__ == "__main__":
    raise SystemExit(run())
