"""A real aiogram Dispatcher polling the emulator, driven by a person through the sim API."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from telegram_sim import Sim, username

from sandbox.telegram import EmulatorHandle


async def test_echo_bot_over_polling(polling: Bot, sim: Sim) -> None:
    name = await username(polling)
    person = await sim.person("Vera")

    await sim.say(person, name, "/start")
    greeting = await sim.post("wait", user_id=person, bot=name, timeout=5)
    assert [m["text"] for m in greeting["messages"]] == ["Hi! Say something."]
    assert not greeting["timed_out"]

    said = await sim.say(person, name, "green apples")
    echo = await sim.post("wait", user_id=person, bot=name, after=said["message_id"], timeout=5)
    reply = echo["messages"][-1]
    assert reply["text"] == "Echo: green apples"
    assert reply["entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "shout"

    pressed = await sim.post(
        "press", user_id=person, bot=name, message_id=reply["message_id"], callback_data="shout"
    )
    assert pressed["answer"]["text"] == "Shouted!"
    edited = await sim.post("wait", user_id=person, bot=name, after=reply["message_id"], timeout=5)
    assert [m["text"] for m in edited["messages"]] == ["ECHO: GREEN APPLES"]
    assert edited["messages"][0]["edit_date"] >= reply["date"]
    assert "reply_markup" not in edited["messages"][0]

    chat = await sim.get("chat", user_id=person, bot=name)
    assert [m["message_id"] for m in chat["messages"]] == [1, 2, 3, 4]


async def test_a_second_poller_terminates_the_first(bot: Bot, emulator: EmulatorHandle) -> None:
    queue = emulator.state.bots[bot.id].queue
    first = asyncio.create_task(bot.get_updates(timeout=5))
    assert await queue.signal.wait(5)  # woken when the first long poll begins
    assert await bot.get_updates(timeout=0) == []
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await first


async def test_long_poll_wakes_when_an_update_arrives(
    bot: Bot, emulator: EmulatorHandle, sim: Sim
) -> None:
    queue = emulator.state.bots[bot.id].queue
    person = await sim.person("Gleb")
    poll = asyncio.create_task(bot.get_updates(timeout=30, allowed_updates=["message"]))
    assert await queue.signal.wait(5)
    await sim.say(person, await username(bot), "hello")
    updates = await asyncio.wait_for(poll, 5)  # long before the 30 s poll timeout
    assert [u.message.text for u in updates if u.message] == ["hello"]
    confirmed = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert confirmed == []


async def test_offset_limit_and_allowed_updates(bot: Bot, sim: Sim) -> None:
    name = await username(bot)
    person = await sim.person("Queue")
    for text in ("one", "two", "three"):
        await sim.say(person, name, text)
    first_two = await bot.get_updates(limit=2)
    assert [u.message.text for u in first_two if u.message] == ["one", "two"]
    rest = await bot.get_updates(offset=first_two[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["three"]
    await sim.say(person, name, "four")
    await sim.say(person, name, "five")
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["five"]
    await bot.get_updates(offset=last[-1].update_id + 1, allowed_updates=["callback_query"])
    await sim.say(person, name, "filtered out")
    assert await bot.get_updates(timeout=0) == []
    await bot.get_updates(allowed_updates=[])  # back to the default set
    await sim.say(person, name, "six")
    assert [u.message.text for u in await bot.get_updates() if u.message] == ["six"]


async def test_shared_contacts_and_locations_parse_as_aiogram_types(bot: Bot, sim: Sim) -> None:
    name = await username(bot)
    person = await sim.person("Sharer", phone="+79991234567")
    await sim.post("send", user_id=person, bot=name, contact=True)
    await sim.post(
        "send", user_id=person, bot=name, location={"latitude": 59.93, "longitude": 30.31}
    )
    messages = [u.message for u in await bot.get_updates() if u.message]
    contact, location = messages[-2].contact, messages[-1].location
    assert contact is not None
    assert (contact.phone_number, contact.user_id) == ("+79991234567", person)
    assert location is not None
    assert (location.latitude, location.longitude) == (59.93, 30.31)
