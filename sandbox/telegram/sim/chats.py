"""/sim/send, /sim/edit, /sim/chat, /sim/wait, /sim/files/{file_unique_id}."""

from __future__ import annotations

from aiohttp import web

from .. import people
from ..conversation import Conversation
from ..models import JSON
from ..state import EmulatorState, SimError
from .body import Body, sim_route, state_of

MAX_WAIT = 60.0


def _document(body: Body) -> people.Document | None:
    raw = body.raw("document")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise SimError("document must be {file_name, data (base64), mime_type?}")
    inner = Body(raw)
    data = inner.binary("data")
    if data is None:
        raise SimError("document.data (base64) is required")
    return people.Document(
        data=data,
        file_name=inner.text("file_name") or "file",
        mime_type=inner.text("mime_type"),
    )


@sim_route
async def send(request: web.Request) -> web.Response:
    """POST /sim/send {user_id, bot, text? | contact? | location? | photo? | document?,
    caption?, chat_id?, message_thread_id?, reply_to_message_id?} -> {message, revision}."""
    state = state_of(request)
    body = await Body.read(request)
    person = body.person(state)
    chat_id = body.integer("chat_id")
    stored = people.send(
        state,
        person,
        body.bot(state, required=chat_id is None),
        text=body.text("text"),
        contact=body.raw("contact"),
        location=body.raw("location"),
        photo=body.binary("photo"),
        document=_document(body),
        caption=body.text("caption"),
        chat_id=chat_id,
        message_thread_id=body.integer("message_thread_id"),
        reply_to_message_id=body.integer("reply_to_message_id"),
    )
    return web.json_response({"message": stored.data, "revision": stored.revision})


@sim_route
async def edit(request: web.Request) -> web.Response:
    """POST /sim/edit {user_id, bot, message_id, text? | location? | stop_live?, chat_id?}
    -> {message}."""
    state = state_of(request)
    body = await Body.read(request)
    chat_id = body.integer("chat_id")
    stored = people.edit(
        state,
        body.person(state),
        body.bot(state, required=chat_id is None),
        body.integer("message_id", required=True) or 0,
        text=body.text("text"),
        location=body.raw("location"),
        stop_live=body.flag("stop_live"),
        chat_id=chat_id,
    )
    return web.json_response({"message": stored.data})


def conversation_of(state: EmulatorState, body: Body) -> Conversation:
    """The chat a view names: a group by chat_id, or a person's private chat with a bot."""
    chat_id = body.integer("chat_id")
    if chat_id is not None and chat_id in state.groups:
        return state.group_conversation(state.groups[chat_id])
    person = body.person(state)
    return state.private_conversation(body.required_bot(state), person)


def _in_thread(messages: list[JSON], thread_id: int | None) -> list[JSON]:
    if thread_id is None:
        return messages
    return [m for m in messages if m.get("message_thread_id") == thread_id]


@sim_route
async def chat(request: web.Request) -> web.Response:
    """GET /sim/chat?user_id=&bot=&after= (or ?chat_id=&message_thread_id=) -> {messages, ...}."""
    state = state_of(request)
    body = await Body.read(request)
    conversation = conversation_of(state, body)
    messages = conversation.view(after=body.integer("after") or 0)
    messages = _in_thread(messages, body.integer("message_thread_id"))
    return web.json_response(conversation.sim_json(messages))


@sim_route
async def wait(request: web.Request) -> web.Response:
    """POST /sim/wait {user_id, bot (or chat_id), after?, since?, timeout?, any?}
    -> {messages, ...}: returns as soon as the bot posts after message id after, or edits or
    deletes after revision since."""
    state = state_of(request)
    body = await Body.read(request)
    conversation = conversation_of(state, body)
    result = await people.wait_for_bot(
        state,
        conversation,
        after=body.integer("after"),
        since=body.integer("since"),
        seconds=min(max(body.number("timeout", 5.0), 0.0), MAX_WAIT),
        any_change=body.flag("any"),
    )
    result["messages"] = _in_thread(result["messages"], body.integer("message_thread_id"))
    return web.json_response(result)


@sim_route
async def file(request: web.Request) -> web.Response:
    """GET /sim/files/{file_unique_id}: a file's bytes, for showing photos to the person."""
    stored = state_of(request).files.by_unique_id(request.match_info["file_unique_id"])
    if stored is None:
        raise SimError("no such file", 404)
    return web.Response(
        body=stored.data, content_type=stored.mime_type or "application/octet-stream"
    )
