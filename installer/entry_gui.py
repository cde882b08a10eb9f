"""The frozen desktop app (``gpr-scorecard``, ``gpr-scorecard.exe``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # the bundle lives in a read-only system folder: leave no bytecode caches behind (clean removal)
    sys.dont_write_bytecode = True
    multiprocessing.freeze_support()
    from ui.app import main

    sys.exit(main(sys.argv[1:]))
