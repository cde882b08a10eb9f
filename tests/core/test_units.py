"""Loading unit trees: validated first, written whole or not at all, closure kept, changes audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from scorecard.errors import ValidationFailed
from scorecard.models import AuditEntry, Institution, Unit, UnitClosure, UnitPopulation
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import LEVELS, TREE


@pytest.fixture
def store(db_url: str) -> Store:
    return Store.open(db_url, create=True)


def count(store: Store, model: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_tree_loads_with_its_closure_and_populations(store: Store) -> None:
    change = store.units.load("PN", TREE, name="Policía Nacional", level_names=LEVELS)
    assert (change.units, change.new, change.changed, change.populations) == (10, 10, 0, 3)
    with store.reading() as s:
        z8 = s.scalar(select(Unit.id).where(Unit.code == "Z8"))
        below = set(
            s.scalars(
                select(Unit.code)
                .join(UnitClosure, UnitClosure.descendant_id == Unit.id)
                .where(UnitClosure.ancestor_id == z8)
            )
        )
        assert s.scalar(select(func.sum(UnitPopulation.population))) == 1_000_000
    assert below == {"Z8", "09D08", "09D01", "09D08C04", "09D08C06", "09D01C01"}
    # pairs: every unit with itself (10), its parent (9), grandparent (3 districts + 4 circuits), great-grandparent (4)
    assert count(store, UnitClosure) == 10 + 9 + 7 + 4


def test_reloading_the_same_tree_changes_nothing_and_audits_nothing(store: Store) -> None:
    store.units.load("PN", TREE, level_names=LEVELS)
    audits = count(store, AuditEntry)
    change = store.units.load("PN", TREE)
    assert (change.new, change.changed) == (0, 0)
    assert count(store, AuditEntry) == audits


def test_a_moved_or_renamed_unit_is_audited(store: Store) -> None:
    store.units.load("PN", TREE, level_names=LEVELS)
    moved = [u if u.code != "09D01" else UnitSpec("09D01", "Distrito Sur", "distrito", "Z9") for u in TREE]
    change = store.units.load("PN", moved)
    assert change.changed == 1
    with store.reading() as s:
        updates = select(AuditEntry).where(AuditEntry.entity == "unit", AuditEntry.action == "update")
        # on a server the trigger also records the new units' parents set after their insert: the move is the last
        entry = s.scalars(updates.where(AuditEntry.entity_key.like("%09D01")).order_by(AuditEntry.seq.desc())).first()
        z8 = s.scalar(select(Unit.id).where(Unit.code == "Z8"))
        z9 = s.scalar(select(Unit.id).where(Unit.code == "Z9"))
        below = set(
            s.scalars(
                select(Unit.code)
                .join(UnitClosure, UnitClosure.descendant_id == Unit.id)
                .where(UnitClosure.ancestor_id == z9)
            )
        )
    assert entry is not None
    if store.dialect == "postgresql":  # the changed columns, as the server sees them
        assert (entry.old, entry.new) == ({"name": "Sur", "parent_id": z8}, {"name": "Distrito Sur", "parent_id": z9})
    else:
        assert entry.old == {"name": "Sur", "level": "distrito", "parent": "Z8"}
        assert entry.new == {"name": "Distrito Sur", "level": "distrito", "parent": "Z9"}
    assert {"09D01", "09D01C01"} <= below


def _problems(store: Store, specs: list[UnitSpec]) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ValidationFailed) as exc:
        store.units.load("PN", specs, level_names=LEVELS)
    # nothing written, not even the institution
    assert count(store, Institution) == 0 and count(store, Unit) == 0 and count(store, AuditEntry) == 0
    return [(p.message_id, p.row, str(p.value)) for p in exc.value.problems]


def test_bad_trees_are_refused_whole_with_where_and_why(store: Store) -> None:
    root = UnitSpec("PN", "Policía", "nacional", None, row=2)
    cycle = [root, UnitSpec("A", "A", "zona", "B", row=3), UnitSpec("B", "B", "zona", "A", row=4)]
    assert [p[0] for p in _problems(store, cycle)] == ["unit.cycle"]
    missing = [root, UnitSpec("Z1", "Zona 1", "zona", "Z0", row=3)]
    assert _problems(store, missing) == [("unit.parent_missing", 3, "Z0")]
    dup = [root, UnitSpec("Z1", "Zona 1", "zona", "PN", row=3), UnitSpec("z1", "Otra", "zona", "PN", row=4)]
    assert _problems(store, dup) == [("unit.duplicate", 4, "z1")]
    negative = [root, UnitSpec("Z1", "Zona 1", "zona", "PN", population=-5, year=2025, row=3)]
    assert _problems(store, negative) == [("cell.negative", 3, "-5")]


def test_problem_messages_name_the_place_in_both_languages(store: Store) -> None:
    with pytest.raises(ValidationFailed) as exc:
        store.units.load(
            "PN",
            [
                UnitSpec("PN", "P", "nacional", None, row=2, sheet="unidades"),
                UnitSpec("Z1", "Z", "zona", "Z0", row=7, sheet="unidades"),
            ],
        )
    es, en = exc.value.text("es"), exc.value.text("en")
    assert "fila 7" in es and "«padre»" in es and "Z0" in es and "no se escribió nada" in es
    assert "row 7" in en and "'padre'" in en and "nothing was written" in en


def test_level_names_come_from_the_tree_when_not_given(store: Store) -> None:
    store.units.load("PN", TREE)
    assert store.institutions.get("PN").level_names == tuple(LEVELS)
