"""Telegram's error answers, shaped and worded as the real Bot API words them.

A method raises ``TelegramError`` anywhere; the HTTP edge turns it into
``{"ok": false, "error_code", "description", "parameters"?}`` with the same HTTP status."""

from __future__ import annotations

from typing import Any


class TelegramError(Exception):
    """An error answer of the Bot API."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> TelegramError:
    """400 with Telegram's "Bad Request: " prefix."""
    return TelegramError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> TelegramError:
    """403 with Telegram's "Forbidden: " prefix."""
    return TelegramError(403, f"Forbidden: {reason}")


def unauthorized() -> TelegramError:
    """401 for a token Telegram does not know."""
    return TelegramError(401, "Unauthorized")


def not_found() -> TelegramError:
    """404 for a method Telegram does not have."""
    return TelegramError(404, "Not Found")


def conflict(reason: str) -> TelegramError:
    """409, as for getUpdates while a webhook is set."""
    return TelegramError(409, f"Conflict: {reason}")


def too_many_requests(retry_after: int) -> TelegramError:
    """429 with the retry_after parameter that aiogram turns into TelegramRetryAfter."""
    return TelegramError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: injected failure",
    404: "Not Found",
    409: "Conflict: injected failure",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def injected(error_code: int, description: str | None, retry_after: int | None) -> TelegramError:
    """The error a /sim/faults entry asks for, worded as Telegram would word it."""
    if error_code == 429:
        return too_many_requests(retry_after if retry_after is not None else 1)
    text = description or _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
    return TelegramError(error_code, text)


# Reasons that several methods share, worded exactly as Telegram words them.
MESSAGE_TEXT_EMPTY = "message text is empty"
MESSAGE_TOO_LONG = "message is too long"
CAPTION_TOO_LONG = "message caption is too long"
MESSAGE_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
MESSAGE_TO_EDIT_NOT_FOUND = "message to edit not found"
MESSAGE_TO_DELETE_NOT_FOUND = "message to delete not found"
MESSAGE_TO_FORWARD_NOT_FOUND = "message to forward not found"
MESSAGE_TO_COPY_NOT_FOUND = "message to copy not found"
MESSAGE_TO_REPLY_NOT_FOUND = "message to be replied not found"
MESSAGE_CANT_BE_EDITED = "message can't be edited"
MESSAGE_CANT_BE_DELETED = "message can't be deleted"
MESSAGE_CANT_BE_COPIED = "message can't be copied"
NO_TEXT_TO_EDIT = "there is no text in the message to edit"
NO_CAPTION_TO_EDIT = "there is no caption in the message to edit"
BUTTON_DATA_INVALID = "BUTTON_DATA_INVALID"
BUTTON_URL_INVALID = "BUTTON_URL_INVALID"
BUTTON_TYPE_INVALID = "BUTTON_TYPE_INVALID"
CHAT_NOT_FOUND = "chat not found"
USER_NOT_FOUND = "user not found"
BOT_BLOCKED = "bot was blocked by the user"
CANT_INITIATE = "bot can't initiate conversation with a user"
BOT_TO_BOT = "bot can't send messages to bots"
NOT_A_MEMBER = "bot is not a member of the supergroup chat"
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
WEBHOOK_ACTIVE = (
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
    "webhook first"
)
TERMINATED_BY_OTHER_POLL = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)
WRONG_FILE_ID = "wrong file identifier/HTTP URL specified"
THREAD_NOT_FOUND = "message thread not found"
TOPIC_CLOSED = "TOPIC_CLOSED"
TOPIC_NOT_MODIFIED = "TOPIC_NOT_MODIFIED"
CHAT_NOT_FORUM = "the chat is not a forum"
