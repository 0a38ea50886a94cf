"""Every Bot API method the emulator offers, called through aiogram's Bot; aiogram's own types
parse every answer, so a shape Telegram would not send fails here."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from typing import Any

import pytest
from aiogram import Bot
from aiogram.enums import ChatMemberStatus, ParseMode
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import Close, LogOut
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    BufferedInputFile,
    ChatMemberAdministrator,
    ChatMemberMember,
    ChatMemberOwner,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LabeledPrice,
    MenuButtonCommands,
    MenuButtonWebApp,
    Message,
    MessageOriginUser,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
    WebAppInfo,
)
from telegram_sim import Sim, png, username

from sandbox.telegram import EmulatorHandle


def dumped(value: Any) -> Any:
    """aiogram objects as plain JSON (their == also compares the bound Bot)."""
    if isinstance(value, list):
        return [dumped(item) for item in value]
    return value.model_dump(exclude_none=True) if value is not None else None


async def test_get_me_is_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.id == bot.id
    assert (me.username or "").endswith("_bot")


async def test_tokens_have_telegrams_shape(emulator: EmulatorHandle) -> None:
    credentials = emulator.register_bot("shape_check_bot")
    left, right = credentials.token.split(":")
    assert int(left) == credentials.id
    assert len(right) == 35
    assert credentials == credentials.token  # usable directly as the token string


async def test_send_message_html(bot: Bot, person: int) -> None:
    message = await bot.send_message(
        person, "<b>Apples</b> <i>1.5 kg</i> &lt;fresh&gt;", parse_mode=ParseMode.HTML
    )
    assert message.text == "Apples 1.5 kg <fresh>"
    assert [(e.type, e.offset, e.length) for e in message.entities or []] == [
        ("bold", 0, 6),
        ("italic", 7, 6),
    ]
    assert message.chat.id == person
    assert message.from_user is not None
    assert message.from_user.id == bot.id


async def test_send_message_markdown_v2_and_explicit_entities(bot: Bot, person: int) -> None:
    styled = await bot.send_message(person, "*Pears* 2\\.5 kg", parse_mode=ParseMode.MARKDOWN_V2)
    assert styled.text == "Pears 2.5 kg"
    assert styled.entities is not None
    assert styled.entities[0].type == "bold"
    plain = await bot.send_message(
        person, "Plums", entities=[{"type": "underline", "offset": 0, "length": 5}]
    )
    assert plain.entities is not None
    assert plain.entities[0].type == "underline"


async def test_message_ids_increase_per_chat(bot: Bot, person: int) -> None:
    first = await bot.send_message(person, "one")
    second = await bot.send_message(person, "two")
    assert second.message_id == first.message_id + 1
    assert isinstance(second.date.timestamp(), float)


async def test_reply_parameters(bot: Bot, person: int) -> None:
    original = await bot.send_message(person, "question")
    answer = await bot.send_message(
        person, "answer", reply_parameters=ReplyParameters(message_id=original.message_id)
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.message_id == original.message_id


async def test_edits(bot: Bot, person: int) -> None:
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Add", callback_data="add")]]
    )
    sent = await bot.send_message(person, "Cart: empty", reply_markup=keyboard)
    edited = await bot.edit_message_text(
        text="Cart: <b>1</b>",
        chat_id=person,
        message_id=sent.message_id,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )
    assert isinstance(edited, Message)
    assert edited.text == "Cart: 1"
    assert edited.edit_date is not None
    assert dumped(edited.reply_markup) == dumped(keyboard)
    stripped = await bot.edit_message_reply_markup(chat_id=person, message_id=sent.message_id)
    assert isinstance(stripped, Message)
    assert stripped.reply_markup is None

    photo = await bot.send_photo(person, BufferedInputFile(png(), "p.png"), caption="old")
    recaptioned = await bot.edit_message_caption(
        chat_id=person, message_id=photo.message_id, caption="<u>new</u>", parse_mode="HTML"
    )
    assert isinstance(recaptioned, Message)
    assert recaptioned.caption == "new"
    assert recaptioned.caption_entities is not None


async def test_delete_forward_and_copy(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    said = await sim.say(person, name, "keep this")
    forwarded = await bot.forward_message(person, person, said["message_id"])
    assert forwarded.text == "keep this"
    assert isinstance(forwarded.forward_origin, MessageOriginUser)
    assert forwarded.forward_origin.sender_user.id == person
    copied = await bot.copy_message(person, person, said["message_id"])
    chat = await sim.get("chat", user_id=person, bot=name, after=forwarded.message_id)
    assert [m["message_id"] for m in chat["messages"]] == [copied.message_id]
    assert "forward_origin" not in chat["messages"][0]
    assert await bot.delete_message(person, copied.message_id)
    chat = await sim.get("chat", user_id=person, bot=name, after=forwarded.message_id)
    assert chat["messages"] == []


async def test_contact_and_bulk_delete(bot: Bot, person: int, sim: Sim) -> None:
    contact = await bot.send_contact(person, "+74950000000", "Shop", last_name="Support")
    assert contact.contact is not None
    assert (contact.contact.phone_number, contact.contact.last_name) == ("+74950000000", "Support")
    other = await bot.send_message(person, "temporary")
    assert await bot.delete_messages(person, [contact.message_id, other.message_id])
    chat = await sim.get("chat", user_id=person, bot=await username(bot))
    assert [m["text"] for m in chat["messages"]] == ["/start"]


async def test_photo_upload_reuse_get_file_and_download(bot: Bot, person: int) -> None:
    image = png(8, 6)
    sent = await bot.send_photo(person, BufferedInputFile(image, "apples.png"), caption="Apples")
    assert sent.photo is not None
    size = sent.photo[-1]
    assert (size.width, size.height, size.file_size) == (8, 6, len(image))
    assert sent.caption == "Apples"
    again = await bot.send_photo(person, size.file_id)
    assert again.photo is not None
    assert again.photo[-1].file_unique_id == size.file_unique_id
    file = await bot.get_file(size.file_id)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == image


async def test_photo_by_url_is_fetched(
    bot: Bot, person: int, sim: Sim, emulator: EmulatorHandle
) -> None:
    image = png(7, 7)
    shared = await sim.post(
        "send", user_id=person, bot=await username(bot), photo=base64.b64encode(image).decode()
    )
    url = f"{emulator.url}/sim/files/{shared['message']['photo'][-1]['file_unique_id']}"
    sent = await bot.send_photo(person, url)
    assert sent.photo is not None
    assert sent.photo[-1].width == 7
    with pytest.raises(TelegramBadRequest, match="failed to get HTTP URL content"):
        await bot.send_photo(person, f"{emulator.url}/sim/files/missing")


async def test_file_ids_belong_to_their_bot(
    new_bot: Callable[[], Bot], bot: Bot, person: int
) -> None:
    sent = await bot.send_photo(person, BufferedInputFile(png(), "p.png"))
    assert sent.photo is not None
    other = new_bot()
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await other.get_file(sent.photo[-1].file_id)


async def test_document(bot: Bot, person: int) -> None:
    sent = await bot.send_document(
        person, BufferedInputFile(b"order 42", "receipt.txt"), caption="Your receipt"
    )
    assert sent.document is not None
    assert sent.document.file_name == "receipt.txt"
    assert sent.document.mime_type == "text/plain"
    again = await bot.send_document(person, sent.document.file_id)
    assert again.document is not None
    assert again.document.file_unique_id == sent.document.file_unique_id


async def test_live_location(bot: Bot, person: int) -> None:
    sent = await bot.send_location(person, 55.75, 37.61, live_period=600)
    assert sent.location is not None
    assert sent.location.live_period == 600
    moved = await bot.edit_message_live_location(
        latitude=55.76, longitude=37.62, chat_id=person, message_id=sent.message_id
    )
    assert isinstance(moved, Message)
    assert moved.location is not None
    assert moved.location.latitude == 55.76
    stopped = await bot.stop_message_live_location(chat_id=person, message_id=sent.message_id)
    assert isinstance(stopped, Message)


async def test_chat_action(bot: Bot, person: int, sim: Sim) -> None:
    assert await bot.send_chat_action(person, "typing")
    chat = await sim.get("chat", user_id=person, bot=await username(bot))
    assert chat["action"] == "typing"


async def test_keyboards(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    inline = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="Buy", callback_data="buy:1")],
            [InlineKeyboardButton(text="Site", url="https://fruktgo.example/")],
            [
                InlineKeyboardButton(
                    text="Shop", web_app=WebAppInfo(url="http://127.0.0.1:8080/app")
                )
            ],
        ]
    )
    sent = await bot.send_message(person, "Menu", reply_markup=inline)
    assert dumped(sent.reply_markup) == dumped(inline)

    reply = ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text="Share phone", request_contact=True)],
            [KeyboardButton(text="Send location", request_location=True)],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    keyboard_message = await bot.send_message(person, "Share?", reply_markup=reply)
    assert keyboard_message.reply_markup is None  # Telegram keeps reply keyboards off the message
    view = await sim.get("chat", user_id=person, bot=name)
    assert view["keyboard"]["keyboard"][0][0]["request_contact"] is True

    await sim.post("send", user_id=person, bot=name, contact=True)
    view = await sim.get("chat", user_id=person, bot=name)
    assert view["keyboard"] is None  # one_time_keyboard hides after use
    assert view["messages"][-1]["contact"]["user_id"] == person

    await bot.send_message(
        person, "Reply please", reply_markup=ForceReply(input_field_placeholder="...")
    )
    view = await sim.get("chat", user_id=person, bot=name)
    assert view["keyboard"]["force_reply"] is True
    await bot.send_message(person, "Thanks", reply_markup=ReplyKeyboardRemove())
    view = await sim.get("chat", user_id=person, bot=name)
    assert view["keyboard"] is None


async def test_callback_query_answer(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Ping", callback_data="ping")]]
    )
    sent = await bot.send_message(person, "Press", reply_markup=markup)
    before = await bot.get_updates(timeout=0)
    offset = before[-1].update_id + 1 if before else None

    async def answer_when_pressed() -> None:
        updates = await bot.get_updates(
            offset=offset, timeout=5, allowed_updates=["callback_query"]
        )
        query = updates[-1].callback_query
        assert query is not None
        assert query.data == "ping"
        assert query.message is not None
        assert query.message.message_id == sent.message_id
        assert await bot.answer_callback_query(query.id, text="Pong", show_alert=True)

    answering = asyncio.create_task(answer_when_pressed())
    pressed = await sim.post(
        "press", user_id=person, bot=name, message_id=sent.message_id, text="Ping"
    )
    await answering
    assert pressed["answer"]["text"] == "Pong"
    assert pressed["answer"]["show_alert"] is True


async def test_commands_menu_and_descriptions(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    commands = [
        BotCommand(command="start", description="Start"),
        BotCommand(command="cart", description="Cart"),
    ]
    assert await bot.set_my_commands(commands)
    assert await bot.set_my_commands(
        [BotCommand(command="start", description="Старт")], language_code="ru"
    )
    assert dumped(await bot.get_my_commands()) == dumped(commands)
    russian = await bot.get_my_commands(scope=BotCommandScopeDefault(), language_code="ru")
    assert dumped(russian) == [{"command": "start", "description": "Старт"}]
    assert await bot.set_my_commands(
        [BotCommand(command="admin", description="Admin")],
        scope=BotCommandScopeChat(chat_id=person),
    )
    menu = await sim.get("menu", user_id=person, bot=name)
    assert [c["command"] for c in menu["commands"]] == ["admin"]
    assert await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=person))
    menu = await sim.get("menu", user_id=person, bot=name)
    assert [c["command"] for c in menu["commands"]] == ["start", "cart"]

    assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
    button = MenuButtonWebApp(text="Shop", web_app=WebAppInfo(url="http://127.0.0.1:8080/app"))
    assert await bot.set_chat_menu_button(chat_id=person, menu_button=button)
    assert dumped(await bot.get_chat_menu_button(chat_id=person)) == dumped(button)

    assert await bot.set_my_description("Fresh fruit nearby")
    assert (await bot.get_my_description()).description == "Fresh fruit nearby"
    assert await bot.set_my_short_description("Fruit")
    assert (await bot.get_my_short_description()).short_description == "Fruit"
    assert await bot.set_my_name("FruktGo")
    assert (await bot.get_my_name()).name == "FruktGo"
    menu = await sim.get("menu", user_id=person, bot=name)
    assert menu["description"] == "Fresh fruit nearby"
    assert menu["menu_button"]["type"] == "web_app"


async def test_chats_and_members(bot: Bot, person: int, sim: Sim) -> None:
    private = await bot.get_chat(person)
    assert private.type == "private"
    assert private.first_name == "Anna"
    member = await bot.get_chat_member(person, person)
    assert isinstance(member, ChatMemberMember)

    name = await username(bot)
    other = await sim.person("Boris")
    group = await sim.post(
        "groups", title="Staff", forum=True, members=[person, other], admin_bots=[name]
    )
    chat_id = group["chat_id"]
    info = await bot.get_chat(chat_id)
    assert (info.type, info.title, info.is_forum) == ("supergroup", "Staff", True)
    admins = await bot.get_chat_administrators(chat_id)
    assert {type(a) for a in admins} == {ChatMemberOwner, ChatMemberAdministrator}
    owner = await bot.get_chat_member(chat_id, person)
    assert owner.status == ChatMemberStatus.CREATOR
    assert (await bot.get_chat_member(chat_id, other)).status == ChatMemberStatus.MEMBER
    assert await bot.get_chat_member_count(chat_id) == 3


async def test_forum_topics(bot: Bot, sim: Sim) -> None:
    name = await username(bot)
    agent = await sim.person("Agent")
    chat_id = (
        await sim.post("groups", title="Support", forum=True, members=[agent], admin_bots=[name])
    )["chat_id"]
    topic = await bot.create_forum_topic(chat_id, "Ticket #1")
    assert topic.name == "Ticket #1"
    posted = await bot.send_message(
        chat_id, "New ticket", message_thread_id=topic.message_thread_id
    )
    assert posted.message_thread_id == topic.message_thread_id
    assert posted.is_topic_message
    assert posted.reply_to_message is not None
    assert posted.reply_to_message.forum_topic_created is not None

    reply = await sim.post(
        "send",
        user_id=agent,
        chat_id=chat_id,
        message_thread_id=topic.message_thread_id,
        text="On it",
    )
    assert reply["message"]["message_thread_id"] == topic.message_thread_id
    updates = await bot.get_updates(timeout=0)
    topic_messages = [u.message for u in updates if u.message and u.message.text == "On it"]
    assert topic_messages
    assert topic_messages[-1].is_topic_message

    assert await bot.edit_forum_topic(chat_id, topic.message_thread_id, name="Ticket #1 (urgent)")
    assert await bot.close_forum_topic(chat_id, topic.message_thread_id)
    assert await bot.reopen_forum_topic(chat_id, topic.message_thread_id)
    groups = await sim.get("groups")
    listed = next(g for g in groups if g["chat_id"] == chat_id)
    assert listed["topics"][0]["name"] == "Ticket #1 (urgent)"
    view = await sim.get("chat", chat_id=chat_id, message_thread_id=topic.message_thread_id)
    kinds = [next(k for k in m if k.startswith(("forum_topic", "text"))) for m in view["messages"]]
    assert kinds == [
        "forum_topic_created",
        "text",
        "text",
        "forum_topic_edited",
        "forum_topic_closed",
        "forum_topic_reopened",
    ]
    assert await bot.delete_forum_topic(chat_id, topic.message_thread_id)


async def test_invoices(bot: Bot, person: int) -> None:
    prices = [
        LabeledPrice(label="Apples", amount=15000),
        LabeledPrice(label="Delivery", amount=9900),
    ]
    invoice = await bot.send_invoice(
        person,
        title="Order #7",
        description="Apples 1.5 kg",
        payload="order:7",
        currency="RUB",
        prices=prices,
        provider_token="sandbox",
    )
    assert invoice.invoice is not None
    assert invoice.invoice.total_amount == 24900
    assert invoice.reply_markup is not None
    assert invoice.reply_markup.inline_keyboard[0][0].pay is True
    link = await bot.create_invoice_link(
        title="Order #8", description="Pears", payload="order:8", currency="RUB", prices=prices
    )
    assert link.startswith("https://t.me/$")


async def test_log_out_and_close(bot: Bot) -> None:
    assert await bot(LogOut())
    assert await bot(Close())


async def test_links_and_commands_in_bot_text_become_entities(bot: Bot, person: int) -> None:
    message = await bot.send_message(
        person,
        "See <code>https://x.example.com</code> or https://fruktgo.ru /help",
        parse_mode="HTML",
    )
    assert [(e.type, e.offset, e.length) for e in message.entities or []] == [
        ("code", 4, 21),
        ("url", 29, 18),
        ("bot_command", 48, 5),
    ]
