"""Every body Telegram accepts: query string, JSON, urlencoded and multipart forms, with objects
given as JSON text in forms (as aiogram sends them) or as real objects in JSON."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from aiogram import Bot
from telegram_sim import png

from sandbox.telegram import EmulatorHandle

MARKUP = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}


async def _call(emulator: EmulatorHandle, bot: Bot, method: str, **request: Any) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.request(
            request.pop("verb", "POST"), f"{emulator.url}/bot{bot.token}/{method}", **request
        ) as response,
    ):
        body: dict[str, Any] = await response.json()
        assert response.status == (200 if body["ok"] else body["error_code"])
        return body


async def test_query_string(emulator: EmulatorHandle, bot: Bot, person: int) -> None:
    body = await _call(
        emulator, bot, "sendMessage", verb="GET", params={"chat_id": str(person), "text": "via GET"}
    )
    assert body["result"]["text"] == "via GET"


async def test_json_with_objects_or_json_text(
    emulator: EmulatorHandle, bot: Bot, person: int
) -> None:
    as_object = await _call(
        emulator, bot, "sendMessage", json={"chat_id": person, "text": "a", "reply_markup": MARKUP}
    )
    as_text = await _call(
        emulator,
        bot,
        "sendMessage",
        json={"chat_id": str(person), "text": "b", "reply_markup": json.dumps(MARKUP)},
    )
    assert as_object["result"]["reply_markup"] == as_text["result"]["reply_markup"] == MARKUP


async def test_urlencoded_form(emulator: EmulatorHandle, bot: Bot, person: int) -> None:
    body = await _call(
        emulator,
        bot,
        "sendMessage",
        data={
            "chat_id": str(person),
            "text": "<i>form</i>",
            "parse_mode": "HTML",
            "reply_markup": json.dumps(MARKUP),
            "protect_content": "True",
        },
    )
    result = body["result"]
    assert result["entities"] == [{"type": "italic", "offset": 0, "length": 4}]
    assert result["has_protected_content"] is True


async def test_multipart_with_a_direct_file_field(
    emulator: EmulatorHandle, bot: Bot, person: int
) -> None:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(person))
    form.add_field("caption", "direct")
    form.add_field("photo", png(3, 2), filename="x.png", content_type="image/png")
    body = await _call(emulator, bot, "sendPhoto", data=form)
    assert body["result"]["photo"][-1]["width"] == 3


async def test_method_names_are_case_insensitive(emulator: EmulatorHandle, bot: Bot) -> None:
    body = await _call(emulator, bot, "GETME", verb="GET")
    assert body["result"]["id"] == bot.id


async def test_bad_json_text_in_a_form(emulator: EmulatorHandle, bot: Bot, person: int) -> None:
    body = await _call(
        emulator,
        bot,
        "sendMessage",
        data={"chat_id": str(person), "text": "x", "reply_markup": "{"},
    )
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: can't parse reply keyboard markup JSON object",
    }
    body = await _call(
        emulator, bot, "sendPhoto", data={"chat_id": str(person), "photo": "not an id"}
    )
    assert body["description"] == "Bad Request: wrong file identifier/HTTP URL specified"
    body = await _call(emulator, bot, "sendPhoto", data={"chat_id": str(person)})
    assert body["description"] == "Bad Request: there is no photo in the request"
