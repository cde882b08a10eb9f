"""SQLAlchemy 2.0 tables.  Months are ``yyyymm`` integers; definitions are effective-dated; results keep
their provenance; the audit log is append-only and hash-chained (on PostgreSQL written by the server's triggers).

Mapped classes stay inside the core: front ends get the plain values of :mod:`scorecard.domain`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class, for bulk executemany statements."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Institution(Base):
    __tablename__ = "institutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    green: Mapped[float] = mapped_column(Float, default=0.90)
    yellow: Mapped[float] = mapped_column(Float, default=0.75)
    deadline_days: Mapped[int] = mapped_column(Integer, default=5)  # working days after month end
    # two sources disagree where they differ by more than both of these (percent of the official figure, and
    # events or units of the indicator)
    tolerance_pct: Mapped[float] = mapped_column(Float, default=2.0, server_default="2")
    tolerance_abs: Mapped[float] = mapped_column(Float, default=2.0, server_default="2")
    # a result is told apart from its target by chance below this probability (scorecard.chance)
    alpha: Mapped[float] = mapped_column(Float, default=0.05, server_default="0.05")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class InstitutionThresholds(Base):
    """The institution's default thresholds from a month on (``valid_from``, yyyymm).  Before the first
    row, and where there is none, the institution's own ``green``/``yellow`` hold."""

    __tablename__ = "institution_thresholds"
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), primary_key=True)
    valid_from: Mapped[int] = mapped_column(Integer, primary_key=True)
    green: Mapped[float] = mapped_column(Float)
    yellow: Mapped[float] = mapped_column(Float)


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("institution_id", "code", name="uq_units_institution_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)


class UnitClosure(Base):
    """Every (ancestor, descendant) pair, the unit with itself included: subtree queries are one join."""

    __tablename__ = "unit_closure"
    ancestor_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    descendant_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True)
    distance: Mapped[int] = mapped_column(Integer)


class UnitPopulation(Base):
    __tablename__ = "unit_populations"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    population: Mapped[int] = mapped_column(Integer)


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("institution_id", "code", name="uq_plans_institution_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)


class Objective(Base):
    __tablename__ = "objectives"
    __table_args__ = (
        UniqueConstraint("plan_id", "code", name="uq_objectives_plan_code"),
        CheckConstraint("weight >= 0", name="weight_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))  # strategic | operational
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id"))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    alignment: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Indicator(Base):
    """The stable part of the ficha; what scores it lives in :class:`IndicatorVersion`."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("institution_id", "code", name="uq_indicators_institution_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    unit_of_measure: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(300))
    responsible: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # the code of the source whose figures the scorecard uses (a :class:`Source` of the institution); none:
    # the institution's implicit source ``OFICIAL``
    official_source: Mapped[str | None] = mapped_column(String(32))


class IndicatorVersion(Base):
    """The definition in force from ``valid_from`` (yyyymm) until the next version."""

    __tablename__ = "indicator_versions"
    __table_args__ = (
        UniqueConstraint("indicator_id", "valid_from", name="uq_indicator_versions_indicator_from"),
        CheckConstraint("weight >= 0", name="weight_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    polarity: Mapped[str] = mapped_column(String(24))
    frequency: Mapped[str] = mapped_column(String(16))
    factor: Mapped[float] = mapped_column(Float, default=1.0)
    method: Mapped[str] = mapped_column(String(16), default="target")
    band_min: Mapped[float | None] = mapped_column(Float)
    band_max: Mapped[float | None] = mapped_column(Float)
    baseline: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    green: Mapped[float | None] = mapped_column(Float)
    yellow: Mapped[float | None] = mapped_column(Float)
    levels: Mapped[list[str]] = mapped_column(JSON, default=list)
    formula: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class UnitBaseline(Base):
    __tablename__ = "unit_baselines"
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    year: Mapped[int | None] = mapped_column(Integer)


class Target(Base):
    """A target (meta) as a figure of the indicator: a count, a stock, a mean, or a rate for ratios."""

    __tablename__ = "targets"
    # key order serves "these indicators, these months" (an institution's whole tree) and the
    # (unit, month) index serves subtree reads through the closure table
    __table_args__ = (
        UniqueConstraint("indicator_id", "month", "unit_id", name="uq_targets_key"),
        Index("ix_targets_unit_month", "unit_id", "month"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class Result(Base):
    __tablename__ = "results"
    __table_args__ = (
        UniqueConstraint("indicator_id", "month", "unit_id", name="uq_results_key"),
        Index("ix_results_unit_month", "unit_id", "month"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)  # for ratios: numerator / denominator × factor
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    observations: Mapped[float | None] = mapped_column(Float)  # averages: how many cases the mean is of
    comment: Mapped[str | None] = mapped_column(Text)
    cause: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="typed")  # typed | import | demo
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_sheet: Mapped[str | None] = mapped_column(String(200))
    source_row: Mapped[int | None] = mapped_column(Integer)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"))  # no index: see migration 0005
    entered_by: Mapped[str | None] = mapped_column(String(64))
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class Batch(Base):
    """One import or bulk load: what every value it wrote points back to."""

    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    file: Mapped[str | None] = mapped_column(String(500))
    user: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Source(Base):
    """A source of an institution's figures (a register, a national summary, another publisher)."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("institution_id", "code", name="uq_sources_institution_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Edition(Base):
    """One import of a source: what it covered (indicators, months) and when.  An import that changed
    nothing is an edition too (it gave the same figures again)."""

    __tablename__ = "editions"
    __table_args__ = (Index("ix_editions_institution_source", "institution_id", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"))
    kind: Mapped[str] = mapped_column(String(32))
    file: Mapped[str | None] = mapped_column(String(500))
    user: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    indicator_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    first_month: Mapped[int] = mapped_column(Integer)
    last_month: Mapped[int] = mapped_column(Integer)


class EditionValue(Base):
    """The figures an edition created or changed (unchanged ones are not repeated): the figure as of an
    edition is the latest of these at or before it."""

    __tablename__ = "edition_values"  # read by edition and indicator: the primary key's order (migration 0010)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    observations: Mapped[float | None] = mapped_column(Float)


class SourceFigure(Base):
    """A figure of a source that is not the indicator's official one (those are the ``results``)."""

    __tablename__ = "source_figures"
    __table_args__ = (
        UniqueConstraint("source_id", "indicator_id", "month", "unit_id", name="uq_source_figures_key"),
        Index("ix_source_figures_indicator_month", "indicator_id", "month"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    observations: Mapped[float | None] = mapped_column(Float)
    edition_id: Mapped[int | None] = mapped_column(ForeignKey("editions.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RegisterEvent(Base):
    """One event of a register edition, by the mapping's key columns: two registers' events compared."""

    __tablename__ = "register_events"
    __table_args__ = (Index("ix_register_events_edition_month", "edition_id", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(500))
    row: Mapped[int] = mapped_column(Integer)


class Certification(Base):
    """The figure an institution answers for in a unit-month of an indicator: one source's, or a reconciled
    figure typed by the planning office.  ``basis`` keeps every source's figure when it was certified: a
    later edition that differs is a pending revision until someone certifies again."""

    __tablename__ = "certifications"
    __table_args__ = (
        UniqueConstraint("indicator_id", "month", "unit_id", name="uq_certifications_key"),
        Index("ix_certifications_unit_month", "unit_id", "month"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    observations: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(String(32))  # none: a reconciled figure typed by the office
    reason: Mapped[str] = mapped_column(Text)
    basis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    certified_by: Mapped[str | None] = mapped_column(String(64))
    certified_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (
        UniqueConstraint("unit_id", "month", name="uq_submissions_unit_month"),
        Index("ix_submissions_month_state", "month", "state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="open")
    reason: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class AuditEntry(Base):
    """Append-only: the application only ever inserts here."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_key"),
        Index("ix_audit_log_unit_month", "unit_id", "month"),
        Index("ix_audit_log_indicator_month", "indicator_id", "month"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(200))
    institution_id: Mapped[int | None] = mapped_column(Integer, index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    indicator_id: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(Integer)
    # the database login that made the change (on a server: the trigger's session_user; ``user`` is the app
    # user, the same unless the app said otherwise), and the entry's place in the hash chain
    db_user: Mapped[str | None] = mapped_column(String(64))
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AuditChain(Base):
    """The chain's head: the last entry's position and hash (a removed last entry shows against it)."""

    __tablename__ = "audit_chain"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str | None] = mapped_column(String(64))


class SavedMapping(Base):
    """A column mapping for registers and long tables, saved so the next import of the same file kind
    needs no questions (e.g. the bundled ``mdi-homicidios``)."""

    __tablename__ = "saved_mappings"
    __table_args__ = (UniqueConstraint("name", name="uq_saved_mappings_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ScorecardCache(Base):
    """Finished scorecards of large units (derived data: deleted by every write to their institution,
    rebuilt on demand by :mod:`scorecard.view_cache`)."""

    __tablename__ = "scorecard_cache"
    __table_args__ = (
        UniqueConstraint("institution_id", "period", "ytd", "unit_id", "built_by", name="uq_scorecard_cache_key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(20))
    ytd: Mapped[bool] = mapped_column(default=False)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # on a server, whose cache it is (each user reads only their own: nobody plants a scorecard for others)
    built_by: Mapped[str] = mapped_column(String(64), server_default="")
    built_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id"))
    scope_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
