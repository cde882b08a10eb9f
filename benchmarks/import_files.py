"""The national year as one long table, written the three ways users' files come: shared strings as Excel
writes them, inline strings as xlsxwriter's constant-memory mode writes them, and the first
file re-saved by LibreOffice.  Built once and kept in a cache folder (writing them takes minutes), keyed by
the rows' content so a change of the national data builds them again."""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.national import National
from scorecard.domain import Kind

HEAD = ["unidad", "indicador", "periodo", "valor", "numerador", "denominador", "casos"]
Row = tuple[str, str, str, float | None, float | None, float | None, float | None]


@dataclass(frozen=True)
class Shape:
    name: str  # as printed
    path: Path | None  # None: it could not be made here (the reason in ``missing``)
    missing: str = ""


def rows_of(n: National, every: int = 1) -> list[Row]:
    kinds = [d.kind for d in n.plan.definitions]
    codes = [d.code for d in n.plan.definitions]
    r = n.results
    out = []
    for k, (i, u, m, v, a, b, o) in enumerate(
        zip(r["ind"], r["unit"], r["month"], r["value"], r["num"], r["den"], r["nobs"], strict=True)
    ):
        if k % every:
            continue
        kind = kinds[i]
        out.append(
            (
                n.codes[u],
                codes[i],
                f"{m // 100}-{m % 100:02d}",
                None if kind is Kind.RATIO else float(v),
                float(a) if kind is Kind.RATIO else None,
                float(b) if kind is Kind.RATIO else None,
                float(o) if kind is Kind.AVERAGE and not math.isnan(o) else None,
            )
        )
    return out


def cache_folder(rows: list[Row]) -> Path:
    digest = hashlib.sha256(repr((len(rows), rows[:50], rows[-50:])).encode()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or tempfile.gettempdir())
    folder = base / f"gpr-import-bench-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_shared(path: Path, rows: list[Row]) -> None:
    """xlsxwriter's ordinary mode: strings in the shared-strings table, as Excel writes them.  (openpyxl
    3.1 writes every string inline, in both of its modes: the shape of the constant-memory file.)"""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("resultados")
    ws.write_row(0, 0, HEAD)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()


def write_xlsxwriter(path: Path, rows: list[Row]) -> None:
    """xlsxwriter's constant-memory mode: every string inline in its cell, no shared-strings table."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("resultados")
    ws.write_row(0, 0, HEAD)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()


def resave_libreoffice(source: Path, target: Path) -> str:
    """``soffice --headless --convert-to xlsx`` of ``source``; the reason when it cannot be done."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "LibreOffice (soffice) is not installed"
    with tempfile.TemporaryDirectory(prefix="gpr-soffice-") as tmp:
        out, profile = Path(tmp) / "out", Path(tmp) / "profile"
        out.mkdir()
        staged = Path(tmp) / "nacional-libreoffice.xlsx"  # the converted file takes the source's name
        shutil.copy(source, staged)
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
               "--outdir", str(out), str(staged)]  # fmt: skip
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
        except subprocess.TimeoutExpired:
            return "LibreOffice took over 30 minutes to convert the file"
        made = out / staged.name
        if proc.returncode or not made.is_file():
            return f"LibreOffice failed: {(proc.stderr or proc.stdout)[-300:]}"
        shutil.move(made, target)
    return ""


def members(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


def sheet_has(path: Path, needle: bytes) -> bool:
    """Whether the first worksheet's xml holds ``needle`` (its first megabytes suffice)."""
    with zipfile.ZipFile(path) as z:
        name = next(n for n in sorted(z.namelist()) if n.startswith("xl/worksheets/sheet"))
        with z.open(name) as f:
            return needle in f.read(4 << 20)


def build_files(rows: list[Row]) -> list[Shape]:
    """The three files (cached), each checked to be the shape it claims."""
    folder = cache_folder(rows)
    shapes = []
    made = [
        ("shared strings (as Excel writes)", folder / "nacional-shared.xlsx", write_shared),
        ("xlsxwriter constant_memory (inline strings)", folder / "nacional-xlsxwriter.xlsx", write_xlsxwriter),
    ]
    for name, path, write in made:
        if not path.is_file():
            t = time.perf_counter()
            partial = path.with_suffix(".partial.xlsx")
            write(partial, rows)
            partial.rename(path)
            print(f"  wrote {path.name} in {time.perf_counter() - t:.0f} s")
        shapes.append(Shape(name, path))
    shared = shapes[0].path
    assert shared is not None
    if "xl/sharedStrings.xml" not in members(shared) or not sheet_has(shared, b't="s"'):
        raise RuntimeError(f"{shared} has no shared strings: xlsxwriter changed how it writes")
    inline = shapes[1].path
    assert inline is not None
    if not sheet_has(inline, b't="inlineStr"') and not sheet_has(inline, b't="str"'):
        raise RuntimeError(f"{inline} has no inline strings: xlsxwriter changed how it writes")
    resaved = folder / "nacional-libreoffice.xlsx"
    missing = ""
    if not resaved.is_file():
        t = time.perf_counter()
        missing = resave_libreoffice(shared, resaved)
        if not missing:
            print(f"  re-saved by LibreOffice in {time.perf_counter() - t:.0f} s")
    shapes.append(Shape("re-saved by LibreOffice", None if missing else resaved, missing))
    return shapes


if __name__ == "__main__":  # builds the cache ahead of a run
    from benchmarks.national import build

    for shape in build_files(rows_of(build())):
        print(shape)
