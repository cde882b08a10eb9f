"""Unit trees: validated, atomic loading (new and changed units, populations), the closure table, look-ups."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import record
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.models import Unit, UnitClosure, UnitPopulation, table_of

if TYPE_CHECKING:
    from scorecard.rollup import Tree
    from scorecard.store import Store


@dataclass(frozen=True)
class UnitSpec:
    """One unit as a file or a register describes it; ``row`` says where, for messages."""

    code: str
    name: str
    level: str
    parent: str | None
    population: int | None = None
    year: int | None = None
    row: int | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None


@dataclass
class TreeChange:
    institution: str
    units: int = 0
    new: int = 0
    changed: int = 0
    populations: int = 0
    new_codes: list[str] = field(default_factory=list)
    root_created: UnitSpec | None = None  # the institution's root, made because the sheet had several tops

    def as_json(self) -> dict[str, Any]:
        made = self.root_created
        return {
            "institution": self.institution,
            "units": self.units,
            "new": self.new,
            "changed": self.changed,
            "populations": self.populations,
            "root_created": None if made is None else {"code": made.code, "name": made.name, "level": made.level},
        }


ROOT_LEVEL = "nacional"  # the level of a root the app makes (the police tree's own name for it)


def hang_under_root(
    specs: list[UnitSpec], stored_root: str | None, institution: tuple[str, str, list[str]]
) -> tuple[list[UnitSpec], UnitSpec | None]:
    """Units without a parent hang under the institution's root: the stored one, else the file's only
    top unit (a single-root tree is unchanged), else a root made from the institution (code and name;
    its first level name when the file does not use it, else ``nacional``).  Returns the specs with
    their parents set, and the made root (first in the list) or None."""
    tops = [s for s in specs if not s.parent and s.code]
    made: UnitSpec | None = None
    if stored_root is not None:
        root = stored_root
    elif len(tops) <= 1:
        return specs, None
    else:
        code, name, level_names = institution
        own = next((s for s in tops if s.code.upper() == code.upper()), None)
        if own is not None:
            root = own.code
        else:
            used = {s.level.lower() for s in specs}
            level = level_names[0] if level_names and level_names[0].lower() not in used else ROOT_LEVEL
            made = UnitSpec(code, name or code, level, None)
            root = code
    out = [replace(s, parent=root) if not s.parent and s.code and s.code.upper() != root.upper() else s for s in specs]
    return ([made] if made else []) + out, made


def validate_tree(specs: list[UnitSpec], existing: dict[str, tuple[str | None, str]]) -> list[Problem]:
    """Problems of a unit list against the units already stored (code → (parent code, level)).

    Duplicate codes, parents found nowhere, cycles, a second root.
    """
    problems: list[Problem] = []
    seen: dict[str, UnitSpec] = {}
    for spec in specs:
        key = spec.code.upper()
        if not spec.code:
            problems.append(Problem("cell.required", sheet=spec.sheet, row=spec.row, column="codigo"))
            continue
        if key in seen:
            problems.append(Problem("unit.duplicate", sheet=spec.sheet, row=spec.row, column="codigo", value=spec.code))
            continue
        seen[key] = spec
        if not spec.name:
            problems.append(Problem("cell.required", sheet=spec.sheet, row=spec.row, column="nombre"))
        if not spec.level:
            problems.append(Problem("cell.required", sheet=spec.sheet, row=spec.row, column="nivel"))
        if spec.population is not None and spec.population < 0:
            problems.append(
                Problem("cell.negative", sheet=spec.sheet, row=spec.row, column="poblacion", value=spec.population)
            )
    parent_of: dict[str, str | None] = {c.upper(): (p.upper() if p else None) for c, (p, _l) in existing.items()}
    for key, spec in seen.items():
        parent_of[key] = spec.parent.upper() if spec.parent else None
    for key, spec in seen.items():
        parent = parent_of[key]
        if parent and parent not in parent_of:
            problems.append(
                Problem("unit.parent_missing", sheet=spec.sheet, row=spec.row, column="padre", value=spec.parent)
            )
    problems += _cycles(seen, parent_of)
    roots = [k for k, p in parent_of.items() if p is None]
    if len(roots) > 1:
        stored_roots = [k for k in roots if k not in seen]
        first = stored_roots[0] if stored_roots else roots[0]
        for k in roots:
            if k != first and k in seen:
                spec = seen[k]
                problems.append(
                    Problem(
                        "unit.second_root", sheet=spec.sheet, row=spec.row, column="padre", value=spec.code, root=first
                    )
                )
    return problems


def _cycles(seen: dict[str, UnitSpec], parent_of: dict[str, str | None]) -> list[Problem]:
    """One problem per cycle, walking up from each unit of the file."""
    problems: list[Problem] = []
    reported: set[str] = set()
    for key, spec in seen.items():
        path = [key]
        node = parent_of.get(key)
        while node is not None and node in parent_of:
            if node in path:
                cycle = [*path[path.index(node) :], node]
                if not reported.intersection(cycle):
                    problems.append(
                        Problem("unit.cycle", sheet=spec.sheet, row=spec.row, column="padre", value=" → ".join(cycle))
                    )
                    reported.update(cycle)
                break
            path.append(node)
            node = parent_of.get(node)
    return problems


class Units:
    def __init__(self, store: Store) -> None:
        self.store = store

    def load(
        self,
        institution: str,
        specs: list[UnitSpec],
        *,
        name: str | None = None,
        level_names: list[str] | None = None,
        session: Session | None = None,
    ) -> TreeChange:
        """Create or update an institution's units from ``specs`` (all or nothing)."""
        if session is None:
            with self.store.transaction() as s:
                return self.load(institution, specs, name=name, level_names=level_names, session=s)
        inst, _created = self.store.institutions.ensure(session, institution, name, level_names=level_names)
        access.require_planner(session, self.store.actor, inst.id, "units.load")
        stored = {u.code: u for u in session.scalars(select(Unit).where(Unit.institution_id == inst.id))}
        by_id = {u.id: u.code for u in stored.values()}
        existing = {c: (by_id.get(u.parent_id) if u.parent_id else None, u.level) for c, u in stored.items()}
        stored_root = next((c for c, u in stored.items() if u.parent_id is None), None)
        specs, made = hang_under_root(specs, stored_root, (inst.code, inst.name, list(inst.level_names or [])))
        problems = validate_tree(specs, existing)
        if problems:
            raise ValidationFailed(problems)

        change = TreeChange(inst.code, root_created=made)
        if made is not None and inst.level_names and made.level not in inst.level_names:
            inst.level_names = [made.level, *inst.level_names]
        upper = {c.upper(): u for c, u in stored.items()}
        audit: list[dict[str, Any]] = []
        # insert new units first (parents before children), then set every parent
        new_specs = [spec for spec in specs if spec.code.upper() not in upper]
        if new_specs:
            session.execute(
                insert(Unit),
                [
                    {
                        "institution_id": inst.id,
                        "code": spec.code,
                        "name": spec.name,
                        "level": spec.level,
                        "parent_id": None,
                    }
                    for spec in new_specs
                ],
            )
            for u in session.scalars(select(Unit).where(Unit.institution_id == inst.id)):
                upper[u.code.upper()] = u
            change.new = len(new_specs)
            change.new_codes = [spec.code for spec in new_specs]
        parent_updates = []
        new_keys = {n.code.upper() for n in new_specs}
        for spec in specs:
            unit = upper[spec.code.upper()]
            parent_id = upper[spec.parent.upper()].id if spec.parent else None
            is_new = spec.code.upper() in new_keys
            before = {"name": unit.name, "level": unit.level, "parent": by_id.get(unit.parent_id or -1)}
            after = {"name": spec.name, "level": spec.level, "parent": spec.parent and upper[spec.parent.upper()].code}
            if is_new:
                parent_updates.append({"uid": unit.id, "parent_id": parent_id, "name": spec.name, "level": spec.level})
                continue
            if before != after:
                parent_updates.append({"uid": unit.id, "parent_id": parent_id, "name": spec.name, "level": spec.level})
                change.changed += 1
                audit.append(
                    {
                        "action": "update",
                        "entity": "unit",
                        "entity_key": f"{inst.code}/{unit.code}",
                        "institution_id": inst.id,
                        "unit_id": unit.id,
                        "old": before,
                        "new": after,
                    }
                )
        if parent_updates:
            from sqlalchemy import bindparam

            session.connection().execute(
                update(table_of(Unit))
                .where(table_of(Unit).c.id == bindparam("uid"))
                .values(parent_id=bindparam("parent_id"), name=bindparam("name"), level=bindparam("level")),
                parent_updates,
            )
        if new_specs:
            audit.append(
                {
                    "action": "create",
                    "entity": "unit",
                    "entity_key": f"{inst.code}/*",
                    "institution_id": inst.id,
                    "old": None,
                    "new": {"count": len(new_specs), "codes": change.new_codes[:50]},
                }
            )
        populations = self._populations(session, specs, upper)
        change.populations = len(populations)
        if populations:
            code_of = {u.id: u.code for u in upper.values()}
            audit.append(
                {
                    "action": "update",
                    "entity": "population",
                    "entity_key": f"{inst.code}/*",
                    "institution_id": inst.id,
                    "old": None,
                    "new": {f"{code_of[u]}/{y}": p for (u, y), p in list(populations.items())[:200]},
                    "reason": f"{len(populations)} poblaciones",
                }
            )
        self.rebuild_closure(session, inst.id)
        if not inst.level_names:
            inst.level_names = self._levels_by_depth(session, inst.id)
        change.units = len(upper)
        record(session, self.store.user, audit)
        if change.new or change.changed or change.populations:
            view_cache.invalidate(session, inst.id)
        return change

    def _populations(
        self, session: Session, specs: list[UnitSpec], upper: dict[str, Unit]
    ) -> dict[tuple[int, int], int]:
        """Write the populations that differ from the stored ones; returns them ((unit, year) → population)."""
        given = {
            (upper[spec.code.upper()].id, spec.year): spec.population
            for spec in specs
            if spec.population is not None and spec.year is not None
        }
        if not given:
            return {}
        stored = {
            (p.unit_id, p.year): p.population
            for p in session.scalars(select(UnitPopulation).where(UnitPopulation.unit_id.in_({k[0] for k in given})))
        }
        changed = {k: v for k, v in given.items() if stored.get(k) != v}
        for (unit_id, year), population in changed.items():
            if (unit_id, year) in stored:
                session.execute(
                    update(UnitPopulation)
                    .where(UnitPopulation.unit_id == unit_id, UnitPopulation.year == year)
                    .values(population=population)
                )
        fresh = [{"unit_id": u, "year": y, "population": p} for (u, y), p in changed.items() if (u, y) not in stored]
        if fresh:
            session.execute(insert(UnitPopulation), fresh)
        return changed

    @staticmethod
    def rebuild_closure(session: Session, institution_id: int) -> None:
        units = session.execute(select(Unit.id, Unit.parent_id).where(Unit.institution_id == institution_id)).all()
        parent = dict(units)
        ids = list(parent)
        if ids:
            session.execute(
                delete(UnitClosure).where(
                    UnitClosure.descendant_id.in_(select(Unit.id).where(Unit.institution_id == institution_id))
                )
            )
        rows = []
        for uid in ids:
            node: int | None = uid
            distance = 0
            while node is not None:
                rows.append({"ancestor_id": node, "descendant_id": uid, "distance": distance})
                node = parent.get(node)
                distance += 1
        if rows:
            session.execute(insert(UnitClosure), rows)

    @staticmethod
    def _levels_by_depth(session: Session, institution_id: int) -> list[str]:
        """Level names from the root down, as the stored tree uses them (for institutions loaded without)."""
        from sqlalchemy import func

        rows = session.execute(
            select(Unit.level, func.max(UnitClosure.distance))
            .join(UnitClosure, UnitClosure.descendant_id == Unit.id)
            .where(Unit.institution_id == institution_id)
            .group_by(Unit.id, Unit.level)
        ).all()
        depth: dict[str, int] = {}
        for level, d in rows:
            depth[level] = min(depth.get(level, d), d)
        return sorted(depth, key=lambda lvl: depth[lvl])

    # --- look-ups --------------------------------------------------------------------------------------

    def find(self, session: Session, institution_id: int, code: str, institution_code: str = "") -> Unit:
        from sqlalchemy import func

        unit = session.scalar(
            select(Unit).where(Unit.institution_id == institution_id, func.upper(Unit.code) == code.strip().upper())
        )
        if unit is None:
            known = list(session.scalars(select(Unit.code).where(Unit.institution_id == institution_id)))
            raise UserError("unit.unknown", code=code, institution=institution_code, candidates=known)
        return unit

    @staticmethod
    def root(session: Session, institution_id: int) -> Unit:
        unit = session.scalar(
            select(Unit).where(Unit.institution_id == institution_id, Unit.parent_id.is_(None)).order_by(Unit.id)
        )
        if unit is None:
            raise UserError("unit.unknown", code="(raíz)", institution=institution_id, candidates=[])
        return unit

    @staticmethod
    def subtree(session: Session, unit_id: int) -> tuple[Tree, list[UnitInfo]]:
        """The unit and everything below it, as a dense :class:`Tree` plus the units in the same order."""
        from scorecard.rollup import Tree  # numpy/pandas: not for finding a unit

        rows = session.execute(
            select(Unit.id, Unit.code, Unit.name, Unit.level, Unit.parent_id)
            .join(UnitClosure, UnitClosure.descendant_id == Unit.id)
            .where(UnitClosure.ancestor_id == unit_id)
            .order_by(UnitClosure.distance, Unit.code)
        ).all()
        infos = [UnitInfo(r.id, r.code, r.name, r.level, r.parent_id) for r in rows]
        # the selected unit is the root of its subtree whatever its parent
        parents = [None if i == 0 else u.parent_id for i, u in enumerate(infos)]
        tree = Tree.build([u.id for u in infos], parents, [u.level for u in infos])
        return tree, infos

    def list(self, institution: str, session: Session | None = None) -> list[UnitInfo]:
        if session is None:
            with self.store.reading() as s:
                return self.list(institution, s)
        inst = self.store.institution(session, institution)
        rows = session.execute(
            select(Unit.id, Unit.code, Unit.name, Unit.level, Unit.parent_id)
            .where(Unit.institution_id == inst.id)
            .order_by(Unit.code)
        ).all()
        return [UnitInfo(*r) for r in rows]

    @staticmethod
    def populations(session: Session, unit_ids: builtins.list[int], year: int) -> dict[int, int]:
        rows = session.execute(
            select(UnitPopulation.unit_id, UnitPopulation.population).where(UnitPopulation.year == year)
        ).all()
        wanted = set(unit_ids)
        return {u: p for u, p in rows if u in wanted}
