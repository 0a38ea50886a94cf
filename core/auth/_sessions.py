"""Mini App sessions in Redis: a random bearer token exchanged for verified initData.

The key is a SHA-256 of the token (a Redis dump does not hold working tokens) and the value
names the person and the bot. The expiry is kept twice: in the value, checked against the
injectable clock, and as the key's TTL so Redis forgets it on its own. A session carries no roles:
the actor is loaded from the database on every request, so a revoked role stops working at once.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from datetime import datetime, timedelta

from redis.asyncio import Redis

from core.auth.errors import SessionInvalid
from core.auth.schemas import SessionOut
from core.shared.clock import Clock
from core.shared.config import BotRole

KEY_PREFIX = "auth:session:"
DEFAULT_TTL = timedelta(minutes=30)
_TOKEN_BYTES = 32


def _key(token: str) -> str:
    return KEY_PREFIX + hashlib.sha256(token.encode()).hexdigest()


async def open_session(
    redis: Redis,
    clock: Clock,
    *,
    telegram_id: int,
    bot: BotRole | None,
    ttl: timedelta = DEFAULT_TTL,
) -> SessionOut:
    """Start a session for ``telegram_id``; the token is returned once and stored hashed."""
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    expires_at = clock.now() + ttl
    value = {"telegram_id": telegram_id, "bot": bot.value if bot else None,
             "expires_at": expires_at.isoformat()}
    await redis.set(_key(token), json.dumps(value), ex=max(1, math.ceil(ttl.total_seconds())))
    return SessionOut(token=token, telegram_id=telegram_id, bot=bot, expires_at=expires_at)


async def resolve_session(redis: Redis, clock: Clock, token: str) -> SessionOut:
    """The live session behind ``token``, or ``SessionInvalid``."""
    if not token or len(token) > 128:
        raise SessionInvalid("the session token is not valid")
    raw = await redis.get(_key(token))
    if raw is None:
        raise SessionInvalid("the session is unknown or has ended; sign in again")
    value = json.loads(raw)
    expires_at = datetime.fromisoformat(value["expires_at"])
    if clock.now() >= expires_at:
        raise SessionInvalid("the session has ended; sign in again")
    bot = BotRole(value["bot"]) if value.get("bot") else None
    return SessionOut(token=token, telegram_id=int(value["telegram_id"]), bot=bot,
                      expires_at=expires_at)


async def close_session(redis: Redis, token: str) -> None:
    """End the session behind ``token`` (nothing happens if there is none)."""
    if token and len(token) <= 128:
        await redis.delete(_key(token))
