"""``scorecard-gui``: the desktop app.  ``--demo`` opens (creating it on first use) a demo database."""

from __future__ import annotations

import argparse
import faulthandler
import logging
import logging.handlers
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from scorecard.errors import UserError
from scorecard.messages import default_lang
from scorecard.store import Store

log = logging.getLogger("ui")


def _logging() -> None:
    from platformdirs import user_log_path

    folder = user_log_path("gpr-scorecard", appauthor=False, ensure_exists=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "scorecard.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    crash = (folder / "crash.log").open("a", encoding="utf-8")  # kept open: faulthandler writes on a crash
    faulthandler.enable(crash)


def _preload() -> None:
    import scorecard.scoring  # noqa: F401


def _saved_lang(default: str) -> str:
    """The language chosen in the menu last time (QtCore loads without a screen), else ``default``."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # even QtCore's libraries are missing
        return default
    return str(QSettings("GPR", "gpr-scorecard").value("lang", default))


def demo_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("gpr-scorecard", appauthor=False, ensure_exists=True) / "demo.sqlite"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scorecard-gui", description="Tablero GPR")
    parser.add_argument("--db", help="SQLAlchemy URL or SQLite file (default: $SCORECARD_DB, else the data folder)")
    parser.add_argument("--demo", action="store_true", help="open the demo database, creating it on first use")
    parser.add_argument("--lang", choices=["es", "en"], default=None)
    parser.add_argument("--period", help="period shown first, e.g. 2025-10")
    parser.add_argument("--screenshot", help="render the window to this PNG and exit (offscreen use)")
    parser.add_argument("--self-test", action="store_true", help="check this installation end to end and exit")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)  # start-up benchmark
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    lang = args.lang or default_lang()
    _logging()
    if args.self_test:
        from ui.self_test import run

        return run(lang)
    from ui.platform_check import problem

    trouble = problem(lang if args.lang else _saved_lang(lang))  # before Qt, whose abort names nothing to do
    if trouble:
        log.error("no window: %s", trouble)
        print(trouble, file=sys.stderr)
        return 1

    # the core's arithmetic (pandas, numpy) loads on a side thread while Qt and the database open
    threading.Thread(target=_preload, name="gpr-preload", daemon=True).start()

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.i18n import install_language, tr

    QCoreApplication.setOrganizationName("GPR")
    QCoreApplication.setApplicationName("gpr-scorecard")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    from ui.gui_collector import collect_on_gui_thread
    from ui.theme import follow_system

    collect_on_gui_thread()  # before any worker thread starts a job

    follow_system(app)  # dark when the system is dark, and switching with it while the app runs
    if args.lang is None:  # the language chosen in the menu last time, else the environment's
        lang = str(QSettings().value("lang", lang))
    install_language(lang)  # ours in English, Qt's own in Spanish: dialogs say "Cancelar"
    try:
        store = _open(args, lang)
    except UserError as exc:
        log.error("cannot open the database: %s", exc.text("en"))
        QMessageBox.critical(None, tr("No se pudo abrir la base de datos"), exc.text(lang))
        return 1

    from ui.login_dialog import sign_in
    from ui.main_window import MainWindow

    if not args.screenshot and not args.exit_when_ready and not sign_in(store):  # shared or several users
        return 0
    window = MainWindow(store, lang, period=args.period or ("2025-10" if args.demo else None))
    if args.screenshot or args.exit_when_ready:
        window.show()
        while window.view is None and window.worker.pending:  # the first scorecard on screen: usable
            app.processEvents()
        if args.exit_when_ready:
            print("ready", flush=True)  # benchmarks/gui.py times the start-up up to this line
        if args.screenshot:  # a picture waits for the sparklines too
            window.wait_idle()
        app.processEvents()
        if args.screenshot:
            window.grab().save(args.screenshot)
        window.close()
        return 0
    window.show()
    return int(app.exec())


def _open(args: argparse.Namespace, lang: str) -> Store:
    if not args.demo:
        from scorecard import db

        if db.is_server(db.resolve_url(args.db)):
            try:  # a password in $SCORECARD_PASSWORD or the system keyring signs in at once
                return Store.open(args.db, lang=lang)
            except UserError as exc:
                if exc.message_id != "user.bad_credentials":
                    raise
            return Store.open(args.db, lang=lang, sign_in_later=True)  # the sign-in dialog connects
        return Store.open(args.db, lang=lang)
    path = Path(args.db) if args.db else demo_path()
    if path.exists():
        return Store.open(path, lang=lang)
    from demo import build_new_file

    log.info("creating the demo database at %s", path)
    build_new_file(path, lang)
    return Store.open(path, lang=lang)


if __name__ == "__main__":
    raise SystemExit(main())
