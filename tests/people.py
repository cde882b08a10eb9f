"""Users for tests of roles and the workflow, on the small institution of tests/builders.py."""

from __future__ import annotations

from scorecard.figures import ResultRow, TargetRow, WriteReport
from scorecard.store import Store
from scorecard.units import UnitSpec
from tests.builders import ids

PASSWORD = "clave-segura-1"

PEOPLE = {
    # name: (role, institution, scope)
    "jefe_09d08": ("commander", "PN", "09D08"),
    "jefe_c04": ("commander", "PN", "09D08C04"),
    "planif": ("planner", "PN", None),
    "planif_fge": ("planner", "FGE", None),
    "autoridad": ("executive", None, None),
    "jefa_ti": ("admin", None, None),
}


def add_people(store: Store) -> None:
    """A second institution (so a planner can be foreign to PN) and one user per role."""
    store.units.load("FGE", [UnitSpec("FGE", "Fiscalía General del Estado", "nacional", None)], name="Fiscalía")
    for name, (role, inst, scope) in PEOPLE.items():
        store.users.add(name, role, institution=inst, scope=scope, password=PASSWORD)


def signed_in(url: str, name: str) -> Store:
    store = Store.open(url)
    store.users.authenticate(name, PASSWORD)
    return store


def write(store: Store, rows: list[ResultRow], **kw: object) -> WriteReport:
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, 202512)
        return store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions}, **kw)


def set_targets(store: Store, rows: list[TargetRow]) -> WriteReport:
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        return store.figures.write_targets(s, inst.id, rows)


def hom(store: Store, unit: str, month: int, value: float, **kw: object) -> ResultRow:
    u, i = ids(store)
    return ResultRow(i["HOM-01"], u[unit], month, value, **kw)  # type: ignore[arg-type]
