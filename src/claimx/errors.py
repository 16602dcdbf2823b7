"""The exceptions claimx raises for problems a user can fix (caught once, in the CLI)."""

from __future__ import annotations


class ClaimxError(Exception):
    """A problem with the input, the model or the rule files; the message says what to do."""


class InputError(ClaimxError):
    """An input path that cannot be read or decoded as text."""


class ModelNotFound(ClaimxError):
    """No usable spaCy pipeline could be loaded."""


class PatternError(ClaimxError):
    """A rule file in models/ (or --patterns) that is not valid."""


class OutputError(ClaimxError):
    """The output file cannot be written."""


class UsageError(ClaimxError):
    """Options that cannot work together (exit status 2, like any usage error)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def json_error_text(exc: ValueError) -> str:
    """A JSON decoding error as a whole phrase with its position: 'unterminated string starting at
    column 12' (the decoder's `msg` alone ends mid-phrase: 'Unterminated string starting at')."""
    msg = getattr(exc, "msg", None)
    column = getattr(exc, "colno", None)
    if not isinstance(msg, str) or not isinstance(column, int):
        return str(exc)
    msg = msg[:1].lower() + msg[1:]
    return f"{msg} column {column}" if msg.endswith(" at") else f"{msg} at column {column}"


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, with its article: 'an array', 'a string', 'a number'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"
