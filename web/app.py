"""The aiohttp application and the server that runs it.

``create_web_app`` takes every dependency from the caller (the composition root) and keeps it
under typed AppKeys; nothing here reads the environment or builds a connection. ``serving`` runs
the app on a TCP port and, when left, shuts it down gracefully: stop accepting, let the requests
already taken finish (bounded), then run the app's cleanup.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import structlog
from aiohttp import web
from redis.asyncio import Redis

from core.shared.config import Settings
from core.shared.i18n import Translator
from core.shared.uow import Database
from web import (
    access,
    api_admin,
    api_business,
    api_catalog,
    api_orders,
    api_storefront,
    media,
    meta,
)
from web.auth import setup_auth
from web.health import healthz, readyz
from web.keys import DB_KEY, REDIS_KEY, SETTINGS_KEY, VERSION_KEY
from web.metrics import METRICS_KEY, HttpMetrics, metrics_handler
from web.middlewares import error_middleware, observe_middleware
from web.openapi import add_api_routes, security_middleware, setup_api
from web.pages import setup_pages

log = structlog.get_logger(__name__)

# Below docker's default 10 s stop grace period, so in-flight requests end before a SIGKILL.
SHUTDOWN_TIMEOUT_SECONDS = 8.0
API_TITLE = "FruktGo API"


def create_web_app(
    *,
    settings: Settings,
    db: Database,
    redis: Redis,
    version: str | None = None,
    metrics: HttpMetrics | None = None,
    translator: Translator | None = None,
) -> web.Application:
    """The web app with health, readiness, metrics and the /api/v1 routes known so far; its pages
    use ``translator`` (a process that also runs the bots passes theirs), else a shared one."""
    app = web.Application(
        # Outermost first: observation sees the status the error mapping settled on.
        middlewares=[observe_middleware, error_middleware, security_middleware],
    )
    app[SETTINGS_KEY] = settings
    app[DB_KEY] = db
    app[REDIS_KEY] = redis
    app[VERSION_KEY] = version or app_version()
    app[METRICS_KEY] = metrics or HttpMetrics()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_handler)
    setup_api(app, title=API_TITLE, version=app[VERSION_KEY])
    add_api_routes(app, meta.routes)
    setup_auth(app)
    add_api_routes(app, access.routes)
    add_api_routes(app, api_business.routes)
    add_api_routes(app, api_catalog.routes)
    add_api_routes(app, api_storefront.routes)
    add_api_routes(app, api_orders.routes)
    add_api_routes(app, api_admin.routes)
    add_api_routes(app, media.routes)
    add_api_routes(app, media.files)
    setup_pages(app, translator=translator)
    return app


def app_version() -> str:
    """The installed fruktgo distribution's version."""
    try:
        return package_version("fruktgo")
    except PackageNotFoundError:
        return "0+unknown"


@asynccontextmanager
async def serving(
    app: web.Application,
    *,
    host: str,
    port: int,
    shutdown_timeout: float = SHUTDOWN_TIMEOUT_SECONDS,
) -> AsyncIterator[web.AppRunner]:
    """Serve ``app`` on ``host:port`` inside the block; shut down gracefully on leaving it."""
    # aiohttp's own access log is off: observe_middleware writes one structured line instead.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=shutdown_timeout)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        log.info("web.started", addresses=[str(address) for address in runner.addresses])
        yield runner
    finally:
        log.info("web.stopping", shutdown_timeout=shutdown_timeout)
        # Stops listening, runs on_shutdown, waits up to shutdown_timeout for the requests in
        # progress, then runs on_cleanup.
        await runner.cleanup()
        log.info("web.stopped")
