"""Handlers of the ``scorecard`` commands: each calls the core and returns the JSON of spec/cli.md
(with an optional ``_text`` for people)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select

from cli import render
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.models import Indicator, Institution, Unit
from scorecard.periods import Period
from scorecard.store import Store

T = TypeVar("T")


def _open(args: argparse.Namespace, *, create: bool = False) -> Store:
    from cli.workflow_commands import sign_in

    return sign_in(Store.open(args.db, create=create, user=args.user, lang=args.lang))


def _existing_file(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise UserError("file.missing", path=path)
    return p


def _read_or_refuse(reader: Callable[[Path], tuple[T, list[Problem]]], file: str) -> T:
    """What an importer read from ``file``, or every problem it found (nothing is written then)."""
    value, problems = reader(_existing_file(file))
    if problems:
        raise ValidationFailed(problems)
    return value


def init(args: argparse.Namespace) -> dict[str, Any]:
    loaded = None
    if args.demo and (new := _new_sqlite_file(args.db)) is not None:
        from demo import build_new_file

        loaded = build_new_file(new, args.lang)  # moved into place whole: a build cut short leaves no file
    with _open(args, create=True) as store:
        if args.demo and loaded is None:  # into a database that exists (refused where the demo is already)
            from demo import load_demo

            loaded = load_demo(store)
        with store.reading() as s:
            out: dict[str, Any] = {
                "schema_version": (store.schema or {}).get("revision"),
                "institutions": s.scalar(select(func.count()).select_from(Institution)),
                "units": s.scalar(select(func.count()).select_from(Unit)),
                "indicators": s.scalar(select(func.count()).select_from(Indicator)),
                "state": (store.schema or {}).get("state"),
                "backup": (store.schema or {}).get("backup"),
                "database": store.engine.url.render_as_string(hide_password=True),
            }
            if (store.schema or {}).get("server"):
                out["server"] = (store.schema or {})["server"]
        if loaded:
            out["demo_results"] = loaded["results"]
        out["_text"] = render.init_text(out, args.lang)
        return out


def _new_sqlite_file(db_arg: str | None) -> Path | None:
    """The SQLite file ``--db`` names when it does not exist yet; None for a server or an existing file."""
    from sqlalchemy.engine import make_url

    from scorecard import db

    url = make_url(db.resolve_url(db_arg))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    return None if path.exists() else path


def institutions(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        rows = store.institutions.list()
    out: dict[str, Any] = {
        "institutions": [
            {"code": i.code, "name": i.name, "levels": list(i.level_names), "units": i.units} for i in rows
        ]
    }
    out["_text"] = "\n".join(f"{i.code:<8} {i.name}  ({i.units})" for i in rows)
    return out


def units_import(args: argparse.Namespace) -> dict[str, Any]:
    from importers.units_sheet import read_units

    specs = _read_or_refuse(read_units, args.file)
    levels = [x.strip() for x in args.levels.split(",")] if args.levels else None
    with _open(args) as store:
        change = store.units.load(args.institution, specs, name=args.name, level_names=levels)
    out = change.as_json()
    out["_text"] = render.tree_text(out, args.lang)
    return out


def units_list(args: argparse.Namespace) -> dict[str, Any]:
    with _open(args) as store:
        rows = store.units.list(args.institution)
    by_id = {u.id: u.code for u in rows}
    out: dict[str, Any] = {
        "units": [
            {"code": u.code, "name": u.name, "level": u.level, "parent": by_id.get(u.parent_id or -1)} for u in rows
        ]
    }
    out["_text"] = "\n".join(f"{u.code:<14} {u.level:<12} {u.name}" for u in rows)
    return out


def plan_import(args: argparse.Namespace) -> dict[str, Any]:
    from importers.plan_workbook import read_plan

    spec = _read_or_refuse(read_plan, args.file)
    effective = Period.parse(args.effective_from).first if args.effective_from else None
    with _open(args) as store:
        change = store.plans.load(args.institution, spec, effective_from=effective)
    out = change.as_json()
    out["_text"] = render.plan_text(out, args.lang)
    return out


def plan_export(args: argparse.Namespace) -> dict[str, Any]:
    from exports.plan_workbook import write_plan

    with _open(args) as store:
        spec = store.plans.spec(args.institution)
    write_plan(spec, Path(args.output))
    out: dict[str, Any] = {
        "objectives": len(spec.objectives),
        "indicators": len(spec.indicators),
        "path": str(Path(args.output).resolve()),
    }
    out["_text"] = render.plan_text(out, args.lang)
    return out


def import_file(args: argparse.Namespace) -> dict[str, Any]:
    from importers import saved_mappings
    from importers.figures_import import About, import_figures
    from importers.register import import_register

    path = _existing_file(args.file)
    kind = args.kind
    book = None
    with _open(args) as store:
        about = About(unit=args.unit, indicator=args.indicator)
        if args.mapping:
            mapped = saved_mappings.kind_of(store, args.mapping)
            if mapped == saved_mappings.WIDE:
                kind = kind or "wide"
                about = About(args.unit, args.indicator, saved_mappings.wide_mappings(store)[args.mapping.strip()],
                              args.mapping.strip())  # fmt: skip
            elif kind is None:
                kind = "register"
        if kind is None:
            from importers import kinds
            from importers.workbook import read_book

            # read and scanned once (the scan started as the command did: cli.main): the importer takes this book
            book = read_book(path, prescan=getattr(args, "prescan", None))
            kind = kinds.detect(book)
        if kind == "register":
            from importers.saved_mappings import register_mappings

            if not args.institution:
                raise UserError("institution.missing")
            mappings = register_mappings(store)  # the bundled ones, with those saved in the app over them
            name = args.mapping or "mdi-homicidios"
            if name not in mappings:
                raise UserError("import.mapping_unknown", value=name, candidates=sorted(mappings))
            out = import_register(
                store,
                book or path,
                args.institution,
                mappings[name],
                dry_run=args.dry_run,
                add_missing_units=args.add_missing_units,
                source=args.source,
            )
        else:
            out = import_figures(
                store,
                book or path,
                args.institution,
                kind=kind,
                dry_run=args.dry_run,
                valid_rows_only=args.valid_rows_only,
                decimal_mark=args.decimal_mark,
                about=about,
                source=args.source,
            )
    out["_text"] = render.import_text(out, args.lang)
    return out


def mapping_export(args: argparse.Namespace) -> dict[str, Any]:
    import json

    from importers.saved_mappings import export_mapping

    with _open(args) as store:
        document = export_mapping(store, args.name)
    target = Path(args.output)
    partial = target.with_name(target.name + ".part")  # written whole or not at all
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(target)
    out: dict[str, Any] = {"mapping": document["name"], "kind": document["kind"], "path": str(target.resolve())}
    out["_text"] = f"{document['name']} ({document['kind']}) → {out['path']}"
    return out


def mapping_import(args: argparse.Namespace) -> dict[str, Any]:
    import json

    from importers.saved_mappings import import_mapping

    path = _existing_file(args.file)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("mapping.file_invalid", reason=f"JSON: {exc}") from exc
    with _open(args) as store:
        name, kind, replaced = import_mapping(store, document, args.institution)
    out: dict[str, Any] = {"mapping": name, "kind": kind, "path": str(path.resolve()), "replaced": replaced}
    es = args.lang != "en"
    verb = ("reemplazado" if replaced else "guardado") if es else ("replaced" if replaced else "saved")
    out["_text"] = f"{name} ({kind}): {verb}"
    return out


def mapping_list(args: argparse.Namespace) -> dict[str, Any]:
    from importers.register import BUNDLED
    from importers.saved_mappings import register_mappings, wide_mappings

    with _open(args) as store:
        wide = wide_mappings(store)
        registers = register_mappings(store)
    rows = [{"name": n, "kind": "register", "bundled": n in BUNDLED} for n in sorted(registers)]
    rows += [{"name": n, "kind": "wide", "bundled": False, "categories": c} for n, c in sorted(wide.items())]
    out: dict[str, Any] = {"mappings": rows}
    out["_text"] = "\n".join(f"{r['name']:<24} {r['kind']}" for r in rows)
    return out


def scorecard(args: argparse.Namespace) -> dict[str, Any]:
    from scorecard.stored_views import stored_view, view_as_json

    with _open(args) as store:
        # a kept view answers without the computation (numpy, pandas: most of a command's start)
        view = stored_view(store, args.institution, args.period, args.unit, ytd=args.ytd)
        if view is None:  # computed, and kept for the next call (month-end scripts ask unit after unit)
            view = store.scoring.scorecard(args.institution, args.period, args.unit, ytd=args.ytd, keep=True)
    out = view_as_json(view)
    out["_text"] = render.scorecard_text(view, args.lang)
    return out


def value(args: argparse.Namespace) -> dict[str, Any]:
    from scorecard.stored_views import stored_view, value_json

    with _open(args) as store:
        view = stored_view(store, args.institution, args.period, args.unit, ytd=args.ytd)
        out = value_json(view, args.indicator) if view is not None else None
        if out is None:  # not kept yet, or an unknown indicator (whose message the computation gives)
            out = store.scoring.value(args.institution, args.indicator, args.unit, args.period, ytd=args.ytd, keep=True)
    out["_text"] = render.value_text(out, args.lang)
    return out


# --- importers: the monthly template (issue 3) ---


def template(args: argparse.Namespace) -> dict[str, Any]:
    from exports.template import make_template

    with _open(args) as store:
        out = make_template(
            store, args.institution, args.period, Path(args.output), unit=args.unit, targets=args.targets,
            level=args.level,
        )  # fmt: skip
    out["_text"] = f"{out['path']}: {out['units']} unidades × {out['indicators']} indicadores"
    return out
