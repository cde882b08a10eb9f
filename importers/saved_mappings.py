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
    name = m.name.strip()
    if not name:
        raise UserError("import.mapping_name_missing")
    with store.transaction() as s:
        inst_id = store.institution(s, institution).id if institution else None
        row = s.scalar(select(SavedMapping).where(SavedMapping.name == name))
        if row is None:
            row = SavedMapping(name=name, kind=REGISTER)
            s.add(row)
        elif row.kind != REGISTER:
            raise UserError("import.mapping_kind_taken", name=name, kind=row.kind)
        row.institution_id = inst_id
        row.config = register_config(m)
        row.updated_at = utcnow()
