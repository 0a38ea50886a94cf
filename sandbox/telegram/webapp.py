"""Mini App initData, signed exactly as Telegram signs it:
secret = HMAC_SHA256(key="WebAppData", msg=bot_token);
hash = hex(HMAC_SHA256(key=secret, msg=data_check_string)), where data_check_string is every
other field as key=value, sorted by key, joined by newlines."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlencode

from .models import JSON


def data_check_string(fields: dict[str, str]) -> str:
    """The fields (without hash) as Telegram lines them up for signing."""
    return "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))


def sign(bot_token: str, fields: dict[str, str]) -> str:
    """The hex hash Telegram puts into initData for these fields."""
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def user_field(user: JSON) -> str:
    """The user field: compact JSON with slashes escaped, as Telegram writes it."""
    return json.dumps(user, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")


def build_init_data(
    bot_token: str,
    *,
    user: JSON,
    auth_date: int,
    query_id: str | None = None,
    start_param: str | None = None,
    chat_type: str | None = None,
    chat_instance: str | None = None,
) -> str:
    """A signed initData query string."""
    fields: dict[str, str] = {"user": user_field(user), "auth_date": str(auth_date)}
    if query_id:
        fields["query_id"] = query_id
    if start_param:
        fields["start_param"] = start_param
    if chat_type:
        fields["chat_type"] = chat_type
    if chat_instance:
        fields["chat_instance"] = chat_instance
    return urlencode({**fields, "hash": sign(bot_token, fields)})
