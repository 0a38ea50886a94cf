"""Mini App sign-in for web tests: an app whose settings name four bots, and initData signed by
them the way Telegram does (the sandbox's signer, written apart from the checker)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from aiohttp import web
from pydantic import SecretStr
from redis.asyncio import Redis

from core.shared.config import BotRole, Settings
from core.shared.uow import Database
from sandbox.telegram.webapp import build_init_data
from web.access import BOT_DIRECTORY_KEY
from web.app import create_web_app

TOKENS: Mapping[BotRole, str] = {
    BotRole.CUSTOMER: "7100001:web-customer-secret",
    BotRole.COURIER: "7100002:web-courier-secret",
    BotRole.SELLER: "7100003:web-seller-secret",
    BotRole.SUPPORT: "7100004:web-support-secret",
}
FOREIGN_TOKEN = "7999999:not-one-of-ours"
USERNAMES = {role: f"fruktgo_{role.value}_bot" for role in BotRole}

_ids = itertools.count(7_300_000_000)


def new_telegram_id() -> int:
    return next(_ids)


def settings_with_bots(settings: Settings, **overrides: Any) -> Settings:
    tokens = {f"{role.value}_bot_token": SecretStr(token) for role, token in TOKENS.items()}
    return settings.model_copy(update={**tokens, **overrides})


class FakeBotDirectory:
    async def username(self, role: BotRole) -> str | None:
        return USERNAMES[role]


def make_app(settings: Settings, db: Database, redis: Redis, **overrides: Any) -> web.Application:
    app = create_web_app(settings=settings_with_bots(settings, **overrides), db=db, redis=redis,
                         version="test")
    app[BOT_DIRECTORY_KEY] = FakeBotDirectory()
    return app


def init_data(telegram_id: int, at: datetime, *, bot: BotRole = BotRole.SELLER,
              token: str | None = None, first_name: str = "Анна",
              username: str | None = None) -> str:
    user: dict[str, Any] = {"id": telegram_id, "first_name": first_name, "language_code": "ru"}
    if username:
        user["username"] = username
    return build_init_data(token or TOKENS[bot], user=user, auth_date=int(at.timestamp()))


def tma(telegram_id: int, at: datetime, **options: Any) -> dict[str, str]:
    """The Authorization header a Mini App of ours sends."""
    return {"Authorization": f"tma {init_data(telegram_id, at, **options)}"}
