"""Graceful shutdown of a real server on a real port: requests in progress finish, new
connections are refused, resources are released only afterwards, and the wait is bounded."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web

from web.app import serving

REQUEST_WORK_SECONDS = 0.3


class SlowRoute:
    """A handler that holds its request until the test releases it."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.shutting_down = asyncio.Event()
        self.order: list[str] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.started.set()
        await self.release.wait()
        self.order.append("request finished")
        return web.json_response({"done": True})

    async def on_shutdown(self, app: web.Application) -> None:
        self.shutting_down.set()

    async def on_cleanup(self, app: web.Application) -> None:
        self.order.append("resources closed")


async def _fetch(session: aiohttp.ClientSession, url: str) -> tuple[int, object]:
    async with session.get(url) as response:
        return response.status, await response.json()


def _install(app: web.Application) -> SlowRoute:
    slow = SlowRoute()
    app.router.add_get("/test/slow", slow.handle)
    app.on_shutdown.append(slow.on_shutdown)
    app.on_cleanup.append(slow.on_cleanup)
    return slow


async def test_shutdown_lets_a_request_in_progress_finish(web_app: web.Application) -> None:
    slow = _install(web_app)
    server = serving(web_app, host="127.0.0.1", port=0, shutdown_timeout=30)
    runner = await server.__aenter__()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        request = asyncio.create_task(_fetch(session, f"http://127.0.0.1:{port}/test/slow"))
        await slow.started.wait()

        stopping = asyncio.create_task(server.__aexit__(None, None, None))
        await slow.shutting_down.wait()
        # The listener is closed by now, yet the request already taken is still being served.
        with pytest.raises(aiohttp.ClientConnectorError):
            await session.get(f"http://127.0.0.1:{port}/healthz")
        assert not request.done()
        assert not stopping.done()

        # The request keeps working for a while after shutdown began; it must still be served.
        asyncio.get_running_loop().call_later(REQUEST_WORK_SECONDS, slow.release.set)
        assert await request == (200, {"done": True})
        await stopping

    assert slow.order == ["request finished", "resources closed"]


async def test_shutdown_waits_no_longer_than_its_timeout(web_app: web.Application) -> None:
    slow = _install(web_app)  # never released
    server = serving(web_app, host="127.0.0.1", port=0, shutdown_timeout=0.2)
    runner = await server.__aenter__()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        request = asyncio.create_task(_fetch(session, f"http://127.0.0.1:{port}/test/slow"))
        await slow.started.wait()

        await asyncio.wait_for(server.__aexit__(None, None, None), timeout=10)

        with pytest.raises(aiohttp.ClientError):
            await request

    assert slow.order == ["resources closed"]
