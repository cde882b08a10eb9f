"""Errors that reach a user, carrying a message id and its parameters so each front end can word them
in the user's language (see :mod:`scorecard.messages`)."""

from __future__ import annotations

from typing import Any


class ScorecardError(Exception):
    """Base of every error the core raises on purpose."""


class UserError(ScorecardError):
    """Bad input or a refused action: the user can fix it.  The CLI exits 1 with :meth:`text`."""

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "es") -> str:
        from scorecard.messages import translate

        return translate(self.message_id, lang, **self.params)


class ValidationFailed(UserError):
    """Several problems found in one input; nothing was written.  ``problems`` holds each one."""

    def __init__(self, problems: list[Problem], message_id: str = "validation.failed", **params: Any) -> None:
        self.problems = problems
        super().__init__(message_id, count=len(problems), **params)

    def text(self, lang: str = "es") -> str:
        head = super().text(lang)
        lines = [p.text(lang) for p in self.problems[:50]]
        more = len(self.problems) - len(lines)
        if more > 0:
            from scorecard.messages import translate

            lines.append(translate("validation.more", lang, count=more))
        return "\n".join([head, *("  - " + line for line in lines)])


class Problem:
    """One problem at one place of an input (sheet, row, column, the value as written)."""

    def __init__(
        self,
        message_id: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        **params: Any,
    ) -> None:
        self.message_id = message_id
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.params = params

    def text(self, lang: str = "es") -> str:
        from scorecard.messages import translate

        where = translate(
            "where",
            lang,
            sheet=self.sheet or "-",
            row=self.row if self.row is not None else "-",
            column=self.column or "-",
        )
        return f"{where}: {self.reason(lang)}"

    def reason(self, lang: str = "es") -> str:
        from scorecard.messages import translate

        return translate(self.message_id, lang, **{"value": self.value, "column": self.column, **self.params})

    def as_json(self, lang: str = "es") -> dict[str, Any]:

        value = self.value
        if value is not None and not isinstance(value, int | float | str | bool):
            value = str(value)
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": value,
            "message": self.reason(lang),
        }

    def __repr__(self) -> str:
        return f"Problem({self.message_id!r}, sheet={self.sheet!r}, row={self.row}, column={self.column!r})"
