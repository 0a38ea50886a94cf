"""Webhook routes: the secret is checked, the answer is immediate, shutdown waits for updates."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from structlog.testing import capture_logs

from web.telegram_webhooks import (
    SECRET_HEADER,
    UPDATE_TRACKER_KEY,
    WebhookFeed,
    setup_telegram_webhooks,
)

SECRET = "s3cret-for-customer"
UPDATE = {"update_id": 17, "message": {"text": "/start"}}


class Recorder:
    """An update handler that can be held until the test lets it finish."""

    def __init__(self, *, hold: bool = False) -> None:
        self.received: list[dict[str, Any]] = []
        self.finished: list[int] = []
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self._finishing = asyncio.Event()
        if not hold:
            self.release.set()

    async def __call__(self, update: dict[str, Any]) -> None:
        self.received.append(update)
        self.started.set()
        await self.release.wait()
        self.finished.append(update["update_id"])
        self._finishing.set()

    async def wait_finished(self, count: int) -> None:
        while len(self.finished) < count:
            self._finishing.clear()
            await self._finishing.wait()


def make_app(
    recorder: Recorder, *, shutdown_timeout: float = 5.0, **limits: Any
) -> web.Application:
    app = web.Application()
    setup_telegram_webhooks(
        app,
        [WebhookFeed("/tg/customer", SECRET, recorder),
         WebhookFeed("/tg/courier", "another-secret", Recorder())],
        shutdown_timeout=shutdown_timeout,
        **limits,
    )
    return app


@pytest.fixture
async def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def client(recorder: Recorder) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(recorder))) as test_client:
        yield test_client


async def test_right_secret_is_accepted_and_the_update_handled(
    client: TestClient, recorder: Recorder
) -> None:
    response = await client.post("/tg/customer", json=UPDATE, headers={SECRET_HEADER: SECRET})
    assert response.status == 200
    async with asyncio.timeout(5):
        await recorder.started.wait()
    assert recorder.received == [UPDATE]


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: ""},
                                     {SECRET_HEADER: "another-secret"}])
async def test_wrong_or_missing_secret_is_forbidden(
    client: TestClient, recorder: Recorder, headers: dict[str, str]
) -> None:
    with capture_logs() as logs:
        response = await client.post("/tg/customer", json=UPDATE, headers=headers)
    assert response.status == 403
    body = await response.json()
    assert body["error"]["code"] == "bad_webhook_secret"
    assert body["error"]["message"]
    assert recorder.received == []
    assert [r["event"] for r in logs] == ["telegram.webhook_bad_secret"]


@pytest.mark.parametrize(("payload", "code"), [
    (b"{not json", "bad_json"),
    (b"\xff\xfe", "bad_json"),
    (b"[1, 2]", "bad_update"),
    (b'{"message": {}}', "bad_update"),
])
async def test_unreadable_body_is_a_bad_request(
    client: TestClient, recorder: Recorder, payload: bytes, code: str
) -> None:
    response = await client.post("/tg/customer", data=payload, headers={SECRET_HEADER: SECRET})
    assert response.status == 400
    assert (await response.json())["error"]["code"] == code
    assert recorder.received == []


async def test_a_failing_handler_is_logged_and_the_route_keeps_working() -> None:
    calls: list[int] = []
    done = asyncio.Event()

    async def flaky(update: dict[str, Any]) -> None:
        calls.append(update["update_id"])
        if len(calls) == 1:
            raise RuntimeError("handler broke")
        done.set()

    app = web.Application()
    setup_telegram_webhooks(app, [WebhookFeed("/tg/seller", SECRET, flaky)])
    with capture_logs() as logs:
        async with TestClient(TestServer(app)) as client:
            first = await client.post("/tg/seller", json={"update_id": 1},
                                      headers={SECRET_HEADER: SECRET})
            second = await client.post("/tg/seller", json={"update_id": 2},
                                       headers={SECRET_HEADER: SECRET})
            async with asyncio.timeout(5):
                await done.wait()
    assert (first.status, second.status) == (200, 200)
    [failure] = [r for r in logs if r["event"] == "telegram.webhook_update_failed"]
    assert failure["update_id"] == 1


async def test_shutdown_waits_for_updates_already_taken() -> None:
    recorder = Recorder(hold=True)
    app = make_app(recorder)
    client = TestClient(TestServer(app))
    await client.start_server()
    response = await client.post("/tg/customer", json=UPDATE, headers={SECRET_HEADER: SECRET})
    assert response.status == 200  # answered while the update is still being handled
    async with asyncio.timeout(5):
        await recorder.started.wait()

    closing = asyncio.create_task(client.close())
    # Shutdown must still be waiting: the update has not finished.
    done, _ = await asyncio.wait({closing}, timeout=0.2)
    assert not done
    assert app[UPDATE_TRACKER_KEY].closing
    assert recorder.finished == []

    recorder.release.set()
    async with asyncio.timeout(5):
        await closing
    assert recorder.finished == [17]
    assert app[UPDATE_TRACKER_KEY].in_flight == 0


async def test_shutdown_wait_is_bounded() -> None:
    recorder = Recorder(hold=True)
    app = make_app(recorder, shutdown_timeout=0.1)
    client = TestClient(TestServer(app))
    await client.start_server()
    await client.post("/tg/customer", json=UPDATE, headers={SECRET_HEADER: SECRET})
    async with asyncio.timeout(5):
        await recorder.started.wait()
    with capture_logs() as logs:
        async with asyncio.timeout(5):
            await client.close()
    assert recorder.finished == []
    assert app[UPDATE_TRACKER_KEY].in_flight == 0
    assert any(r["event"] == "telegram.webhook_drain_timeout" for r in logs)


async def test_updates_arriving_during_shutdown_are_refused_for_a_retry(
    client: TestClient,
) -> None:
    client.app[UPDATE_TRACKER_KEY].closing = True
    response = await client.post("/tg/customer", json=UPDATE, headers={SECRET_HEADER: SECRET})
    assert response.status == 503
    assert (await response.json())["error"]["code"] == "shutting_down"


async def test_routes_live_inside_the_real_web_app(web_app: web.Application) -> None:
    recorder = Recorder()
    setup_telegram_webhooks(web_app, [WebhookFeed("/tg/support", SECRET, recorder)])
    async with TestClient(TestServer(web_app)) as client:
        ok = await client.post("/tg/support", json=UPDATE, headers={SECRET_HEADER: SECRET})
        forbidden = await client.post("/tg/support", json=UPDATE)
        refusal = await forbidden.json()
        async with asyncio.timeout(5):
            await recorder.started.wait()
    assert (ok.status, forbidden.status) == (200, 403)
    assert refusal["error"]["code"] == "bad_webhook_secret"


async def test_an_update_beyond_the_limit_is_refused_after_waiting_for_a_slot() -> None:
    recorder = Recorder(hold=True)
    app = make_app(recorder, max_in_flight=2, admission_wait=0.1)
    async with TestClient(TestServer(app)) as client:
        taken = [
            await client.post("/tg/customer", json={"update_id": n},
                              headers={SECRET_HEADER: SECRET})
            for n in (1, 2)
        ]
        with capture_logs() as logs:
            refused = await client.post("/tg/customer", json={"update_id": 3},
                                        headers={SECRET_HEADER: SECRET})
        assert [r.status for r in taken] == [200, 200]
        assert refused.status == 503
        assert refused.headers["Retry-After"] == "1"
        assert (await refused.json())["error"]["code"] == "overloaded"
        [warning] = [r for r in logs if r["event"] == "telegram.webhook_overloaded"]
        assert (warning["update_id"], warning["in_flight"]) == (3, 2)

        recorder.release.set()  # the two finish, their slots come free
        async with asyncio.timeout(5):
            await recorder.wait_finished(2)
        retried = await client.post("/tg/customer", json={"update_id": 3},
                                    headers={SECRET_HEADER: SECRET})
        assert retried.status == 200
        async with asyncio.timeout(5):
            await recorder.wait_finished(3)
    assert sorted(u["update_id"] for u in recorder.received) == [1, 2, 3]


async def test_an_update_waiting_for_a_slot_is_taken_when_one_frees() -> None:
    recorder = Recorder(hold=True)
    app = make_app(recorder, max_in_flight=1, admission_wait=5.0)
    async with TestClient(TestServer(app)) as client:
        first = await client.post("/tg/customer", json={"update_id": 1},
                                  headers={SECRET_HEADER: SECRET})
        waiting = asyncio.create_task(client.post(
            "/tg/courier", json={"update_id": 2}, headers={SECRET_HEADER: "another-secret"}))
        done, _ = await asyncio.wait({waiting}, timeout=0.2)
        assert not done  # the limit covers every bot's route: the courier update waits
        recorder.release.set()
        async with asyncio.timeout(5):
            second = await waiting
        assert (first.status, second.status) == (200, 200)
        assert recorder.finished == [1]


async def test_a_burst_is_handled_at_most_the_limit_at_a_time() -> None:
    running = 0
    most = 0
    handled: list[int] = []
    all_handled = asyncio.Event()

    async def slow(update: dict[str, Any]) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.02)
        running -= 1
        handled.append(update["update_id"])
        if len(handled) == 60:
            all_handled.set()

    app = web.Application()
    setup_telegram_webhooks(app, [WebhookFeed("/tg/customer", SECRET, slow)],
                            max_in_flight=5, admission_wait=10.0)
    async with TestClient(TestServer(app)) as client:
        answers = await asyncio.gather(*(
            client.post("/tg/customer", json={"update_id": n}, headers={SECRET_HEADER: SECRET})
            for n in range(60)
        ))
        async with asyncio.timeout(10):
            await all_handled.wait()
    assert {a.status for a in answers} == {200}
    assert sorted(handled) == list(range(60))
    assert most == 5
