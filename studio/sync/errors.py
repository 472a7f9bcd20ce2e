"""What can go wrong talking to a publishing target, as one-line `StudioError`s that never hold the token.

`PortalUnreachable` (and `PortalBusy`) are worth trying again later: nothing in the outbox is lost, and a push
resumes where it stopped. The others need a person: a token to replace, a scope to add, an address to correct.
"""

from __future__ import annotations

from typing import Any

from studio.errors import StudioError


class PortalError(StudioError):
    """A publishing target could not do what was asked. `status` is the HTTP status (None: no answer), `kind` the
    problem type's last segment (`stale-write`), `problem` the whole problem document as received."""

    def __init__(self, message: str, *, status: int | None = None, kind: str = "",
                 problem: dict[str, Any] | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.problem = problem or {}
        self.retry_after = retry_after  # seconds the portal asked to wait (429, 503)


class PortalNotConfigured(PortalError):
    """No portal address or no token is set up on this computer."""


class PortalUnreachable(PortalError):
    """No answer came (refused, reset, timed out, cut off): the request may or may not have been done."""


class PortalBusy(PortalUnreachable):
    """The portal kept answering 429 or 503 after waiting as long as its Retry-After asked."""


class PortalAuthError(PortalError):
    """401: the token is unknown to the portal or has expired."""


class PortalForbidden(PortalError):
    """403: the token lacks the scope the operation needs (`required_scope`)."""


class PortalBadAnswer(PortalError):
    """The answer was not what the contract promises: HTML, garbage, or JSON of the wrong shape."""


class PortalRefused(PortalError):
    """Any other refusal (4xx, 5xx) with the portal's own explanation."""
