"""The aiogram sender edits messages against the Telegram emulator: new text and keyboard, an edit
that changes nothing counts as done, a message that is not there is Gone."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aiogram import Bot

from bot.common.sender import AiogramSender
from core.communications.port import Failed, Gone, Sent
from core.shared.config import BotRole, Settings
from fruktgo.bots import create_bot
from sandbox.telegram.server import start_emulator

CUSTOMER = BotRole.CUSTOMER
_people = itertools.count(7_880_900_000)


@dataclass
class Chat:
    sender: AiogramSender
    person: int
    http: aiohttp.ClientSession
    url: str
    username: str

    async def messages(self) -> list[dict[str, Any]]:
        query = f"user_id={self.person}&bot={self.username}"
        async with self.http.get(f"{self.url}/sim/chat?{query}") as response:
            assert response.status == 200, await response.text()
            body = await response.json()
        return [m for m in body["messages"] if m["from"]["is_bot"]]


@pytest.fixture
async def chat(settings: Settings) -> AsyncIterator[Chat]:
    """A person who started the customer bot, and the sender the worker would build."""
    emulator = await start_emulator(port=0)
    credentials = emulator.register_bot("edit_test_bot")
    client: Bot = create_bot(
        settings.model_copy(update={"telegram_api_url": emulator.url}), credentials.token
    )
    person = next(_people)
    async with aiohttp.ClientSession() as http:
        for path, body in (
            ("users", {"user_id": person, "first_name": "Вера"}),
            ("send", {"user_id": person, "bot": credentials.username, "text": "/start"}),
        ):
            async with http.post(f"{emulator.url}/sim/{path}", json=body) as response:
                assert response.status == 200, await response.text()
        yield Chat(
            AiogramSender({CUSTOMER: client}), person, http, emulator.url, credentials.username
        )
    await client.session.close()
    await emulator.close()


async def test_an_edit_replaces_the_text_and_the_keyboard(chat: Chat) -> None:
    buttons = {"inline_keyboard": [[{"text": "Отменить", "callback_data": "cord:cancel:ab"}]]}
    sent = await chat.sender.send(
        CUSTOMER, chat.person, "<b>Ждём</b> магазин", reply_markup=buttons
    )
    assert isinstance(sent, Sent)

    edited = await chat.sender.edit(CUSTOMER, chat.person, sent.message_id, "<b>Принят</b> & всё")
    assert edited == Sent(sent.message_id)
    [message] = await chat.messages()
    assert message["text"] == "Принят & всё"
    assert message["entities"][0]["type"] == "bold"
    assert "reply_markup" not in message  # no keyboard given: the buttons are gone


async def test_an_edit_that_changes_nothing_counts_as_sent(chat: Chat) -> None:
    sent = await chat.sender.send(CUSTOMER, chat.person, "Собран")
    assert isinstance(sent, Sent)
    again = await chat.sender.edit(CUSTOMER, chat.person, sent.message_id, "Собран")
    assert again == Sent(sent.message_id)


async def test_a_message_that_is_not_there_is_gone(chat: Chat) -> None:
    missing = await chat.sender.edit(CUSTOMER, chat.person, 999_999, "Собран")
    assert isinstance(missing, Gone)
    assert "message to edit not found" in missing.description


async def test_an_edited_message_takes_an_inline_keyboard_only(chat: Chat) -> None:
    sent = await chat.sender.send(CUSTOMER, chat.person, "Текст")
    assert isinstance(sent, Sent)
    refused = await chat.sender.edit(
        CUSTOMER,
        chat.person,
        sent.message_id,
        "Другой",
        reply_markup={"keyboard": [[{"text": "x"}]]},
    )
    assert isinstance(refused, Failed)
    assert refused.permanent
    assert await chat.sender.edit(BotRole.COURIER, chat.person, sent.message_id, "x") == Failed(
        "no courier bot is configured in this process"
    )
