"""The exceptions that reach a user: each carries one line that says what is wrong and what to do."""

from __future__ import annotations


class StudioError(Exception):
    """A problem the user can fix; the command line prints it as one line and exits with status 1."""


class WorkspaceError(StudioError):
    """The workspace cannot be opened or created (missing, unreadable, wrong URL, newer schema)."""


class PermissionDenied(StudioError):
    """The signed-in user's roles do not allow the operation."""


class AuthenticationError(StudioError):
    """Unknown user or wrong password."""


class ValidationError(StudioError):
    """A document breaks its content type; the message names the document and the field.

    The parts are kept apart for whoever must act on them (the source form puts the cursor in `field`):
    `where` names the document (a file, "new procedure_guide 'x'") or is None when no document is at fault,
    `field` is the field path ("steps[2].body") or None when the document as a whole is wrong, and `detail` says
    what is wrong. The message is "WHERE: field 'PATH': DETAIL", leaving out the parts that are None; a raiser whose
    sentence reads better another way ("WHERE: required field 'title' is missing") passes it as `message`.
    """

    def __init__(self, detail: str, *, where: str | None = None, field: str | None = None,
                 message: str | None = None) -> None:
        self.where = where
        self.field = field
        self.detail = detail
        if message is None:
            named = detail if field is None else f"field {field!r}: {detail}"
            message = named if where is None else f"{where}: {named}"
        super().__init__(message)


class InputFileError(StudioError):
    """A file to import is malformed; the message names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class NotFound(StudioError):
    """A document, section or user that does not exist."""


class ConflictError(StudioError):
    """Someone else changed the same thing first (optimistic version check) or a unique name is taken."""


class WorkspaceBusy(WorkspaceError):
    """Another writer (an import, another window) holds the database longer than this workspace waits."""


class WorkspaceDamaged(WorkspaceError):
    """The database file failed its integrity check; nothing is written to it until it is restored."""


class OutdatedSchema(WorkspaceError):
    """The workspace was written by an older Studio; `studio upgrade` brings it up to date (never done silently)."""

    def __init__(self, message: str, found: str, head: str) -> None:
        super().__init__(message)
        self.found = found
        self.head = head
