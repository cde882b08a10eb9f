"""The words of the workflow in the window's language: roles, submission states, audit actions."""

from __future__ import annotations

from ui.i18n import QT_TR_NOOP, tr

ROLES = {
    "commander": QT_TR_NOOP("Comandante"),
    "planner": QT_TR_NOOP("Planificador"),
    "executive": QT_TR_NOOP("Autoridad (solo lectura)"),
    "admin": QT_TR_NOOP("Administrador"),
}

STATES = {
    "open": QT_TR_NOOP("Abierto"),
    "submitted": QT_TR_NOOP("Enviado"),
    "returned": QT_TR_NOOP("Devuelto"),
    "approved": QT_TR_NOOP("Aprobado"),
}

# the colour of a state where it is shown as a chip (the word is always beside it)

ACTIONS = {
    "submit": QT_TR_NOOP("Enviar"),
    "approve": QT_TR_NOOP("Aprobar"),
    "return": QT_TR_NOOP("Devolver"),
    "reopen": QT_TR_NOOP("Reabrir"),
    "justify": QT_TR_NOOP("Justificar"),
    "create": QT_TR_NOOP("Crear"),
    "update": QT_TR_NOOP("Cambiar"),
    "delete": QT_TR_NOOP("Borrar"),
    "file": QT_TR_NOOP("Registrar resultados"),
    "set": QT_TR_NOOP("Fijar metas"),
    "revise": QT_TR_NOOP("Revisar"),
    "restore": QT_TR_NOOP("Restaurar"),
    "password": QT_TR_NOOP("Contraseña"),
    "lock": QT_TR_NOOP("Bloqueo"),
}


LEVELS = {
    "nacional": QT_TR_NOOP("nacional"),
    "zona": QT_TR_NOOP("zona"),
    "subzona": QT_TR_NOOP("subzona"),
    "distrito": QT_TR_NOOP("distrito"),
    "circuito": QT_TR_NOOP("circuito"),
    "subcircuito": QT_TR_NOOP("subcircuito"),
    "centro zonal": QT_TR_NOOP("centro zonal"),
    "municipio": QT_TR_NOOP("municipio"),
    "administración zonal": QT_TR_NOOP("administración zonal"),
}


def level_word(level: str) -> str:
    return tr(LEVELS[level]) if level in LEVELS else level


def role_word(role: str) -> str:
    return tr(ROLES[role]) if role in ROLES else role


def state_word(state: str) -> str:
    return tr(STATES[state]) if state in STATES else state


def action_word(action: str) -> str:
    return tr(ACTIONS[action]) if action in ACTIONS else action
