"""Plain-text output of the command line, in the user's language."""

from __future__ import annotations

from typing import Any

from scorecard.domain import ScorecardView
from scorecard.formatting import number, percent, signed_number, signed_percent, status_letter, status_word

WORDS = {
    "es": {
        "schema": "Esquema",
        "institutions": "instituciones",
        "units": "unidades",
        "indicators": "indicadores",
        "backup": "Respaldo previo a la actualización",
        "tree": "Árbol de {institution}: {units} unidades ({new} nuevas, {changed} cambiadas)",
        "root_created": "Raíz creada: {code} «{name}» (nivel {level}); las unidades sin padre cuelgan de ella",
        "plan": "Plan: {objectives} objetivos, {indicators} indicadores",
        "score": "Puntaje",
        "of": "de",
        "completeness": "Tasa de reporte",
        "timeliness": "oportunidad",
        "value": "Resultado",
        "target": "Meta",
        "performance": "Cumplimiento",
        "status": "Semáforo",
        "below": "Unidades subordinadas (ranking)",
        "ytd": "acumulado",
        "demo": "Demostración cargada",
        "results": "resultados",
        "previous": "Año anterior",
        "change": "Cambio",
        "same_period": "Mismo periodo del año anterior",
    },
    "en": {
        "schema": "Schema",
        "institutions": "institutions",
        "units": "units",
        "indicators": "indicators",
        "backup": "Backup taken before the upgrade",
        "tree": "Tree of {institution}: {units} units ({new} new, {changed} changed)",
        "root_created": "Root created: {code} '{name}' (level {level}); units without a parent hang under it",
        "plan": "Plan: {objectives} objectives, {indicators} indicators",
        "score": "Score",
        "of": "of",
        "completeness": "Completeness",
        "timeliness": "timeliness",
        "value": "Result",
        "target": "Target",
        "performance": "Performance",
        "status": "Status",
        "below": "Units below (league table)",
        "ytd": "year to date",
        "demo": "Demo loaded",
        "results": "results",
        "previous": "Last year",
        "change": "Change",
        "same_period": "Same period last year",
    },
}


def _w(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["es"])


def init_text(out: dict[str, Any], lang: str) -> str:
    w = _w(lang)
    lines = [
        f"{w['schema']} {out['schema_version']} · {out['database']}",
        f"{out['institutions']} {w['institutions']}, {out['units']} {w['units']}, "
        f"{out['indicators']} {w['indicators']}",
    ]
    if out.get("backup"):
        lines.append(f"{w['backup']}: {out['backup']}")
    if out.get("demo_results"):
        lines.append(f"{w['demo']}: {number(out['demo_results'], lang)} {w['results']}")
    server = out.get("server")
    if server:
        es = lang != "en"
        done = ", políticas por fila y auditoría encadenada" if es else ", row policies and chained audit in place"
        lines.append(("Servidor: roles " if es else "Server: group roles ") + ", ".join(server["groups"]) + done)
        for name in server["users_without_password"]:
            lines.append(
                f"  {name}: " + ("sin contraseña en el servidor: scorecard user password " if es
                                 else "no server password yet: scorecard user password ") + name
            )  # fmt: skip
        for name in server["foreign_roles"]:
            lines.append(
                f"  {name}: " + ("ya es un rol de la base que no es de esta aplicación; cambie el usuario" if es
                                 else "already a database role that is not this app's; rename the user")
            )  # fmt: skip
    return "\n".join(lines)


def tree_text(out: dict[str, Any], lang: str) -> str:
    text = _w(lang)["tree"].format(**out)
    made = out.get("root_created")
    return text + ("\n" + _w(lang)["root_created"].format(**made) if made else "")


def plan_text(out: dict[str, Any], lang: str) -> str:
    text = _w(lang)["plan"].format(**out)
    return text + (f"\n→ {out['path']}" if out.get("path") else "")


def import_text(out: dict[str, Any], lang: str) -> str:
    if lang == "en":
        head = "Dry run, nothing written: " if out.get("dry_run") else f"Batch {out['batch']}: "
        return (
            f"{head}{out['rows_read']} rows read, {out['new']} new, {out['changed']} changed, "
            f"{out['unchanged']} unchanged, {out['skipped']} skipped, {out.get('units_created', 0)} units created"
        )
    head = "Simulación, nada escrito: " if out.get("dry_run") else f"Lote {out['batch']}: "
    return (
        f"{head}{out['rows_read']} filas leídas, {out['new']} nuevos, {out['changed']} cambiados, "
        f"{out['unchanged']} sin cambio, {out['skipped']} omitidas, {out.get('units_created', 0)} unidades creadas"
    )


def _target(target: Any, lang: str) -> str:
    if isinstance(target, list | tuple):
        return f"{number(target[0], lang)}–{number(target[1], lang)}"
    return number(target, lang)


def scorecard_text(view: ScorecardView, lang: str) -> str:
    w = _w(lang)
    period = view.period + (f" ({w['ytd']})" if view.ytd else "")
    head = (
        f"{view.institution} · {view.unit_code} {view.unit_name} · {period}\n"
        f"{w['score']}: {percent(view.score, lang)} [{status_letter(view.status, lang)}] · "
        f"{view.indicators_scored} {w['of']} {view.indicators_total} {w['indicators']} · "
        f"{w['completeness']} {percent(view.completeness, lang)} ({w['timeliness']} "
        f"{percent(view.timeliness, lang)})"
    )
    lines = [head, ""]
    lines.append(
        f"{'':4}{'':10} {'':44} {w['value']:>12} {w['previous']:>12} {w['change']:>9} {w['target']:>14} "
        f"{w['performance']:>13}  {w['status']}"
    )
    for o in view.objectives:
        lines.append(
            f"{o.code:<14} {o.name[:60]:<60} {'':22} {percent(o.score, lang):>13}  "
            f"[{status_letter(o.status, lang)}] {o.indicators_scored}/{o.indicators_total}"
        )
        for i in o.indicators:
            lines.append(
                f"    {i.code:<10} {i.name[:44]:<44} {number(i.value, lang):>12} "
                f"{number(i.previous_value, lang):>12} {signed_percent(i.change_pct, lang):>9} "
                f"{_target(list(i.band) if i.band else i.target, lang):>14} {percent(i.performance, lang):>13}  "
                f"[{status_letter(i.status, lang)}] {status_word(i.status, lang)}"
            )
    if view.children:
        lines += ["", w["below"]]
        for rank, c in enumerate(view.children, 1):
            lines.append(
                f"{rank:>3}. {c.code:<12} {c.name[:40]:<40} {percent(c.score, lang):>9} "
                f"[{status_letter(c.status, lang)}]  {percent(c.completeness, lang):>9}"
            )
    return "\n".join(lines)


def value_text(out: dict[str, Any], lang: str) -> str:
    w = _w(lang)
    parts = [f"{out['indicator']} · {out['unit']} · {out['period']}", f"{w['value']}: {number(out['value'], lang)}"]
    if out.get("numerator") is not None:
        parts[-1] += f" ({number(out['numerator'], lang)} / {number(out['denominator'], lang)})"
    parts += [
        f"{w['target']}: {_target(out['target'], lang)}",
        f"{w['performance']}: {percent(out['performance'], lang)}",
        f"{w['status']}: {status_word(out['status'], lang)}",
    ]
    if "previous_value" in out:
        parts.append(f"{w['same_period']}: {number(out['previous_value'], lang)}")
        if out.get("change") is not None:
            change = f"{signed_number(out['change'], lang)}, {signed_percent(out['change_pct'], lang)}"
            parts[-1] += f" ({w['change'].lower()} {change})"
    return "\n".join(parts)
