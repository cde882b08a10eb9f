"""Register mappings the user edited: saved in ``saved_mappings``, found again over the bundled ones; and
the register import's hooks the import wizard uses (an edited mapping, a checkpoint that cancels inside
the transaction, the changed figures)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from importers.register import BUNDLED, import_register
from importers.saved_mappings import register_mappings, save_register_mapping
from scorecard.errors import UserError
from scorecard.models import Batch, Result, SavedMapping
from scorecard.store import Store
from tests.builders import load_small
from tests.importers.test_register import REGISTER, police_without_figures


def test_a_saved_mapping_round_trips_and_replaces_by_name(db_url: str) -> None:
    store = Store.open(db_url, create=True)
    load_small(store, figures=False)
    edited = replace(BUNDLED["mdi-homicidios"], name="solo-sicariato", filter_values=("SICARIATO",))
    save_register_mapping(store, edited, "PN")
    found = register_mappings(store)
    assert found["solo-sicariato"] == edited
    assert found["mdi-homicidios"] == BUNDLED["mdi-homicidios"]
    save_register_mapping(store, replace(edited, indicator="HOM-02"), None)
    assert register_mappings(store)["solo-sicariato"].indicator == "HOM-02"
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(SavedMapping)) == 1
        assert s.scalar(select(SavedMapping.institution_id)) is None


def test_a_name_is_required_and_never_taken_from_another_kind(db_url: str) -> None:
    store = Store.open(db_url, create=True)
    load_small(store, figures=False)
    with pytest.raises(UserError) as empty:
        save_register_mapping(store, replace(BUNDLED["mdi-homicidios"], name="  "))
    assert empty.value.message_id == "import.mapping_name_missing"
    with store.transaction() as s:
        s.add(SavedMapping(name="plantilla", kind="long", config={}))
    with pytest.raises(UserError) as taken:
        save_register_mapping(store, replace(BUNDLED["mdi-homicidios"], name="plantilla"))
    assert "plantilla" in taken.value.text("es") and "long" in taken.value.text("en")


def test_a_checkpoint_that_raises_writes_nothing(tmp_path: Path) -> None:
    store = police_without_figures(tmp_path / "pn.sqlite")
    stages: list[str] = []

    class Stop(Exception):
        pass

    def checkpoint(stage: str) -> None:
        stages.append(stage)
        if stage == "written":
            raise Stop

    with pytest.raises(Stop):
        import_register(store, REGISTER, "PN", "mdi-homicidios", checkpoint=checkpoint)
    assert stages == ["read", "written"]
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Result)) == 0
        assert s.scalar(select(func.count()).select_from(Batch)) == 0


def test_an_edited_mapping_counts_only_its_rows_and_details_show_changes(tmp_path: Path) -> None:
    store = police_without_figures(tmp_path / "pn.sqlite")
    import_register(store, REGISTER, "PN", "mdi-homicidios")
    only = replace(BUNDLED["mdi-homicidios"], name="solo-sicariato", filter_values=("SICARIATO",))
    out = import_register(store, REGISTER, "PN", only, dry_run=True, details=True)
    assert out["skipped"] == 7553 - 27  # every row but the 27 sicariatos
    assert out["new"] == 0 and out["changed"] > 1000
    assert len(out["changes"]) == 1000  # the first thousand are listed; the count is exact
    assert all(c["new"]["value"] < c["old"]["value"] for c in out["changes"])  # fewer events counted
    assert "changes" not in import_register(store, REGISTER, "PN", "mdi-homicidios", dry_run=True)


def test_the_command_line_imports_with_a_mapping_saved_in_the_app(tmp_path: Path) -> None:
    import json

    import pandas as pd

    from tests.importers.test_register import cli

    db = tmp_path / "pn.sqlite"
    store = police_without_figures(db)
    only = replace(BUNDLED["mdi-homicidios"], name="solo-femicidios", filter_values=("FEMICIDIO",))
    save_register_mapping(store, only, "PN")
    proc = cli("import", str(REGISTER), "--mapping", "solo-femicidios", "--institution", "PN", "--db", str(db),
               "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    register = pd.read_excel(REGISTER, sheet_name="1", engine="calamine", dtype=str)
    femicides = int((register["tipo_muerte"] == "FEMICIDIO").sum())
    with store.reading() as s:
        filed = s.scalar(select(func.sum(Result.value)))
    assert femicides == 46 and filed == femicides and out["batch"] is not None
    unknown = cli("import", str(REGISTER), "--mapping", "solo-femicidio", "--institution", "PN", "--db", str(db),
                  "--lang", "en")  # fmt: skip
    assert unknown.returncode == 1 and "solo-femicidios" in unknown.stderr
    store.close()
