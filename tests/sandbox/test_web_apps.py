"""Mini Apps: initData signed exactly as Telegram signs it (checked with aiogram's own
checker), answerWebAppQuery, and web_app_data from sendData."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import parse_qsl

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    WebAppInfo,
)
from aiogram.utils.web_app import check_webapp_signature, safe_parse_webapp_init_data
from telegram_sim import Sim, username


async def test_init_data_verifies_with_the_bot_token_only(
    bot: Bot, new_bot: Callable[[], Bot], person: int, sim: Sim
) -> None:
    launch = await sim.post("webapp", user_id=person, bot=await username(bot), start_param="shop_7")
    parsed = safe_parse_webapp_init_data(bot.token, launch["init_data"])
    assert parsed.user is not None
    assert (parsed.user.id, parsed.user.first_name, parsed.user.username) == (
        person,
        "Anna",
        "anna",
    )
    assert parsed.start_param == "shop_7"
    assert parsed.query_id == launch["query_id"]
    assert abs(parsed.auth_date.timestamp() - time.time()) < 60
    with pytest.raises(ValueError, match="Invalid init data signature"):
        safe_parse_webapp_init_data(new_bot().token, launch["init_data"])
    tampered = launch["init_data"].replace("shop_7", "shop_8")
    assert not check_webapp_signature(bot.token, tampered)


async def test_init_data_fields(bot: Bot, person: int, sim: Sim) -> None:
    launch = await sim.post(
        "webapp", user_id=person, bot=await username(bot), auth_date=1_700_000_000
    )
    fields = dict(parse_qsl(launch["init_data"]))
    assert set(fields) == {"query_id", "user", "auth_date", "hash"}
    assert fields["auth_date"] == "1700000000"
    assert json.loads(fields["user"])["language_code"] == "en"
    assert len(fields["hash"]) == 64


async def test_answer_web_app_query_posts_in_the_chat(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    launch = await sim.post("webapp", user_id=person, bot=name)
    result = InlineQueryResultArticle(
        id="1",
        title="Order",
        input_message_content=InputTextMessageContent(
            message_text="<b>Order #5</b> placed", parse_mode="HTML"
        ),
    )
    sent = await bot.answer_web_app_query(launch["query_id"], result)
    assert sent.inline_message_id
    chat = await sim.get("chat", user_id=person, bot=name)
    message = chat["messages"][-1]
    assert message["text"] == "Order #5 placed"
    assert message["via_bot"]["id"] == bot.id
    assert message["from"]["id"] == person
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_web_app_query(launch["query_id"], result)


async def test_send_data_arrives_as_web_app_data(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    await sim.post(
        "webapp_data", user_id=person, bot=name, data='{"cart": [1, 2]}', button_text="Shop"
    )
    updates = await bot.get_updates(timeout=0)
    data = [u.message.web_app_data for u in updates if u.message and u.message.web_app_data]
    assert data[-1].data == '{"cart": [1, 2]}'
    assert data[-1].button_text == "Shop"


async def test_pressing_a_web_app_button_opens_it_signed(bot: Bot, person: int, sim: Sim) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text="Open shop", web_app=WebAppInfo(url="http://127.0.0.1:8080/shop")
                )
            ]
        ]
    )
    sent = await bot.send_message(person, "Shop", reply_markup=markup)
    pressed = await sim.post(
        "press",
        user_id=person,
        bot=await username(bot),
        message_id=sent.message_id,
        text="Open shop",
    )
    assert pressed["web_app"]["url"] == "http://127.0.0.1:8080/shop"
    assert check_webapp_signature(bot.token, pressed["web_app"]["init_data"])
