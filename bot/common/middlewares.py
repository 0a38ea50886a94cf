"""Update-level middlewares: drop Telegram's repeats, remember who is talking (and that this
bot can reach them) and what they may do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update, User
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.common.responses import keep_response_models
from core.auth.api import user_seen
from core.auth.schemas import SeenUser, TelegramProfile
from core.communications.api import mark_reachable
from core.shared.config import BotRole
from core.shared.uow import Database, Transaction

log = structlog.get_logger(__name__)


def dedup_key(bot_id: int, update_id: int) -> str:
    """The Redis key marking an update as taken."""
    return f"tg:update:{bot_id}:{update_id}"


class UpdateDedupMiddleware(BaseMiddleware):
    """Telegram delivers at least once: the first (bot id, update_id) wins, repeats stop here.

    The mark is set when the update is taken, not when it succeeds, so a failed update is not
    replayed either; the error handler has already told the person and the operator.
    """

    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        bot: Bot = data["bot"]
        try:
            first = await self._redis.set(dedup_key(bot.id, event.update_id), 1,
                                          nx=True, ex=self._ttl)
        except RedisError:
            # Better to risk handling a repeat than to lose the update.
            log.warning("bot.dedup_unavailable", bot_id=bot.id, update_id=event.update_id)
            first = True
        if not first:
            log.info("bot.update_repeated", bot_id=bot.id, update_id=event.update_id)
            return UNHANDLED
        return await handler(event, data)


def profile_of(user: User) -> TelegramProfile:
    """What core keeps of a Telegram user."""
    return TelegramProfile(
        telegram_id=user.id,
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        language_code=user.language_code,
    )


class UserContextMiddleware(BaseMiddleware):
    """Records the sender once per update and hands handlers ``user`` (a ``UserOut``) and
    ``actor`` (their roles as stored now, for ``ActorMiddleware`` to pass on), read together
    in one transaction; the user row is rewritten only when their Telegram profile changed or
    they were last seen a while ago (``core.auth.api.SEEN_REFRESH``)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        keep_response_models()  # every update's answers are parsed with them

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        from_user: User | None = data.get("event_from_user")
        if from_user is not None:
            profile = profile_of(from_user)
            role = data.get("role")

            via = role if isinstance(role, BotRole) else None

            async def record(tx: Transaction) -> SeenUser:
                seen = await user_seen(tx.db, profile, via=via)
                # Whoever writes to a bot can be written to by it again (a 403 is forgotten).
                if via is not None:
                    await mark_reachable(tx.db, profile.telegram_id, via)
                return seen

            seen = await self._db.run(record)
            data["user"] = seen.user
            data["actor"] = seen.actor
        return await handler(event, data)
