"""Hands handlers the ``actor``: the person with their roles, for core's policy checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from core.auth.api import load_actor
from core.shared.config import BotRole
from core.shared.uow import Database


class ActorMiddleware(BaseMiddleware):
    """Hands handlers ``data["actor"]``, marked with the bot (``data["role"]``) it came through.
    ``UserContextMiddleware`` has usually read it already with the user; otherwise (a
    dispatcher without it) it is loaded here once a handler has matched. Roles are read afresh
    on every update: a revoked role stops working at once."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        from_user: User | None = data.get("event_from_user")
        if from_user is not None and "actor" not in data:
            db: Database = data["db"]
            role = data.get("role")
            data["actor"] = await load_actor(
                db, from_user.id, via=role if isinstance(role, BotRole) else None
            )
        return await handler(event, data)
