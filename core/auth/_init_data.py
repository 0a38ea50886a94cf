"""Checking Telegram Mini App initData (https://core.telegram.org/bots/webapps).

Telegram signs initData with the token of the bot that opened the Mini App:
``secret = HMAC_SHA256(key=b"WebAppData", msg=bot_token)`` and
``hash = hex(HMAC_SHA256(key=secret, msg=data_check_string))``, where the data-check-string is
every received field except ``hash`` as ``key=value``, sorted by key, joined by newlines. Our API
is shared by the four bots, so the hash is checked against each bot's token and the one that
matches says which bot the person came through.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

from core.auth.errors import InitDataBadSignature, InitDataExpired, InitDataMalformed
from core.auth.schemas import TelegramProfile, WebAppLaunch
from core.shared.config import BotRole

# Real initData is well under 2 kB; anything far larger is not worth parsing.
MAX_INIT_DATA_LENGTH = 8192
# Our clock and Telegram's may disagree a little; an auth_date further ahead was not made by it.
ALLOWED_CLOCK_SKEW = timedelta(minutes=5)
_HASH_LENGTH = 64


def secret_key(bot_token: str) -> bytes:
    """The key Telegram derives from a bot token to sign that bot's initData."""
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: Mapping[str, str]) -> str:
    """The fields (without ``hash``) lined up for signing."""
    return "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))


def sign(bot_token: str, fields: Mapping[str, str]) -> str:
    """The hex hash Telegram would put into initData with these fields."""
    return hmac.new(secret_key(bot_token), data_check_string(fields).encode(),
                    hashlib.sha256).hexdigest()


def _fields(init_data: str) -> tuple[dict[str, str], str]:
    if not init_data or len(init_data) > MAX_INIT_DATA_LENGTH:
        raise InitDataMalformed("initData is empty or too long")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True,
                          errors="strict", max_num_fields=64)
    except (ValueError, UnicodeDecodeError):
        raise InitDataMalformed("initData is not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataMalformed("initData repeats a field")
    received = fields.pop("hash", "")
    if len(received) != _HASH_LENGTH or not all(c in "0123456789abcdef" for c in received):
        raise InitDataMalformed("initData carries no valid hash")
    return fields, received


def _signing_bot(
    fields: Mapping[str, str], received: str, bot_tokens: Mapping[BotRole, str]
) -> BotRole:
    message = data_check_string(fields).encode()
    for bot, token in bot_tokens.items():
        expected = hmac.new(secret_key(token), message, hashlib.sha256).hexdigest()
        if hmac.compare_digest(expected, received):
            return bot
    raise InitDataBadSignature("initData is not signed by any of our bots")


def _user(raw: str | None) -> TelegramProfile:
    try:
        user: Any = json.loads(raw or "")
    except ValueError:
        raise InitDataMalformed("initData user is not JSON") from None
    if not isinstance(user, dict):
        raise InitDataMalformed("initData user is not an object")
    user_id, first_name = user.get("id"), user.get("first_name")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InitDataMalformed("initData user has no valid id")
    if not isinstance(first_name, str):
        raise InitDataMalformed("initData user has no first_name")

    def text(name: str) -> str | None:
        value = user.get(name)
        return value if isinstance(value, str) and value else None

    return TelegramProfile(
        telegram_id=user_id,
        first_name=first_name[:256],
        last_name=(text("last_name") or "")[:256] or None,
        username=(text("username") or "")[:64] or None,
        language_code=text("language_code"),
    )


def verify_init_data(
    init_data: str,
    bot_tokens: Mapping[BotRole, str],
    *,
    now: datetime,
    max_age: timedelta,
) -> WebAppLaunch:
    """Check the signature and age of initData; what it says, or an Unauthenticated error."""
    fields, received = _fields(init_data)
    bot = _signing_bot(fields, received, bot_tokens)
    raw_date = fields.get("auth_date", "")
    if not (raw_date.isascii() and raw_date.isdigit() and len(raw_date) <= 12):
        raise InitDataMalformed("initData has no valid auth_date")
    auth_date = datetime.fromtimestamp(int(raw_date), tz=UTC)
    if auth_date - now > ALLOWED_CLOCK_SKEW:
        raise InitDataMalformed("initData auth_date is in the future")
    if now - auth_date > max_age:
        raise InitDataExpired(
            "initData is too old; open the Mini App again",
            max_age_seconds=int(max_age.total_seconds()),
        )
    return WebAppLaunch(
        user=_user(fields.get("user")),
        bot=bot,
        auth_date=auth_date,
        query_id=fields.get("query_id") or None,
        start_param=fields.get("start_param") or None,
    )
