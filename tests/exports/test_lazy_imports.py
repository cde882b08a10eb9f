"""The app's start-up must not pay for reportlab, pyHanko or cryptography: the export modules import
them only when a report is rendered, signed or verified."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_exports_loads_no_pdf_or_signature_library() -> None:
    code = (
        "import sys, exports.report_builder, exports.report_model, exports.publish, exports.signing, "
        "exports.verification, exports.pdf_report, exports.xlsx_report, cli.main;"
        "heavy = [m for m in ('reportlab', 'pyhanko', 'pyhanko_certvalidator', 'cryptography', 'openpyxl') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""
