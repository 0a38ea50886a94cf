"""The sim API's contract: names and shapes that tests and tools rely on."""

from __future__ import annotations

import asyncio
import base64

import pytest
from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from telegram_sim import Sim, SimFailure, png, username

from sandbox.telegram import EmulatorHandle


async def test_people_and_bots(sim: Sim, emulator: EmulatorHandle) -> None:
    user_id = await sim.person("Lena", username="lena", language_code="ru", phone="+7900")
    listed = [u for u in await sim.get("users") if u["user_id"] == user_id]
    assert listed == [
        {
            "user_id": user_id,
            "first_name": "Lena",
            "last_name": None,
            "username": "lena",
            "language_code": "ru",
            "phone": "+7900",
        }
    ]
    chosen = await sim.post("users", first_name="Admin", user_id=1000001)
    assert chosen == {"user_id": 1000001}
    created = await sim.post("bots", username="extra_sim_bot")
    assert set(created) == {"id", "username", "token"}
    assert created["token"].startswith(f"{created['id']}:")
    assert {"id": created["id"], "username": "extra_sim_bot", "first_name": "extra_sim_bot"} in (
        await sim.get("bots")
    )
    with pytest.raises(SimFailure) as taken:
        await sim.post("bots", username="extra_sim_bot")
    assert taken.value.status == 409


async def test_chat_view_shows_edits_in_place(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]
    )
    sent = await bot.send_message(person, "draft", reply_markup=markup)
    await bot.edit_message_text(
        text="final", chat_id=person, message_id=sent.message_id, reply_markup=markup
    )
    chat = await sim.get("chat", user_id=person, bot=name)
    assert chat["chat"] == {
        "id": person,
        "type": "private",
        "first_name": "Anna",
        "username": "anna",
    }
    assert [m["text"] for m in chat["messages"]] == ["/start", "final"]
    assert chat["messages"][-1]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
    assert set(chat) >= {"messages", "revision", "keyboard", "action"}
    later = await sim.get("chat", user_id=person, bot=name, after=sent.message_id)
    assert later["messages"] == []


async def test_wait_returns_as_soon_as_the_bot_posts(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    said = await sim.say(person, name, "anyone?")
    waiting = asyncio.create_task(
        sim.post("wait", user_id=person, bot=name, after=said["message_id"], timeout=30)
    )
    await asyncio.sleep(0)  # the wait is on its way; the bot answers at some point after
    await bot.send_message(person, "here")
    result = await asyncio.wait_for(waiting, 5)  # nowhere near the 30 s timeout
    assert [m["text"] for m in result["messages"]] == ["here"]
    assert result["timed_out"] is False

    # By default it waits for the bot's reaction to the person's last action, already there:
    again = await sim.post("wait", user_id=person, bot=name, timeout=30)
    assert [m["text"] for m in again["messages"]] == ["here"]
    latest = again["messages"][-1]["message_id"]
    quiet = await sim.post(
        "wait", user_id=person, bot=name, after=latest, since=again["revision"], timeout=0.05
    )
    assert quiet["timed_out"] is True
    assert quiet["messages"] == []


async def test_wait_sees_edits_and_deletions_since_a_revision(
    bot: Bot, person: int, sim: Sim
) -> None:
    name = await username(bot)
    sent = await bot.send_message(person, "v1")
    seen = await sim.get("chat", user_id=person, bot=name)
    await bot.edit_message_text(text="v2", chat_id=person, message_id=sent.message_id)
    edited = await sim.post(
        "wait", user_id=person, bot=name, after=sent.message_id, since=seen["revision"], timeout=5
    )
    assert [m["text"] for m in edited["messages"]] == ["v2"]
    await bot.delete_message(person, sent.message_id)
    gone = await sim.post(
        "wait", user_id=person, bot=name, after=sent.message_id, since=edited["revision"], timeout=5
    )
    assert gone["deleted"] == [sent.message_id]
    assert gone["messages"] == []


async def test_photos_and_documents_from_people(
    bot: Bot, person: int, sim: Sim, emulator: EmulatorHandle
) -> None:
    name = await username(bot)
    image = png(5, 5)
    sent = await sim.post(
        "send",
        user_id=person,
        bot=name,
        photo=base64.b64encode(image).decode(),
        caption="my fridge",
    )
    photo = sent["message"]["photo"][-1]
    assert (photo["width"], photo["height"]) == (5, 5)
    assert sent["message"]["caption"] == "my fridge"
    file = await bot.get_file(photo["file_id"])
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == image
    async with sim.http.get(f"/sim/files/{photo['file_unique_id']}") as response:
        assert await response.read() == image

    document = {"file_name": "list.txt", "data": base64.b64encode(b"apples\npears").decode()}
    sent = await sim.post("send", user_id=person, bot=name, document=document)
    assert sent["message"]["document"]["file_name"] == "list.txt"
    assert sent["message"]["document"]["mime_type"] == "text/plain"


async def test_locations_and_live_updates(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    sent = await sim.post(
        "send",
        user_id=person,
        bot=name,
        location={"latitude": 55.75, "longitude": 37.62, "live_period": 900},
    )
    message_id = sent["message"]["message_id"]
    moved = await sim.post(
        "edit",
        user_id=person,
        bot=name,
        message_id=message_id,
        location={"latitude": 55.76, "longitude": 37.63},
    )
    assert moved["message"]["location"]["live_period"] == 900
    updates = await bot.get_updates(timeout=0)
    edits = [u.edited_message for u in updates if u.edited_message]
    assert edits[-1].location is not None
    assert edits[-1].location.latitude == 55.76


async def test_contact_sharing(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    shared = await sim.post("send", user_id=person, bot=name, contact=True)
    assert shared["message"]["contact"] == {
        "phone_number": "+79990001122",
        "first_name": "Anna",
        "user_id": person,
    }
    other = await sim.post(
        "send", user_id=person, bot=name, contact={"phone_number": "+100", "first_name": "Mom"}
    )
    assert other["message"]["contact"] == {"phone_number": "+100", "first_name": "Mom"}


async def test_sim_refusals(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    cases = [
        ({"user_id": 1, "bot": name, "text": "x"}, 404),
        ({"user_id": person, "bot": "no_such_bot", "text": "x"}, 404),
        ({"user_id": person, "bot": name}, 400),
        ({"user_id": person, "bot": name, "text": "x", "chat_id": -1}, 404),
    ]
    for body, status in cases:
        with pytest.raises(SimFailure) as refused:
            await sim.post("send", **body)
        assert refused.value.status == status
        assert "error" in refused.value.body
    with pytest.raises(SimFailure) as no_button:
        await sim.post("press", user_id=person, bot=name, message_id=1, callback_data="x")
    assert no_button.value.status == 404


async def test_groups(bot: Bot, sim: Sim) -> None:
    name = await username(bot)
    owner, member, outsider = [await sim.person(n) for n in ("Owner", "Member", "Outsider")]
    created = await sim.post(
        "groups", title="Shop staff", forum=False, members=[owner, member], admin_bots=[name]
    )
    chat_id = created["chat_id"]
    assert str(chat_id).startswith("-100")
    listed = next(g for g in await sim.get("groups") if g["chat_id"] == chat_id)
    assert listed["members"] == {
        str(owner): "creator",
        str(member): "member",
        str(bot.id): "administrator",
    }
    await sim.post("send", user_id=member, chat_id=chat_id, text="/stock@" + name)
    updates = await bot.get_updates(timeout=0)
    kinds = [(u.my_chat_member is not None, u.message is not None) for u in updates]
    assert kinds[0] == (True, False)  # the bot was told it became an administrator
    group_message = updates[-1].message
    assert group_message is not None
    assert group_message.chat.type == "supergroup"
    assert group_message.entities is not None
    assert group_message.entities[0].type == "bot_command"
    with pytest.raises(SimFailure) as refused:
        await sim.post("send", user_id=outsider, chat_id=chat_id, text="let me in")
    assert refused.value.status == 403


async def test_stats(bot: Bot, person: int, sim: Sim) -> None:
    before = await sim.get("stats")
    await bot.send_message(person, "counted")
    after = await sim.get("stats")
    assert after["calls"]["sendMessage"] == before["calls"].get("sendMessage", 0) + 1
    assert set(after) == {
        "calls",
        "calls_by_bot",
        "too_many_requests",
        "errors",
        "webhook_deliveries",
        "webhook_failures",
    }
