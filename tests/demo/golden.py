"""A compact, comparable picture of a demo database: per institution and table, the row count, the sums of
numeric columns and a sha256 of the sorted rows rendered canonically.

Surrogate ids are replaced by natural keys (a unit by its code, an indicator by its code, a batch by its
kind), so two builds that insert the same rows in another order compare equal.  Time stamps of the build
itself (imported_at, created_at, …) are left out; results' ``entered_at`` is the demo's filing date, data.
Read with the standard library's sqlite3 only: nothing of the code under test renders the figures.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

# when the build ran, not what it built
BUILD_TIME = {"created_at", "imported_at", "at", "updated_at", "built_at", "certified_at", "submitted_at"}
# the audit chain hashes the entries' times
CHAIN = {"prev_hash", "hash"}
# columns naming a row of another table, whatever the schema declares
REFERENCES = {
    "institution_id": "institutions",
    "unit_id": "units",
    "parent_id": None,  # the table's own: resolved per table
    "ancestor_id": "units",
    "descendant_id": "units",
    "indicator_id": "indicators",
    "objective_id": "objectives",
    "plan_id": "plans",
    "batch_id": "batches",
    "edition_id": "editions",
    "source_id": "sources",
    "scope_unit_id": "units",
}
# where a row came from (the batch, the file, the cell), not what it says: the demo's figures are loaded by
# the importers now, so these say "import" where they said "demo"; the figures' own hash leaves them out
PROVENANCE = {
    "results": {"source", "source_file", "source_sheet", "source_row", "batch_id"},
    "targets": {"batch_id"},
}
SAMPLES_PER_TABLE = 40
GOLDEN_PATH = Path(__file__).with_name("golden.json")


def _canon(v: Any) -> str:
    if isinstance(v, float):
        return repr(v)
    if v is None:
        return "∅"
    return str(v)


class _Keys:
    """Natural keys of the rows other tables point at, and the institution each belongs to."""

    def __init__(self, db: sqlite3.Connection) -> None:
        q = db.execute
        self.inst = {i: c for i, c in q("select id, code from institutions")}
        self.key: dict[str, dict[int, str]] = {"institutions": dict(self.inst)}
        self.owner: dict[str, dict[int, str]] = {"institutions": dict(self.inst)}
        for table, sql in {
            "units": "select id, code, institution_id from units",
            "indicators": "select id, code, institution_id from indicators",
            "plans": "select id, code, institution_id from plans",
            "sources": "select id, code, institution_id from sources",
            "objectives": "select o.id, o.code, p.institution_id from objectives o join plans p on p.id = o.plan_id",
            "editions": "select id, source || '#' || (select count(*) from editions e2 where e2.institution_id = "
            "e.institution_id and e2.source = e.source and e2.id <= e.id), institution_id from editions e",
        }.items():
            rows = list(q(sql))
            self.key[table] = {i: c for i, c, _ in rows}
            self.owner[table] = {i: self.inst.get(o, "?") for i, _, o in rows}
        self.key["batches"] = {i: k for i, k in q("select id, kind from batches")}
        self.owner["batches"] = {}

    def render(self, table: str, column: str, v: Any) -> Any:
        target = REFERENCES.get(column, "")
        if column == "parent_id":
            target = table
        if target and v is not None and target in self.key:
            return self.key[target].get(v, f"?{v}")
        return v

    def institution_of(self, table: str, row: dict[str, Any]) -> str:
        for column in ("institution_id", "unit_id", "indicator_id", "plan_id", "source_id", "edition_id",
                       "descendant_id"):  # fmt: skip
            v = row.get(column)
            if v is None:
                continue
            if column == "institution_id":
                return self.inst.get(v, "?")
            target = REFERENCES[column]
            assert target is not None
            found = self.owner[target].get(v)
            if found:
                return found
        if table in self.owner and "id" in row:
            return self.owner[table].get(row["id"], "—")
        return "—"


def picture(path: Path) -> dict[str, Any]:
    """{institution: {table: {rows, sums, sha256}}} and readable samples, of the database at ``path``."""
    db = sqlite3.connect(path)
    try:
        keys = _Keys(db)
        tables = [t for (t,) in db.execute("select name from sqlite_master where type='table' order by name")]
        out: dict[str, dict[str, Any]] = defaultdict(dict)
        samples: dict[str, list[list[str]]] = {}
        for table in tables:
            if table.startswith("sqlite_") or table == "alembic_version":
                continue
            cur = db.execute(f'select * from "{table}"')  # names from sqlite_master
            names = [d[0] for d in cur.description]
            kept = [n for n in names if n != "id" and n not in BUILD_TIME and n not in CHAIN]
            groups: dict[str, list[list[str]]] = defaultdict(list)
            sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
            for raw in cur:
                row = dict(zip(names, raw, strict=True))
                inst = keys.institution_of(table, row)
                rendered = [_canon(keys.render(table, n, row[n])) for n in kept]
                groups[inst].append(rendered)
                for n in kept:
                    v = row[n]
                    if isinstance(v, int | float) and not isinstance(v, bool) and n not in REFERENCES:
                        sums[inst][n].append(v)
            for inst, rows in groups.items():
                rows.sort()
                digest = hashlib.sha256("\n".join("\t".join(r) for r in rows).encode()).hexdigest()
                by = kept.index("indicator_id") if "indicator_id" in kept else None
                parts: dict[str, list[str]] = defaultdict(list)
                if by is not None:  # a hash per indicator: a difference is found to the indicator
                    for r in rows:
                        parts[r[by]].append("\t".join(r))
                out[inst][table] = {
                    "columns": kept,
                    "by_indicator": {
                        k: hashlib.sha256("\n".join(v).encode()).hexdigest() for k, v in sorted(parts.items())
                    },
                    "rows": len(rows),
                    "sums": {n: repr(math.fsum(s)) for n, s in sorted(sums[inst].items())},  # order-free
                    "sha256": digest,
                    "figures_sha256": _figures_digest(table, kept, rows),
                }
                # evenly spread rows, readable in a diff
                step = max(1, len(rows) // SAMPLES_PER_TABLE)
                spread = rows[::step][:SAMPLES_PER_TABLE]
                samples[f"{inst}/{table}"] = [["\t".join(kept)], *[["\t".join(r)] for r in spread]]
        return {"tables": dict(out), "samples": {k: [r[0] for r in v] for k, v in samples.items()}}
    finally:
        db.close()


def _figures_digest(table: str, kept: list[str], rows: list[list[str]]) -> str:
    keep = [i for i, n in enumerate(kept) if n not in PROVENANCE.get(table, set())]
    rendered = sorted("\t".join(r[i] for i in keep) for r in rows)
    return hashlib.sha256("\n".join(rendered).encode()).hexdigest()


def without_provenance(table: str, columns: list[str], row: str) -> str:
    """A rendered row with its provenance columns left out (as the figures' hash reads it)."""
    cells = row.split("\t")
    return "\t".join(c for n, c in zip(columns, cells, strict=True) if n not in PROVENANCE.get(table, set()))


def rows_of(path: Path, institution: str, table: str) -> list[str]:
    """The rendered, sorted rows of one table of one institution (to say which row differs)."""
    db = sqlite3.connect(path)
    try:
        keys = _Keys(db)
        cur = db.execute(f'select * from "{table}"')  # a table name from the golden file
        names = [d[0] for d in cur.description]
        kept = [n for n in names if n != "id" and n not in BUILD_TIME and n not in CHAIN]
        out = []
        for raw in cur:
            row = dict(zip(names, raw, strict=True))
            if keys.institution_of(table, row) == institution:
                out.append("\t".join(_canon(keys.render(table, n, row[n])) for n in kept))
        return sorted(out)
    finally:
        db.close()


def dump(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
