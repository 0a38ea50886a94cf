"""Typed keys under which the composition root hands its dependencies to the web app."""

from __future__ import annotations

from aiohttp import web
from redis.asyncio import Redis

from core.shared.config import Settings
from core.shared.uow import Database

SETTINGS_KEY = web.AppKey("settings", Settings)
DB_KEY = web.AppKey("db", Database)
REDIS_KEY = web.AppKey("redis", Redis)
VERSION_KEY = web.AppKey("version", str)
