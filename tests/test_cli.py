"""The real ``fruktgo`` console script refuses bad settings with one line naming the variable."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from pydantic import SecretStr
from redis.asyncio import Redis

from core.shared.config import BotMode, Settings, SettingsError
from fruktgo.app import run_app

FRUKTGO = Path(sys.prefix) / "bin" / "fruktgo"
TOKENS = {
    "FRUKTGO_CUSTOMER_BOT_TOKEN": "1001:customer-token-abcdef",
    "FRUKTGO_COURIER_BOT_TOKEN": "1002:courier-token-abcdef",
    "FRUKTGO_SELLER_BOT_TOKEN": "1003:seller-token-abcdef",
    "FRUKTGO_SUPPORT_BOT_TOKEN": "1004:support-token-abcdef",
}


def run_fruktgo(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment and an empty working directory, so no .env or FRUKTGO_* leaks in; the
    # database and Redis point at closed ports so nothing real is touched if a check were missed.
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "FRUKTGO_DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none",
        "FRUKTGO_REDIS_URL": "redis://127.0.0.1:1/0",
        **env,
    }
    return subprocess.run(
        [str(FRUKTGO), *args], cwd=tmp_path, env=clean, capture_output=True, text=True,
        timeout=60, check=False,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *names: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("fruktgo: ")
    for name in names:
        assert name in line
    return line


def test_the_console_script_is_installed() -> None:
    assert FRUKTGO.exists(), f"{FRUKTGO} missing: install the project (pip install -e .)"


def test_run_with_a_malformed_port_names_the_variable(tmp_path: Path) -> None:
    result = run_fruktgo(tmp_path, "run", FRUKTGO_WEB_PORT="abc", **TOKENS)

    line = assert_one_clear_line(result, "FRUKTGO_WEB_PORT", "'abc'")
    assert "integer" in line


def test_run_without_bot_tokens_names_each_missing_token(tmp_path: Path) -> None:
    result = run_fruktgo(tmp_path, "run")

    line = assert_one_clear_line(result, *TOKENS)
    assert "missing" in line


def test_run_with_a_malformed_token_says_what_is_expected(tmp_path: Path) -> None:
    tokens = {**TOKENS, "FRUKTGO_SELLER_BOT_TOKEN": "not-a-token"}

    result = run_fruktgo(tmp_path, "run", **tokens)

    line = assert_one_clear_line(result, "FRUKTGO_SELLER_BOT_TOKEN", "<bot id>:<secret>")
    assert "FRUKTGO_CUSTOMER_BOT_TOKEN" not in line


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({"FRUKTGO_WEBHOOK_SECRET": "s3cret"}, "FRUKTGO_WEBHOOK_BASE_URL"),
        ({"FRUKTGO_WEBHOOK_BASE_URL": "https://fruktgo.example"}, "FRUKTGO_WEBHOOK_SECRET"),
    ],
)
def test_run_in_webhook_mode_names_the_missing_webhook_setting(
    tmp_path: Path, given: dict[str, str], missing: str
) -> None:
    result = run_fruktgo(tmp_path, "run", FRUKTGO_BOT_MODE="webhook", **given, **TOKENS)

    assert_one_clear_line(result, missing)


def test_run_with_an_unknown_bot_mode_names_the_variable(tmp_path: Path) -> None:
    result = run_fruktgo(tmp_path, "run", FRUKTGO_BOT_MODE="carrier-pigeon", **TOKENS)

    line = assert_one_clear_line(result, "FRUKTGO_BOT_MODE")
    assert "polling" in line
    assert "webhook" in line


# --- the body of `fruktgo run`, in process, against a stand-in Bot API ---------------------------


class FakeBotApi:
    """Just enough of the Bot API for the bots to start: getMe, getUpdates (empty), and ``true``
    for everything else (setWebhook, deleteWebhook, setMyCommands, ...)."""

    def __init__(self) -> None:
        self.rejected: set[str] = set()
        self.calls: list[tuple[str, str]] = []
        self.polled: set[str] = set()
        self.webhooks: set[str] = set()
        self.all_polling = asyncio.Event()
        self.all_webhooks_set = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        self.calls.append((token, method))
        if token in self.rejected:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        if method == "getMe":
            bot_id = int(token.split(":", 1)[0])
            return _ok({"id": bot_id, "is_bot": True, "first_name": f"bot {bot_id}",
                        "username": f"bot{bot_id}_bot"})
        if method == "getUpdates":
            self.polled.add(token)
            if self.polled == set(TOKENS.values()):
                self.all_polling.set()
            # Hold the long poll a little, as Telegram does, instead of letting it spin.
            await asyncio.sleep(0.2)
            return _ok([])
        if method == "setWebhook":
            self.webhooks.add(token)
            if self.webhooks == set(TOKENS.values()):
                self.all_webhooks_set.set()
        return _ok(True)


def _ok(result: object) -> web.Response:
    return web.json_response({"ok": True, "result": result})


@pytest.fixture
async def bot_api() -> AsyncIterator[tuple[FakeBotApi, str]]:
    fake = FakeBotApi()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", fake.handle)
    server = TestServer(app)
    await server.start_server()
    yield fake, str(server.make_url("")).rstrip("/")
    await server.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run_settings(settings: Settings, api_url: str, **changes: object) -> Settings:
    tokens = {name.removeprefix("FRUKTGO_").lower(): SecretStr(value)
              for name, value in TOKENS.items()}
    return settings.model_copy(update={
        **tokens, "telegram_api_url": api_url, "web_port": _free_port(), **changes,
    })


async def test_run_polls_every_bot_and_serves_web_until_stopped(
    settings: Settings, bot_api: tuple[FakeBotApi, str], redis: Redis
) -> None:
    fake, api_url = bot_api
    config = _run_settings(settings, api_url, bot_mode=BotMode.POLLING)
    stop = asyncio.Event()

    running = asyncio.create_task(run_app(config, stop=stop))
    await asyncio.wait_for(fake.all_polling.wait(), timeout=30)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{config.web_port}/readyz") as response:
            assert response.status == 200
        stop.set()
        assert await asyncio.wait_for(running, timeout=30) == 0

        with pytest.raises(aiohttp.ClientConnectorError):
            await session.get(f"http://127.0.0.1:{config.web_port}/healthz")
    assert not any(method == "setWebhook" for _, method in fake.calls)


async def test_run_stops_with_a_settings_error_when_telegram_refuses_a_token(
    settings: Settings, bot_api: tuple[FakeBotApi, str], redis: Redis
) -> None:
    fake, api_url = bot_api
    fake.rejected.add(TOKENS["FRUKTGO_SELLER_BOT_TOKEN"])
    config = _run_settings(settings, api_url, bot_mode=BotMode.POLLING)

    with pytest.raises(SettingsError, match="FRUKTGO_SELLER_BOT_TOKEN"):
        await asyncio.wait_for(run_app(config), timeout=30)


async def test_run_in_webhook_mode_registers_the_routes_and_the_webhooks(
    settings: Settings, bot_api: tuple[FakeBotApi, str], redis: Redis
) -> None:
    fake, api_url = bot_api
    config = _run_settings(
        settings, api_url, bot_mode=BotMode.WEBHOOK,
        webhook_base_url="https://fruktgo.example", webhook_secret=SecretStr("s3cret"),
    )
    stop = asyncio.Event()

    running = asyncio.create_task(run_app(config, stop=stop))
    await asyncio.wait_for(fake.all_webhooks_set.wait(), timeout=30)
    async with aiohttp.ClientSession() as session:
        # The route exists (not 404) and refuses a caller without the bot's secret.
        url = f"http://127.0.0.1:{config.web_port}/tg/customer"
        async with session.post(url, json={"update_id": 1}) as response:
            assert response.status == 403
    stop.set()

    assert await asyncio.wait_for(running, timeout=30) == 0
    assert not fake.polled


async def test_fruktgo_run_stops_cleanly_on_sigterm(
    settings: Settings, bot_api: tuple[FakeBotApi, str], redis: Redis, tmp_path: Path
) -> None:
    fake, api_url = bot_api
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "FRUKTGO_DATABASE_URL": str(settings.database_url),
        "FRUKTGO_REDIS_URL": str(settings.redis_url),
        "FRUKTGO_TELEGRAM_API_URL": api_url,
        "FRUKTGO_WEB_PORT": str(port),
        "FRUKTGO_LOG_FORMAT": "json",
        **TOKENS,
    }
    process = await asyncio.create_subprocess_exec(
        str(FRUKTGO), "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await asyncio.wait_for(fake.all_polling.wait(), timeout=60)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    log = stderr.decode()
    assert process.returncode == 0, log
    assert '"app.stopping"' in log
    assert '"web.stopped"' in log
    assert "Traceback" not in log
    # Nothing outlives the shutdown: no poller still fetching, no session left open.
    assert '"level": "error"' not in log
    assert "Unclosed" not in log
