"""Plans: validation, round trip of the spec, effective-dated definitions."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.errors import ValidationFailed
from scorecard.models import AuditEntry, Indicator, IndicatorVersion, Objective
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec
from scorecard.scoring import shape_view
from scorecard.store import Store
from tests.builders import PLAN, file_month, load_small


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url, create=True)
    load_small(s, figures=False)
    return s


def test_the_plan_reads_back_as_it_was_loaded(store: Store) -> None:
    spec = store.plans.spec("PN")
    assert spec.objectives == PLAN.objectives
    levels = {i.code: i.levels for i in spec.indicators}
    assert levels["HOM-01"] == ("circuito",)
    assert spec.indicators == tuple(dataclasses.replace(i, row=None) for i in PLAN.indicators)


def test_reloading_the_same_plan_changes_nothing(store: Store) -> None:
    with store.reading() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    change = store.plans.load("PN", PLAN, effective_from=202503)
    assert (change.new, change.changed, change.new_versions) == (0, 0, [])
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert s.scalar(select(func.count()).select_from(IndicatorVersion)) == len(PLAN.indicators)


def _bad(store: Store, spec: PlanSpec) -> list[tuple[str, str | None, int | None]]:
    with store.reading() as s:
        before = (
            s.scalar(select(func.count()).select_from(Objective)),
            s.scalar(select(func.count()).select_from(Indicator)),
        )
    with pytest.raises(ValidationFailed) as exc:
        store.plans.load("PN", spec)
    with store.reading() as s:
        after = (
            s.scalar(select(func.count()).select_from(Objective)),
            s.scalar(select(func.count()).select_from(Indicator)),
        )
    assert after == before
    return [(p.message_id, p.column, p.row) for p in exc.value.problems]


def test_bad_plans_are_refused_whole(store: Store) -> None:
    o = ObjectiveSpec("N1", "Nuevo", ObjectiveKind.STRATEGIC, row=2)
    base = IndicatorSpec("N-01", "Nuevo", "N1", Polarity.HIGHER_IS_BETTER, Kind.COUNT, row=2)
    cases = {
        "negative weight": (dataclasses.replace(base, weight=-1), ("cell.negative", "peso", 2)),
        "ratio without factor": (
            dataclasses.replace(base, kind=Kind.RATIO, factor=0),
            ("plan.ratio_factor", "factor", 2),
        ),
        "band without bounds": (
            dataclasses.replace(base, polarity=Polarity.IN_BAND, band_min=80, band_max=60),
            ("plan.band", "banda_min", 2),
        ),
        "baseline method without baseline": (
            dataclasses.replace(base, method=Method.BASELINE),
            ("plan.baseline", "linea_base", 2),
        ),
        "unknown objective": (dataclasses.replace(base, objective="N9"), ("plan.objective_unknown", "objetivo", 2)),
        "unknown level": (dataclasses.replace(base, levels=("parroquia",)), ("plan.level_unknown", "niveles", 2)),
        "thresholds upside down": (
            dataclasses.replace(base, green=0.7, yellow=0.8),
            ("plan.thresholds", "umbral_verde", 2),
        ),
    }
    for name, (indicator, expected) in cases.items():
        assert _bad(store, PlanSpec((o,), (indicator,))) == [expected], name
    orphan = ObjectiveSpec("N2", "Operativo", ObjectiveKind.OPERATIONAL, None, row=3)
    assert _bad(store, PlanSpec((o, orphan), ())) == [("plan.operational_without_parent", "padre", 3)]
    deep = ObjectiveSpec("N3", "Bajo operativo", ObjectiveKind.OPERATIONAL, "N2", row=4)
    op = ObjectiveSpec("N2", "Operativo", ObjectiveKind.OPERATIONAL, "N1", row=3)
    assert _bad(store, PlanSpec((o, op, deep), ())) == [("plan.parent_not_strategic", "padre", 4)]


def test_a_redefinition_applies_from_its_month_and_is_audited(store: Store) -> None:
    file_month(store, 202501)
    file_month(store, 202503)
    before_jan = store.scoring.scorecard("PN", "2025-01")
    stricter = tuple(
        dataclasses.replace(i, green=0.99, yellow=0.95) if i.code == "HOM-01" else i for i in PLAN.indicators
    )
    change = store.plans.load("PN", dataclasses.replace(PLAN, indicators=stricter), effective_from=202503)
    assert change.new_versions == ["HOM-01"]
    assert store.scoring.scorecard("PN", "2025-01") == before_jan
    march = {i.code: i.status.key for o in store.scoring.scorecard("PN", "2025-03").objectives for i in o.indicators}
    assert march["HOM-01"] == "red"  # 11 / 12 = 0.917 is below the new 0.95
    with store.reading() as s:
        if store.dialect == "postgresql":  # the server's trigger: the new version row
            entry = s.scalars(
                select(AuditEntry).where(AuditEntry.entity == "indicator_version", AuditEntry.month == 202503)
            ).one()
            assert entry.action == "create" and entry.old is None
        else:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "definition")).one()
            assert entry.old["green"] is None
    assert entry.new["green"] == 0.99 and entry.month == 202503


CHANGES = st.fixed_dictionaries(
    {
        "polarity": st.sampled_from([Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER]),
        "kind": st.sampled_from([Kind.COUNT, Kind.STOCK]),
        "frequency": st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY]),
        "weight": st.floats(0, 5),
        "green": st.sampled_from([None, 0.95, 0.8]),
    }
)


@pytest.fixture(scope="module")
def filed_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("law") / "law.sqlite", create=True)
    load_small(store, figures=False)
    for month in (202501, 202502, 202503, 202504):
        file_month(store, month)
    return store


class Rollback(Exception):
    pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    code=st.sampled_from([i.code for i in PLAN.indicators]),
    change=CHANGES,
    effective=st.sampled_from([202502, 202503, 202504]),
)
def test_a_closed_period_scores_with_the_definitions_in_force_then(
    filed_store: Store, code: str, change: dict[str, object], effective: int
) -> None:
    """Whatever is redefined from a month on, every earlier month keeps its scorecard."""
    store = filed_store
    values = dict(change)
    values["yellow"] = None if values["green"] is None else 0.7
    redefined = tuple(
        dataclasses.replace(i, **values)
        if i.code == code
        and i.kind is not Kind.RATIO
        and i.polarity is not Polarity.IN_BAND
        and i.method is not Method.BASELINE
        else i
        for i in PLAN.indicators
    )
    earlier = [m for m in (202501, 202502, 202503) if m < effective]
    try:
        with store.transaction() as s:
            before = [shape_view(store.scoring.compute(s, "PN", f"{m // 100}-{m % 100:02d}")) for m in earlier]
            store.plans.load("PN", dataclasses.replace(PLAN, indicators=redefined), effective_from=effective, session=s)
            after = [shape_view(store.scoring.compute(s, "PN", f"{m // 100}-{m % 100:02d}")) for m in earlier]
            assert after == before
            raise Rollback
    except Rollback:
        pass
