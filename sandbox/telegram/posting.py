"""Putting messages into conversations: by a bot (through the Bot API) or by a person (through
the sim API). Fills in what Telegram fills in: from, chat, date, topic fields, replies."""

from __future__ import annotations

from .conversation import Conversation
from .markup import ReplyMarkup
from .models import JSON, BotAccount, Invoice, Person, StoredMessage, Topic
from .state import EmulatorState
from .wire import strip_nested_reply


def compose(
    state: EmulatorState,
    conversation: Conversation,
    sender: JSON,
    content: JSON,
    *,
    thread: Topic | None = None,
    reply_to: StoredMessage | None = None,
) -> JSON:
    """A Message JSON (its message_id is set when it is added to the conversation)."""
    data: JSON = {
        "message_id": 0,
        "from": sender,
        "chat": conversation.chat,
        "date": state.now(),
    }
    if thread is not None:
        data["message_thread_id"] = thread.thread_id
        data["is_topic_message"] = True
        root = conversation.find(thread.thread_id)
        if reply_to is None and root is not None:
            # Telegram presents a topic message as a reply to the topic's creation message.
            data["reply_to_message"] = strip_nested_reply(root.data)
    if reply_to is not None:
        data["reply_to_message"] = strip_nested_reply(reply_to.data)
    data.update(content)
    return data


def post_from_bot(
    state: EmulatorState,
    bot: BotAccount,
    conversation: Conversation,
    content: JSON,
    *,
    thread: Topic | None = None,
    reply_to: StoredMessage | None = None,
    markup: ReplyMarkup | None = None,
    invoice: Invoice | None = None,
) -> StoredMessage:
    """A bot's new message; inline keyboards go into the message, reply keyboards to the chat."""
    data = compose(state, conversation, bot.user_json(), content, thread=thread, reply_to=reply_to)
    keyboard: JSON | None = None
    if markup is not None and markup.kind == "inline":
        data["reply_markup"] = markup.data
    elif markup is not None:
        keyboard = markup.data
    stored = conversation.add(data, bot_id=bot.id, keyboard=keyboard, invoice=invoice)
    if markup is not None and markup.kind in ("keyboard", "force_reply"):
        conversation.keyboard = markup.data
    elif markup is not None and markup.kind == "remove":
        conversation.keyboard = None
    return stored


def post_from_person(
    state: EmulatorState,
    person: Person,
    conversation: Conversation,
    content: JSON,
    *,
    thread: Topic | None = None,
    reply_to: StoredMessage | None = None,
    deliver: bool = True,
) -> StoredMessage:
    """A person's new message, delivered to the bots of the chat as a message update."""
    data = compose(
        state, conversation, person.user_json(), content, thread=thread, reply_to=reply_to
    )
    stored = conversation.add(data, bot_id=None)
    keyboard = conversation.keyboard
    if keyboard is not None and (keyboard.get("force_reply") or keyboard.get("one_time_keyboard")):
        conversation.keyboard = None
    if not conversation.is_group:
        state.bots[conversation.key[1]].started_by.add(person.id)
    if deliver:
        state.deliver_message(conversation, stored)
    return stored
