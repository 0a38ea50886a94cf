"""Liveness and readiness probes.

/healthz answers while the process is alive and touches nothing else, so a slow database never
gets a healthy process restarted. /readyz checks what a request needs (PostgreSQL and Redis), each
with a short timeout, so a load balancer stops routing here while either is unreachable.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from http import HTTPStatus

import structlog
from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy import text

from core.shared.uow import Database
from web.keys import DB_KEY, REDIS_KEY

log = structlog.get_logger(__name__)

CHECK_TIMEOUT_SECONDS = 2.0
OK = "ok"
UNAVAILABLE = "unavailable"


async def healthz(request: web.Request) -> web.Response:
    """GET /healthz: 200 while the process is alive."""
    return web.json_response({"status": OK})


async def readyz(request: web.Request) -> web.Response:
    """GET /readyz: 200 when PostgreSQL and Redis answer, else 503 naming the failing ones."""
    db, redis = request.app[DB_KEY], request.app[REDIS_KEY]
    names = ("postgres", "redis")
    results = await asyncio.gather(_check("postgres", lambda: ping_database(db)),
                                   _check("redis", lambda: ping_redis(redis)))
    checks = dict(zip(names, results, strict=True))
    failing = [name for name, result in checks.items() if result != OK]
    if failing:
        return web.json_response(
            {"status": UNAVAILABLE, "checks": checks, "failing": failing},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
        )
    return web.json_response({"status": OK, "checks": checks})


async def ping_database(db: Database) -> None:
    """Run ``SELECT 1`` on a pooled connection."""
    async with db.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def ping_redis(redis: Redis) -> None:
    """Send PING."""
    await redis.ping()


async def _check(name: str, probe: Callable[[], Awaitable[None]]) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            await probe()
    except Exception as exc:  # any failure means "not ready"; the reason goes to the log only
        log.warning("readiness.check_failed", dependency=name, error=type(exc).__name__,
                    detail=str(exc)[:200])
        return UNAVAILABLE
    return OK
