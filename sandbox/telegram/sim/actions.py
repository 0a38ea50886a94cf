"""/sim/press, /sim/pay, /sim/webapp, /sim/webapp_data."""

from __future__ import annotations

from aiohttp import web

from .. import people
from ..state import SimError
from .body import Body, sim_route, state_of


@sim_route
async def press(request: web.Request) -> web.Response:
    """POST /sim/press {user_id, bot, message_id, callback_data? | text?, chat_id?, timeout?}
    -> {callback_query_id, answer} (answer: {text?, show_alert, url?, cache_time} or null)."""
    state = state_of(request)
    body = await Body.read(request)
    chat_id = body.integer("chat_id")
    timeout = body.raw("timeout")
    result = await people.press(
        state,
        body.person(state),
        body.bot(state, required=chat_id is None),
        body.integer("message_id", required=True) or 0,
        callback_data=body.text("callback_data"),
        text=body.text("text"),
        chat_id=chat_id,
        answer_wait=None if timeout is None else body.number("timeout", 0.0),
    )
    return web.json_response(result)


@sim_route
async def pay(request: web.Request) -> web.Response:
    """POST /sim/pay {user_id, bot, message_id | invoice_link, chat_id?}
    -> {status: paid | declined | timeout, pre_checkout_query_id, message?, error_message?}."""
    state = state_of(request)
    body = await Body.read(request)
    link = body.text("invoice_link")
    chat_id = body.integer("chat_id")
    result = await people.pay(
        state,
        body.person(state),
        body.bot(state, required=link is None and chat_id is None),
        message_id=body.integer("message_id"),
        invoice_link=link,
        chat_id=chat_id,
    )
    return web.json_response(result)


@sim_route
async def webapp(request: web.Request) -> web.Response:
    """POST /sim/webapp {user_id, bot, start_param?, auth_date?, chat_type?}
    -> {init_data, query_id}: initData signed with the bot's token."""
    state = state_of(request)
    body = await Body.read(request)
    result = people.open_web_app(
        state,
        body.person(state),
        body.required_bot(state),
        start_param=body.text("start_param"),
        auth_date=body.integer("auth_date"),
        chat_type=body.text("chat_type"),
    )
    return web.json_response(result)


@sim_route
async def webapp_data(request: web.Request) -> web.Response:
    """POST /sim/webapp_data {user_id, bot, data, button_text} -> {message}: Telegram.WebApp
    .sendData from a Mini App opened by a reply keyboard button."""
    state = state_of(request)
    body = await Body.read(request)
    data = body.text("data", required=True)
    if data is None:
        raise SimError("data is required")
    stored = people.send_web_app_data(
        state,
        body.person(state),
        body.required_bot(state),
        data,
        body.text("button_text") or "",
    )
    return web.json_response({"message": stored.data})
