"""Column mappings the user edited, kept in the ``saved_mappings`` table so the next import of the same
kind of file needs no questions.  A saved register mapping overrides the bundled one of the same name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from importers.register import BUNDLED, RegisterMapping
from scorecard.errors import UserError
from scorecard.models import SavedMapping, utcnow
from scorecard.store import Store

REGISTER = "register"


def register_config(m: RegisterMapping) -> dict[str, Any]:
    return {
        "indicator": m.indicator,
        "date_column": m.date_column,
        "unit_column": m.unit_column,
        "filter_column": m.filter_column,
        "filter_values": list(m.filter_values),
        "hierarchy": dict(m.hierarchy),
        "key_columns": list(m.key_columns),
        "source": m.source,
    }


def register_mapping(name: str, config: dict[str, Any]) -> RegisterMapping:
    return RegisterMapping(
        name=name,
        indicator=str(config["indicator"]),
        date_column=str(config["date_column"]),
        unit_column=str(config["unit_column"]),
        filter_column=config.get("filter_column") or None,
        filter_values=tuple(str(v) for v in config.get("filter_values") or ()),
        hierarchy={str(k): str(v) for k, v in (config.get("hierarchy") or {}).items()},
        key_columns=tuple(str(v) for v in config.get("key_columns") or ()),
        source=str(config["source"]) if config.get("source") else None,
    )


def register_mappings(store: Store) -> dict[str, RegisterMapping]:
    """The bundled register mappings, with the saved ones over them (by name)."""
    out = dict(BUNDLED)
    with store.reading() as s:
        for row in s.scalars(select(SavedMapping).where(SavedMapping.kind == REGISTER).order_by(SavedMapping.name)):
            out[row.name] = register_mapping(row.name, row.config)
    return out


def save_register_mapping(store: Store, m: RegisterMapping, institution: str | None = None) -> None:
    """Insert or replace the mapping named ``m.name``."""
    _save(store, m.name, REGISTER, register_config(m), institution)


# --- wide sheets: month columns with a category (ene_h, ENE-MUJERES) → the indicator each feeds ---

WIDE = "wide"
KINDS = (REGISTER, WIDE)
FILE_FORMAT = "gpr-mapping/1"  # the JSON a mapping is exported as (scorecard mapping export)


def wide_mappings(store: Store) -> dict[str, dict[str, str]]:
    """Saved wide mappings: name → {category: indicator code}."""
    with store.reading() as s:
        rows = s.scalars(select(SavedMapping).where(SavedMapping.kind == WIDE).order_by(SavedMapping.name))
        return {r.name: {str(k): str(v) for k, v in (r.config.get("categories") or {}).items()} for r in rows}


def kind_of(store: Store, name: str) -> str | None:
    """The kind of the mapping named ``name``: saved in the app, else bundled (registers), else None."""
    with store.reading() as s:
        kind = s.scalar(select(SavedMapping.kind).where(SavedMapping.name == name.strip()))
    if kind is None and name.strip() in BUNDLED:
        return REGISTER
    return kind


def save_wide_mapping(store: Store, name: str, categories: dict[str, str], institution: str | None = None) -> None:
    """Insert or replace the wide mapping ``name``."""
    _save(store, name, WIDE, {"categories": _checked_categories(categories)}, institution)


def _checked_categories(categories: Any) -> dict[str, str]:
    if not isinstance(categories, dict) or not categories:
        raise UserError("mapping.file_invalid", reason="categories: {category: indicator}")
    out = {}
    for k, v in categories.items():
        if not str(k).strip() or not isinstance(v, str) or not v.strip():
            raise UserError("mapping.file_invalid", reason=f"categories: «{k}» → «{v}»")
        out[str(k).strip()] = v.strip()
    return out


def _save(store: Store, name: str, kind: str, config: dict[str, Any], institution: str | None) -> bool:
    """Insert or replace; True when a mapping of that name was replaced."""
    name = name.strip()
    if not name:
        raise UserError("import.mapping_name_missing")
    with store.transaction() as s:
        inst_id = store.institution(s, institution).id if institution else None
        row = s.scalar(select(SavedMapping).where(SavedMapping.name == name))
        replaced = row is not None
        if row is None:
            row = SavedMapping(name=name, kind=kind)
            s.add(row)
        elif row.kind != kind:
            raise UserError("import.mapping_kind_taken", name=name, kind=row.kind)
        row.institution_id = inst_id
        row.config = config
        row.updated_at = utcnow()
    return replaced


def export_mapping(store: Store, name: str) -> dict[str, Any]:
    """The mapping ``name`` as a JSON-ready document (saved ones, or a bundled register mapping)."""
    with store.reading() as s:
        row = s.scalar(select(SavedMapping).where(SavedMapping.name == name.strip()))
        if row is not None:
            return {"format": FILE_FORMAT, "name": row.name, "kind": row.kind, "config": dict(row.config)}
        known = list(s.scalars(select(SavedMapping.name)))
    if name.strip() in BUNDLED:
        return {
            "format": FILE_FORMAT,
            "name": name.strip(),
            "kind": REGISTER,
            "config": register_config(BUNDLED[name.strip()]),
        }
    raise UserError("import.mapping_unknown", value=name, candidates=sorted({*known, *BUNDLED}))


def import_mapping(store: Store, document: Any, institution: str | None = None) -> tuple[str, str, bool]:
    """Save a mapping read from an exported document; (name, kind, replaced).  A document that is not
    one is refused with what is wrong."""
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise UserError("mapping.file_invalid", reason=f"format ≠ {FILE_FORMAT}")
    name, kind, config = document.get("name"), document.get("kind"), document.get("config")
    if not isinstance(name, str) or not name.strip():
        raise UserError("mapping.file_invalid", reason="name")
    if kind not in KINDS:
        raise UserError("mapping.file_invalid", reason=f"kind «{kind}» ({', '.join(KINDS)})")
    if not isinstance(config, dict):
        raise UserError("mapping.file_invalid", reason="config")
    if kind == WIDE:
        config = {"categories": _checked_categories(config.get("categories"))}
    else:
        try:
            config = register_config(register_mapping(name, config))
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError("mapping.file_invalid", reason=f"config: {exc}") from exc
    return name.strip(), kind, _save(store, name, kind, config, institution)
