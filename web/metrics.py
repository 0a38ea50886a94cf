"""Prometheus metrics of the web app, kept in a registry of its own.

A registry per app (not prometheus_client's global one) lets tests and several apps in one process
live side by side. Routes are labelled by their pattern (``/api/v1/orders/{id}``), never by the raw
path, so a scan of random URLs cannot blow up the number of series.
"""

from __future__ import annotations

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

# generate_latest writes the classic text format, whose content type is this one.
TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
UNMATCHED_ROUTE = "<unmatched>"

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


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

    def observe(self, *, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        labels = {"method": method, "route": route, "status": str(status)}
        self.requests.labels(**labels).inc()
        self.latency.labels(**labels).observe(seconds)

    def render(self) -> bytes:
        """The registry in Prometheus text format."""
        return generate_latest(self.registry)


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
    body = request.app[METRICS_KEY].render()
    return web.Response(body=body, headers={"Content-Type": TEXT_CONTENT_TYPE})
