"""The HTTP face of the Bot API: ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``.

Each call is counted, may hit an injected fault or a flood limit, then runs its method;
errors come back in Telegram's shape with the matching HTTP status."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from aiohttp import web

from ..errors import TelegramError, not_found, too_many_requests, unauthorized
from ..models import BotAccount
from ..state import EmulatorState
from . import methods  # noqa: F401  (importing the package registers every method)
from .call import Call
from .params import Params
from .registry import SENDING_METHODS, lookup
from .request import read_params

STATE_KEY = web.AppKey("telegram_emulator_state", EmulatorState)


def _limit(state: EmulatorState, bot: BotAccount, params: Params) -> None:
    raw = params.raw("chat_id")
    try:
        chat_id = int(raw)
    except (TypeError, ValueError):
        return
    retry_after = state.limiter.acquire(bot.id, chat_id, is_group=chat_id < 0)
    if retry_after is not None:
        raise too_many_requests(retry_after)


async def execute(state: EmulatorState, bot: BotAccount, method_name: str, params: Params) -> Any:
    """Run one Bot API method for a bot; raises TelegramError as Telegram would answer."""
    entry = lookup(method_name)
    if entry is None:
        raise not_found()
    name, handler = entry
    state.stats.count_call(bot.username, name)
    fault = state.faults.take(bot.id, name)
    if fault is not None:
        raise fault
    if name.lower() in SENDING_METHODS:
        _limit(state, bot, params)
    return await handler(Call(state=state, bot=bot, method=name, params=params))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def error_response(state: EmulatorState, error: TelegramError) -> web.Response:
    """Telegram's error JSON with the HTTP status equal to error_code."""
    state.stats.count_error(error.error_code)
    return web.json_response(error.to_json(), status=error.error_code, dumps=_dumps)


async def handle_method(request: web.Request) -> web.Response:
    """POST or GET /bot<token>/<method>."""
    state = request.app[STATE_KEY]
    bot = state.bot_by_token(request.match_info["token"])
    if bot is None:
        return error_response(state, unauthorized())
    try:
        params = await read_params(request)
        result = await execute(state, bot, request.match_info["method"], params)
    except TelegramError as error:
        return error_response(state, error)
    return web.json_response({"ok": True, "result": result}, dumps=_dumps)


async def handle_file(request: web.Request) -> web.StreamResponse:
    """GET /file/bot<token>/<file_path>: the bytes of a file the bot may access."""
    state = request.app[STATE_KEY]
    bot = state.bot_by_token(request.match_info["token"])
    if bot is None:
        return error_response(state, unauthorized())
    stored = state.files.by_path(bot.id, request.match_info["path"])
    if stored is None:
        return error_response(state, not_found())
    content_type = stored.mime_type or mimetypes.guess_type(stored.path)[0]
    return web.Response(body=stored.data, content_type=content_type or "application/octet-stream")


def setup_bot_api(app: web.Application) -> None:
    """Mount the Bot API and file download routes."""
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
