"""Prometheus metrics of the web app, kept in a registry of its own.

A registry per app (not prometheus_client's global one) lets tests and several apps in one process
live side by side. Routes are labelled by their pattern (``/api/v1/orders/{id}``), never by the raw
path, so a scan of random URLs cannot blow up the number of series.

Besides the HTTP metrics, each scrape reads what the operator watches for the bots: each bot's
notification backlog (how many are due, how late the oldest is) from the database, and the
webhook updates being handled (when webhooks are set up). A scrape must answer even when the
database does not, so the backlog is then left out with a warning in the log.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence

import structlog
from aiohttp import web
from prometheus_client import (
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric

from core.communications.api import notification_backlog
from core.communications.schemas import BotBacklog
from web.keys import DB_KEY
from web.telegram_webhooks import UPDATE_TRACKER_KEY

log = structlog.get_logger(__name__)

# generate_latest writes the classic text format, whose content type is this one.
TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
UNMATCHED_ROUTE = "<unmatched>"

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Well inside Prometheus's default 10 s scrape timeout: a database that hangs costs the backlog,
# not the whole scrape.
BACKLOG_TIMEOUT_SECONDS = 2.0
# Under any sane scrape interval, and the backlog moves slower than that matters.
BACKLOG_MAX_AGE_SECONDS = 5.0

_DUE = (
    "fruktgo_notifications_due",
    "Notifications the bot's sender could take now (queued and due, or sending with a lapsed "
    "lease), by bot.",
)
_OLDEST_DUE_AGE = (
    "fruktgo_notifications_oldest_due_age_seconds",
    "How long the most overdue of those has waited since it fell due: the sender's lag, by bot "
    "(0 when nothing is due).",
)
_UPDATES_IN_FLIGHT = (
    "fruktgo_telegram_updates_in_flight",
    "Webhook updates taken and being handled now, all bots together.",
)


class _ScrapeState:
    """Figures read at scrape time, shown by the render they were read for and then dropped, so a
    number that could not be read is absent rather than stale."""

    def __init__(self) -> None:
        self.backlog: Sequence[BotBacklog] = ()
        self.updates_in_flight: int | None = None

    def describe(self) -> Iterable[Metric]:
        # Reserves the names in the registry, so nothing else can register them.
        return [
            GaugeMetricFamily(*_DUE, labels=["bot"]),
            GaugeMetricFamily(*_OLDEST_DUE_AGE, labels=["bot"]),
            GaugeMetricFamily(*_UPDATES_IN_FLIGHT),
        ]

    def collect(self) -> Iterable[Metric]:
        if self.backlog:
            due = GaugeMetricFamily(*_DUE, labels=["bot"])
            oldest = GaugeMetricFamily(*_OLDEST_DUE_AGE, labels=["bot"])
            for lane in self.backlog:
                due.add_metric([lane.bot.value], lane.due)
                oldest.add_metric([lane.bot.value], lane.oldest_due_seconds)
            yield due
            yield oldest
        if self.updates_in_flight is not None:
            yield GaugeMetricFamily(*_UPDATES_IN_FLIGHT, value=self.updates_in_flight)


class HttpMetrics:
    """Request count and latency by method, route and status, plus the process collectors."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        GCCollector(registry=self.registry)
        self.requests = Counter(
            "fruktgo_http_requests",
            "HTTP requests answered, by method, route pattern and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "fruktgo_http_request_duration_seconds",
            "Time to answer an HTTP request, by method, route pattern and status.",
            ["method", "route", "status"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self._scraped = _ScrapeState()
        self.registry.register(self._scraped)
        # Scrapes are public and may come from several Prometheis at once: one database read
        # serves them all for this long, and concurrent ones wait for the read under way.
        self.backlog_max_age = BACKLOG_MAX_AGE_SECONDS
        self._backlog: tuple[float, Sequence[BotBacklog]] | None = None  # read at, figures
        self._backlog_lock = asyncio.Lock()

    async def backlog(
        self, read: Callable[[], Awaitable[Sequence[BotBacklog]]]
    ) -> Sequence[BotBacklog]:
        """The figures of a read at most ``backlog_max_age`` old, reading anew through ``read``
        when there is none (one read at a time)."""
        async with self._backlog_lock:
            now = time.monotonic()
            if self._backlog is not None and now - self._backlog[0] < self.backlog_max_age:
                return self._backlog[1]
            figures = await read()
            # A failed read (nothing) is not kept: the next scrape tries again.
            self._backlog = (time.monotonic(), figures) if figures else None
            return figures

    def observe(self, *, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        labels = {"method": method, "route": route, "status": str(status)}
        self.requests.labels(**labels).inc()
        self.latency.labels(**labels).observe(seconds)

    def render(
        self, *, backlog: Sequence[BotBacklog] = (), updates_in_flight: int | None = None
    ) -> bytes:
        """The registry in Prometheus text format, with the figures read for this scrape."""
        # No await in here: a concurrent scrape cannot swap in its own figures halfway.
        self._scraped.backlog, self._scraped.updates_in_flight = backlog, updates_in_flight
        try:
            return generate_latest(self.registry)
        finally:
            self._scraped.backlog, self._scraped.updates_in_flight = (), None


METRICS_KEY = web.AppKey("metrics", HttpMetrics)


def route_label(request: web.Request) -> str:
    """The route pattern a request matched, or a fixed label when it matched none."""
    match_info = request.match_info
    if match_info.http_exception is not None:
        return UNMATCHED_ROUTE
    resource = match_info.route.resource
    return resource.canonical if resource is not None else UNMATCHED_ROUTE


async def metrics_handler(request: web.Request) -> web.Response:
    """GET /metrics: Prometheus scrape endpoint."""
    tracker = request.app.get(UPDATE_TRACKER_KEY)
    body = request.app[METRICS_KEY].render(
        backlog=await request.app[METRICS_KEY].backlog(lambda: _backlog(request.app)),
        updates_in_flight=None if tracker is None else tracker.in_flight,
    )
    return web.Response(body=body, headers={"Content-Type": TEXT_CONTENT_TYPE})


async def _backlog(app: web.Application) -> Sequence[BotBacklog]:
    """Each bot's notification backlog, or nothing when the database cannot tell us now."""
    db = app.get(DB_KEY)
    if db is None:
        return ()
    try:
        async with asyncio.timeout(BACKLOG_TIMEOUT_SECONDS):
            return await notification_backlog(db)
    except Exception as exc:  # whatever the database did, the HTTP metrics still go out
        log.warning("metrics.backlog_unavailable", error=f"{type(exc).__name__}: {exc}")
        return ()
