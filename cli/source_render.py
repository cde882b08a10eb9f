"""Plain text of the sources commands (sources, editions, reconcile, certify), in the user's language."""

from __future__ import annotations

from typing import Any

from scorecard.formatting import number


def _es(lang: str | None) -> bool:
    return lang != "en"


def source_text(s: dict[str, Any], lang: str | None) -> str:
    official = ", ".join(s["official_for"]) or "—"
    if _es(lang):
        return f"{s['source']} «{s['name']}» · oficial de: {official} · {s['editions']} ediciones"
    return f"{s['source']} “{s['name']}” · official for: {official} · {s['editions']} editions"


def editions_text(out: dict[str, Any], lang: str | None) -> str:
    head = f"{out['indicator']} · {out['unit']} · {out['period']}"
    lines = [head]
    for e in out["editions"]:
        lines.append(
            f"  {e['imported_at']}  {e['source']:<12} {number(e['value'], lang or 'es'):>10}  {e['file'] or ''}"
        )
    if not out["editions"]:
        lines.append("  (sin ediciones)" if _es(lang) else "  (no editions)")
    return "\n".join(lines)


def reconcile_text(out: dict[str, Any], lang: str | None) -> str:
    es = _es(lang)
    lg = lang or "es"
    sources = out["sources"]
    head = f"{out['indicator']} · {out['period']} · " + (
        f"fuente oficial {out['official']}" if es else f"official source {out['official']}"
    )
    cols = "".join(f"{s:>12}" for s in sources)
    lines = [head, f"{'':<14}{cols}{'certificada' if es else 'certified':>14}"]
    for r in out["rows"]:
        values = "".join(f"{number(r['values'].get(s), lg):>12}" for s in sources)
        mark = ""
        if r["disagree"]:
            mark = "  ≠ " + ("no coinciden" if es else "disagree")
        if r["pending"]:
            mark += "  ↻ " + ("revisión pendiente" if es else "pending revision")
        certified = number(r["certified"], lg) if r["certified"] is not None else "—"
        lines.append(f"{r['unit']:<14}{values}{certified:>14}{mark}")
    return "\n".join(lines)


def events_text(out: dict[str, Any], lang: str | None) -> str:
    es = _es(lang)
    lines = [
        f"{out['unit'] or ''} · {out['period']} · "
        + (f"{out['common']} en ambos" if es else f"{out['common']} in both")
    ]
    for side in out["compared"]:
        only = "solo en" if es else "only in"
        lines.append(f"{only} {side['source']} ({side['file'] or side['edition']}): {len(side['only_here'])}")
        lines += [f"  {e['period']} {e['unit']} fila {e['row']}: {e['key']}" for e in side["only_here"][:50]]
    return "\n".join(lines)


def certified_text(c: dict[str, Any], lang: str | None) -> str:
    es = _es(lang)
    source = c["source"] or ("cifra conciliada" if es else "reconciled figure")
    word = "certificado" if es else "certified"
    value = number(c["value"], lang or "es")
    return f"{c['indicator']} {c['unit']} {c['period']}: {value} {word} ({source}) — {c['reason']}"


FLAG_WORDS = {
    "es": {
        "above_998": "↑↑ sobre 99,8 %",
        "above_95": "↑ sobre 95 %",
        "below_998": "↓↓ bajo 99,8 %",
        "below_95": "↓ bajo 95 %",
        "within": "",
    },
    "en": {
        "above_998": "↑↑ above 99.8 %",
        "above_95": "↑ above 95 %",
        "below_998": "↓↓ below 99.8 %",
        "below_95": "↓ below 95 %",
        "within": "",
    },
}


def funnel_text(out: dict[str, Any], lang: str | None) -> str:
    es, lg = _es(lang), lang or "es"
    words = FLAG_WORDS["es" if es else "en"]
    head = f"{out['indicator']} · {out['unit']} · {out['period']} · " + (
        f"referencia {number(out['benchmark'], lg)}" if es else f"benchmark {number(out['benchmark'], lg)}"
    )
    if out["overdispersed"]:
        head += f" · φ = {number(out['phi'], lg)}"
    lines = [head]
    for u in sorted(out["units"], key=lambda u: -(u["rate"] or 0)):
        limits = f"[{number(u['lower95'], lg)} – {number(u['upper95'], lg)}]"
        lines.append(f"{u['unit']:<14}{number(u['rate'], lg):>10} {limits:>22}  {words[u['flag']]}")
    if out["without_exposure"]:
        lines.append(("sin exposición: " if es else "without exposure: ") + ", ".join(out["without_exposure"]))
    return "\n".join(lines)
