"""Errors of the communications module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import NotFound, ValidationFailed


class InvalidNotification(ValidationFailed):
    """A template key, parameter or dedup key a notification cannot be queued with."""

    code = "invalid_notification"


class NotificationNotFound(NotFound):
    code = "notification_not_found"


class InvalidBroadcast(ValidationFailed):
    """Empty or too long text, a shop audience without a shop, an empty or bad list of ids."""

    code = "invalid_broadcast"


class BroadcastNotFound(NotFound):
    code = "broadcast_not_found"
