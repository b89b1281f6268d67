"""Exceptions shared by every layer.

``WorkbenchError`` is what the CLI turns into a one-line message and exit code 2. Its message
must never contain an identifier found by de-identification: name files, lines and fields, not
the offending text.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """A user-facing error: bad input, missing project, refused operation."""

    exit_code = 2


class InputError(WorkbenchError):
    """A file or value that cannot be read or is malformed.

    ``path`` and ``line`` (1-based) locate the problem when known.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}"
            if line is not None:
                where += f":{line}"
            where += ": "
        super().__init__(f"{where}{message}")


class NotFoundError(WorkbenchError):
    """A project, case, source, code or record that does not exist."""


class PermissionDenied(WorkbenchError):
    """An operation the acting user may not perform (e.g. seeing another screener's decision)."""


class ConflictError(WorkbenchError):
    """An operation that would break an invariant (duplicate, overlapping import, ...)."""
