from __future__ import annotations

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis

from core.shared.config import Settings
from core.shared.uow import Database
from web.app import create_web_app


def _sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one series in Prometheus text, or None when absent."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    prefix = f"{name}{{{wanted}}} "
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line[len(prefix):])
    return None


async def test_metrics_count_requests_by_route_and_status(client: TestClient) -> None:
    await client.get("/healthz")
    await client.get("/healthz")
    await client.get("/api/v1/meta")
    await client.get("/api/v1/does-not-exist/12345")

    response = await client.get("/metrics")
    text = await response.text()

    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    requests = "fruktgo_http_requests_total"
    assert _sample(text, requests, method="GET", route="/healthz", status="200") == 2
    assert _sample(text, requests, method="GET", route="/api/v1/meta", status="200") == 1
    # Unmatched paths share one label, so random URLs cannot create new series.
    assert _sample(text, requests, method="GET", route="<unmatched>", status="404") == 1
    assert "/api/v1/does-not-exist/12345" not in text
    latency = "fruktgo_http_request_duration_seconds_count"
    assert _sample(text, latency, method="GET", route="/healthz", status="200") == 2


async def test_metrics_include_process_metrics(client: TestClient) -> None:
    text = await (await client.get("/metrics")).text()

    assert "process_cpu_seconds_total" in text
    assert "python_info" in text


async def test_each_app_has_its_own_registry(
    client: TestClient, settings: Settings, db: Database, redis: Redis
) -> None:
    await client.get("/healthz")
    other: web.Application = create_web_app(settings=settings, db=db, redis=redis)

    async with TestClient(TestServer(other)) as other_client:
        text = await (await other_client.get("/metrics")).text()

    requests = "fruktgo_http_requests_total"
    assert _sample(text, requests, method="GET", route="/healthz", status="200") is None
