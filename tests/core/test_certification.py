"""A certified figure of a ratio and of a count through the core, against arithmetic done here on the raw
tables (the demo's HOM-02: homicides per 100 000, annualised; HOM-01: homicides)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scorecard.certification import certify, listed
from scorecard.errors import UserError
from scorecard.store import Store


@pytest.fixture
def store(demo_copy: Path) -> Store:
    return Store.open(str(demo_copy))


def raw(store: Store, indicator: str, month: int) -> tuple[dict[str, tuple[float, float]], dict[str, str | None]]:
    """(numerator, denominator) per unit code as filed, and each unit's parent, straight from the tables."""
    with create_engine(store.engine.url).connect() as conn:
        figures = {
            code: (num, den)
            for code, num, den in conn.execute(
                text(
                    "select u.code, r.numerator, r.denominator from results r join units u on u.id = r.unit_id "
                    "join indicators i on i.id = r.indicator_id where i.code = :c and r.month = :m"
                ),
                {"c": indicator, "m": month},
            )
        }
        parent = dict(
            conn.execute(
                text(
                    "select u.code, p.code from units u left join units p on p.id = u.parent_id "
                    "join institutions i on i.id = u.institution_id where i.code = 'PN'"
                )
            ).all()
        )
    return figures, parent


def under(code: str, top: str, parent: dict[str, str | None]) -> bool:
    while code is not None:
        if code == top:
            return True
        code = parent.get(code)  # type: ignore[assignment]
    return False


def test_a_typed_rate_keeps_the_official_denominator_and_rolls_up(store: Store) -> None:
    figures, parent = raw(store, "HOM-02", 202509)
    num_z8 = sum(n for c, (n, _d) in figures.items() if under(c, "Z8", parent))
    den_z8 = sum(d for c, (_n, d) in figures.items() if under(c, "Z8", parent))
    assert num_z8 > 0 and den_z8 > 0
    done = certify(store, "PN", "HOM-02", "Z8", "2025-09", value=50.0, reason="Conciliado con INEC")
    assert done.basis == {"mdi": pytest.approx(num_z8 / den_z8 * 100_000)}
    z8 = store.scoring.value("PN", "HOM-02", "Z8", "2025-09")
    assert z8["value"] == pytest.approx(50.0) and z8["denominator"] == pytest.approx(den_z8)
    assert z8["numerator"] == pytest.approx(50.0 * den_z8 / 100_000) and z8["certified"] is True
    national = store.scoring.value("PN", "HOM-02", "PN", "2025-09")
    num = sum(n for n, _d in figures.values()) - num_z8 + 50.0 * den_z8 / 100_000
    den = sum(d for _n, d in figures.values())
    assert national["value"] == pytest.approx(num / den * 100_000)
    assert national["certified"] is False and national["certified_in"] == 1


def test_a_count_certified_from_a_source_is_audited_and_listed(store: Store) -> None:
    _figures, parent = raw(store, "HOM-01", 202509)
    with create_engine(store.engine.url).connect() as conn:
        values = dict(
            conn.execute(
                text(
                    "select u.code, r.value from results r join units u on u.id = r.unit_id join indicators i "
                    "on i.id = r.indicator_id where i.code = 'HOM-01' and r.month = 202509"
                )
            ).all()
        )
    district = sum(v for c, v in values.items() if under(c, "09D08", parent))
    done = certify(store, "PN", "HOM-01", "09D08", "2025-09", source="mdi", reason="Cifra del registro")
    assert done.value == district and done.source == "mdi"
    rows = listed(store, "PN", "2025-09")
    assert [(r["unit"], r["indicator"], r["value"], r["source"]) for r in rows] == [
        ("09D08", "HOM-01", district, "mdi")
    ]
    entries = store.audit.entries(entity="certification", month=202509)
    assert any(e.action == "certify" and e.reason == "Cifra del registro" for e in entries)
    with pytest.raises(UserError) as exc:
        certify(store, "PN", "HOM-01", "09D08", "2025-09", source="inec", reason="x")
    assert exc.value.message_id == "source.unknown"
    with pytest.raises(UserError) as exc:
        certify(store, "PN", "HOM-01", "09D08", "2025-09", value=-1, reason="x")
    assert exc.value.message_id == "certify.value"
    assert len(listed(store, "PN")) == 1
