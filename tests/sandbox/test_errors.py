"""Telegram's refusals, worded and coded as Telegram words and codes them, as aiogram sees them."""

from __future__ import annotations

from collections.abc import Callable

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from telegram_sim import Sim, png, username

from sandbox.telegram import EmulatorHandle


def _button(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="x", callback_data=data)]]
    )


async def test_text_length_limits(bot: Bot, person: int) -> None:
    assert (await bot.send_message(person, "a" * 4096)).text == "a" * 4096
    with pytest.raises(
        TelegramBadRequest, match="^Telegram server says - Bad Request: message is too long$"
    ):
        await bot.send_message(person, "a" * 4097)
    # The limit applies to the text after the markup is parsed.
    assert await bot.send_message(person, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(person, BufferedInputFile(png(), "p.png"), caption="c" * 1025)


async def test_empty_text(bot: Bot, person: int) -> None:
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(person, "  \n ")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(person, "<b></b>", parse_mode="HTML")


async def test_bad_entities(bot: Bot, person: int) -> None:
    with pytest.raises(
        TelegramBadRequest,
        match="can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    ):
        await bot.send_message(person, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="Character '.' is reserved"):
        await bot.send_message(person, "1.5 kg", parse_mode="MarkdownV2")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "script" at byte offset 0'):
        await bot.send_message(person, "<script>x</script>", parse_mode="HTML")


async def test_edit_errors(bot: Bot, person: int, sim: Sim) -> None:
    sent = await bot.send_message(person, "Total: 100", reply_markup=_button("a"))
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new message"):
        await bot.edit_message_text(
            text="Total: 100", chat_id=person, message_id=sent.message_id, reply_markup=_button("a")
        )
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=person, message_id=999_999)
    theirs = await sim.say(person, await username(bot), "mine")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text(text="x", chat_id=person, message_id=theirs["message_id"])
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=person, message_id=sent.message_id, caption="c")
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(person, 999_999)


async def test_callback_data_is_at_most_64_bytes(bot: Bot, person: int) -> None:
    assert await bot.send_message(person, "ok", reply_markup=_button("x" * 64))
    with pytest.raises(
        TelegramBadRequest, match="^Telegram server says - Bad Request: BUTTON_DATA_INVALID$"
    ):
        await bot.send_message(person, "too long", reply_markup=_button("x" * 65))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(
            person, "33 Cyrillic letters are 66 bytes", reply_markup=_button("я" * 33)
        )


async def test_button_rules(bot: Bot, person: int) -> None:
    no_action = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="nothing")]])
    with pytest.raises(
        TelegramBadRequest, match="Text buttons are unallowed in the inline keyboard"
    ):
        await bot.send_message(person, "x", reply_markup=no_action)
    bad_url = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="u", url="not a url")]]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        await bot.send_message(person, "x", reply_markup=bad_url)


async def test_blocked_user(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    await sim.post("block", user_id=person, bot=name)
    with pytest.raises(
        TelegramForbiddenError,
        match="^Telegram server says - Forbidden: bot was blocked by the user$",
    ):
        await bot.send_message(person, "hello?")
    updates = await bot.get_updates(allowed_updates=["message", "my_chat_member"])
    member_updates = [u.my_chat_member for u in updates if u.my_chat_member]
    assert member_updates[-1].new_chat_member.status == "kicked"
    await sim.post("unblock", user_id=person, bot=name)
    assert await bot.send_message(person, "welcome back")


async def test_bot_cannot_write_first(bot: Bot, sim: Sim) -> None:
    stranger = await sim.person("Stranger")
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation with a user"):
        await bot.send_message(stranger, "hi")
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(123, "hi")


async def test_old_or_unknown_queries(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await bot.answer_callback_query("4242")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_pre_checkout_query("4242", ok=True)


async def test_unknown_token_and_unknown_method(
    emulator: EmulatorHandle, bot: Bot, new_bot: Callable[[], Bot]
) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{emulator.url}/bot{bot.token}/frobnicate") as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
        async with http.get(f"{emulator.url}/bot123:{'A' * 35}/getMe") as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
    impostor = Bot(f"999:{'B' * 35}", session=bot.session)
    with pytest.raises(TelegramUnauthorizedError):
        await impostor.get_me()
    with pytest.raises(TelegramNotFound):
        await bot(_Frobnicate())


class _Frobnicate(TelegramMethod[bool]):
    """A method Telegram does not have."""

    __returning__ = bool
    __api_method__ = "frobnicate"


async def test_injected_faults(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    await sim.post("faults", bot=name, method="sendMessage", error_code=500, times=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(person, "x")
    assert await bot.send_message(person, "third time lucky")
    await sim.post("faults", bot=name, method="sendmessage", error_code=429, retry_after=7, times=1)
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(person, "x")
    assert raised.value.retry_after == 7
    await sim.post(
        "faults", bot=name, method="getMe", error_code=400, description="Bad Request: nope"
    )
    with pytest.raises(TelegramBadRequest, match="Bad Request: nope"):
        await bot.get_me()
    stats = await sim.get("stats")
    assert stats["calls_by_bot"][name]["sendMessage"] == 4
