from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import new_telegram_id
from redis.asyncio import Redis
from structlog.testing import capture_logs

from core.communications.api import notify
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.db import create_engine
from core.shared.uow import Database
from web.app import create_web_app
from web.metrics import METRICS_KEY
from web.telegram_webhooks import SECRET_HEADER, WebhookFeed, setup_telegram_webhooks


def _sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one series in Prometheus text, or None when absent."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    prefix = f"{name}{{{wanted}}} " if wanted else f"{name} "
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


def _backlog(text: str, bot: BotRole) -> tuple[float | None, float | None]:
    return (
        _sample(text, "fruktgo_notifications_due", bot=bot.value),
        _sample(text, "fruktgo_notifications_oldest_due_age_seconds", bot=bot.value),
    )


async def test_metrics_show_each_bots_notification_backlog(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    # The session database is shared: a clock far in the past makes every other test's rows
    # "not due yet", and the figures are compared with the ones read before queueing.
    start = datetime(1999, 3, 7, 12, 0, tzinfo=UTC)
    clock.set(start + timedelta(seconds=90))
    client.app[METRICS_KEY].backlog_max_age = 0  # every scrape reads anew
    before = await (await client.get("/metrics")).text()
    before_due, before_age = _backlog(before, BotRole.COURIER)
    assert before_due is not None
    assert before_age is not None
    for bot in BotRole:
        assert _sample(before, "fruktgo_notifications_due", bot=bot.value) is not None

    clock.set(start)
    courier = new_telegram_id()
    for key in ("first", "second"):
        await notify(db, courier, BotRole.COURIER, "notification-staff-removed",
                     {"shop": "Ягодка"}, f"metrics-backlog:{courier}:{key}")
    # Queued for a minute from now: not due at the scrape, so not counted.
    clock.set(start + timedelta(seconds=150))
    await notify(db, courier, BotRole.COURIER, "notification-staff-removed",
                 {"shop": "Ягодка"}, f"metrics-backlog:{courier}:later")
    clock.set(start + timedelta(seconds=90))

    after = await (await client.get("/metrics")).text()

    assert _backlog(after, BotRole.COURIER) == (before_due + 2, max(before_age, 90.0))
    assert "# TYPE fruktgo_notifications_due gauge" in after


async def test_metrics_answer_without_the_backlog_when_the_database_is_down(
    settings: Settings, redis: Redis
) -> None:
    # Nothing listens on port 1: every connection is refused at once.
    down = Database(create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"))
    app = create_web_app(settings=settings, db=down, redis=redis)
    try:
        async with TestClient(TestServer(app)) as down_client:
            await down_client.get("/healthz")
            with capture_logs() as logs:
                response = await down_client.get("/metrics")
            text = await response.text()
    finally:
        await down.dispose()

    assert response.status == 200
    requests = "fruktgo_http_requests_total"
    assert _sample(text, requests, method="GET", route="/healthz", status="200") == 1
    assert "fruktgo_notifications_due" not in text
    assert [entry["event"] for entry in logs if entry["log_level"] == "warning"] == [
        "metrics.backlog_unavailable"
    ]


async def test_metrics_count_webhook_updates_in_flight(web_app: web.Application) -> None:
    release = asyncio.Event()

    async def handle(update: dict[str, Any]) -> None:
        await release.wait()

    setup_telegram_webhooks(web_app, [WebhookFeed("/tg/customer", "s3cret", handle)])
    async with TestClient(TestServer(web_app)) as hooked:
        idle = await (await hooked.get("/metrics")).text()
        assert _sample(idle, "fruktgo_telegram_updates_in_flight") == 0
        for update_id in (1, 2):
            taken = await hooked.post("/tg/customer", json={"update_id": update_id},
                                      headers={SECRET_HEADER: "s3cret"})
            assert taken.status == 200
        busy = await (await hooked.get("/metrics")).text()
        assert _sample(busy, "fruktgo_telegram_updates_in_flight") == 2
        release.set()


async def test_without_webhooks_there_is_no_updates_gauge(client: TestClient) -> None:
    text = await (await client.get("/metrics")).text()

    assert "fruktgo_telegram_updates_in_flight" not in text


async def test_scrapes_close_together_share_one_backlog_read(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    clock.set(datetime(1999, 4, 1, 12, 0, tzinfo=UTC))
    first = await (await client.get("/metrics")).text()
    courier = new_telegram_id()
    await notify(db, courier, BotRole.COURIER, "notification-staff-removed",
                 {"shop": "Ягодка"}, f"metrics-shared:{courier}")

    second = await (await client.get("/metrics")).text()  # within the five seconds
    assert _backlog(second, BotRole.COURIER) == _backlog(first, BotRole.COURIER)

    client.app[METRICS_KEY].backlog_max_age = 0
    third = await (await client.get("/metrics")).text()
    before_due, _ = _backlog(first, BotRole.COURIER)
    assert before_due is not None
    assert _backlog(third, BotRole.COURIER)[0] == before_due + 1
