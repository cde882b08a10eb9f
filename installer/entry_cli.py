"""The frozen command line (``scorecard``, ``scorecard.exe``), a console program beside the desktop app."""

import sys

if __name__ == "__main__":
    sys.dont_write_bytecode = True  # see entry_gui.py
    from cli.main import run

    sys.exit(run(sys.argv[1:]))
