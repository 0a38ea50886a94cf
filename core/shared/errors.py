"""Domain errors with stable codes; adapters turn them into localized messages or HTTP answers."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """What sort of failure this is; the web layer maps it to an HTTP status."""

    VALIDATION = "validation"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    UNAVAILABLE = "unavailable"


class CoreError(Exception):
    """Base of every domain error. ``code`` is stable and doubles as the locale message key."""

    code: str = "internal"
    kind: ErrorKind = ErrorKind.CONFLICT

    def __init__(self, message: str | None = None, **params: object) -> None:
        self.message = message or self.code.replace("_", " ")
        self.params = params
        super().__init__(self.message)


class NotFound(CoreError):
    code = "not_found"
    kind = ErrorKind.NOT_FOUND


class ValidationFailed(CoreError):
    code = "validation_failed"
    kind = ErrorKind.VALIDATION


class Conflict(CoreError):
    code = "conflict"
    kind = ErrorKind.CONFLICT


class Forbidden(CoreError):
    code = "forbidden"
    kind = ErrorKind.FORBIDDEN


class Unauthenticated(CoreError):
    code = "unauthenticated"
    kind = ErrorKind.UNAUTHENTICATED


class Unavailable(CoreError):
    code = "unavailable"
    kind = ErrorKind.UNAVAILABLE
