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
