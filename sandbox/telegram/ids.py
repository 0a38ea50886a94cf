"""Identifiers in Telegram's shapes: bot tokens, file ids, query ids."""

from __future__ import annotations

import base64
import secrets
import string

_TOKEN_ALPHABET = string.ascii_letters + string.digits + "_-"


def new_token(bot_id: int) -> str:
    """A token shaped like Telegram's: ``<bot id>:<35 characters>``."""
    return f"{bot_id}:AA" + "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(33))


def is_token_shaped(token: str) -> bool:
    """Whether a token has Telegram's shape (a numeric id, a colon, 35 characters)."""
    left, sep, right = token.partition(":")
    return (
        bool(sep)
        and left.isdigit()
        and len(right) == 35
        and all(ch in _TOKEN_ALPHABET for ch in right)
    )


def _urlsafe(nbytes: int) -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode().rstrip("=")


def new_file_id() -> str:
    """An opaque file_id (bot-specific, as Telegram's are)."""
    return "AgACAgIAAxkBAAI" + _urlsafe(48)


def new_file_unique_id() -> str:
    """A short file_unique_id (the same for every bot)."""
    return "AQAD" + _urlsafe(9)


def new_query_id() -> str:
    """A numeric string id, as callback and pre-checkout query ids are."""
    return str(secrets.randbelow(9 * 10**18) + 10**18)


def new_web_app_query_id() -> str:
    """A Mini App query_id, as passed in initData."""
    return "AAH" + _urlsafe(24)
