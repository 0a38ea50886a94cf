"""What many methods share: finding the target chat (with Telegram's access rules), the forum
topic, the replied message, formatted text and captions, reply_markup, and the edited message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..conversation import Conversation
from ..entities import EntityParseError, format_text, with_detected
from ..entities import UnsupportedParseMode as _UnsupportedParseMode
from ..errors import (
    BOT_BLOCKED,
    BOT_TO_BOT,
    CANT_INITIATE,
    CAPTION_TOO_LONG,
    CHAT_NOT_FOUND,
    MESSAGE_CANT_BE_EDITED,
    MESSAGE_TEXT_EMPTY,
    MESSAGE_TO_EDIT_NOT_FOUND,
    MESSAGE_TO_REPLY_NOT_FOUND,
    MESSAGE_TOO_LONG,
    NOT_A_MEMBER,
    THREAD_NOT_FOUND,
    TOPIC_CLOSED,
    bad_request,
    forbidden,
)
from ..markup import ReplyMarkup, parse_reply_markup
from ..models import JSON, Group, Person, StoredMessage, Topic
from .call import Call

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


@dataclass
class Target:
    """The chat a call addresses, from the calling bot's side."""

    conversation: Conversation
    group: Group | None
    person: Person | None

    @property
    def is_private(self) -> bool:
        """Whether this is a private chat with a person."""
        return self.group is None


def chat_id_of(call: Call, name: str = "chat_id") -> int:
    """The integer chat id a call names (no public usernames exist in the sandbox)."""
    chat_id = call.params.chat_id(name)
    if isinstance(chat_id, str):
        raise bad_request(CHAT_NOT_FOUND)
    return chat_id


def resolve_target(call: Call, name: str = "chat_id", *, sending: bool = True) -> Target:
    """The chat a call addresses, refusing as Telegram refuses (blocked, never started...)."""
    chat_id = chat_id_of(call, name)
    state, bot = call.state, call.bot
    group = state.groups.get(chat_id)
    if group is not None:
        status = group.members.get(bot.id)
        if status == "kicked":
            raise forbidden("bot was kicked from the supergroup chat")
        if status is None or status == "left":
            raise forbidden(NOT_A_MEMBER)
        return Target(state.group_conversation(group), group, None)
    if chat_id in state.bots:
        raise forbidden(BOT_TO_BOT) if sending else bad_request(CHAT_NOT_FOUND)
    person = state.people.get(chat_id)
    if person is None:
        raise bad_request(CHAT_NOT_FOUND)
    known = person.id in bot.started_by or person.id in bot.blocked_by
    if sending:
        if person.id in bot.blocked_by:
            raise forbidden(BOT_BLOCKED)
        if state.options.require_start and not known:
            raise forbidden(CANT_INITIATE)
    elif not known:
        raise bad_request(CHAT_NOT_FOUND)
    return Target(state.private_conversation(bot, person), None, person)


def resolve_thread(call: Call, target: Target, name: str = "message_thread_id") -> Topic | None:
    """The forum topic a send goes to, if message_thread_id was given."""
    thread_id = call.params.integer(name)
    if thread_id is None or thread_id == 0:
        return None
    group = target.group
    if group is None or not group.is_forum:
        raise bad_request(THREAD_NOT_FOUND)
    topic = group.topics.get(thread_id)
    if topic is None:
        raise bad_request(THREAD_NOT_FOUND)
    if topic.closed and not group.is_admin(call.bot.id):
        raise bad_request(TOPIC_CLOSED)
    return topic


def resolve_reply(call: Call, target: Target) -> StoredMessage | None:
    """The message a send replies to (reply_parameters, or the older reply_to_message_id)."""
    parameters = call.params.obj("reply_parameters")
    if parameters is not None:
        message_id = parameters.get("message_id")
        allow_missing = bool(parameters.get("allow_sending_without_reply", False))
    else:
        message_id = call.params.integer("reply_to_message_id")
        allow_missing = call.params.boolean("allow_sending_without_reply")
    if message_id is None:
        return None
    try:
        found = target.conversation.find(int(message_id))
    except (TypeError, ValueError):
        found = None
    if found is None and not allow_missing:
        raise bad_request(MESSAGE_TO_REPLY_NOT_FOUND)
    return found


def formatted(
    call: Call, text: str, *, mode_field: str = "parse_mode", entities_field: str = "entities"
) -> tuple[str, list[JSON]]:
    """Parse a text by its parse_mode (or take its explicit entities), as Telegram does."""
    parse_mode = call.params.string(mode_field)
    explicit = None if parse_mode else call.params.json_value(entities_field)
    try:
        text, entities = format_text(text, parse_mode, explicit, lookup_user=call.state.user_json)
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    except _UnsupportedParseMode:
        raise bad_request("unsupported parse_mode") from None
    return text, with_detected(text, entities)


def text_content(call: Call, field: str = "text") -> JSON:
    """The text and entities of a text message, with Telegram's empty and length checks."""
    raw = call.params.string(field)
    if raw is None:
        raise bad_request(MESSAGE_TEXT_EMPTY)
    text, entities = formatted(call, raw)
    if not text:
        raise bad_request(MESSAGE_TEXT_EMPTY)
    if len(text) > TEXT_LIMIT:
        raise bad_request(MESSAGE_TOO_LONG)
    content: JSON = {"text": text}
    if entities:
        content["entities"] = entities
    return content


def caption_content(call: Call) -> JSON:
    """caption and caption_entities of a media message (empty when there is no caption)."""
    raw = call.params.string("caption")
    if not raw:
        return {}
    text, entities = formatted(call, raw, entities_field="caption_entities")
    if len(text) > CAPTION_LIMIT:
        raise bad_request(CAPTION_TOO_LONG)
    content: JSON = {}
    if text:
        content["caption"] = text
    if entities:
        content["caption_entities"] = entities
    if call.params.boolean("show_caption_above_media"):
        content["show_caption_above_media"] = True
    return content


def reply_markup(call: Call, target: Target) -> ReplyMarkup | None:
    """The checked reply_markup of a call."""
    return parse_reply_markup(call.params.raw("reply_markup"), private=target.is_private)


def message_to_edit(call: Call) -> tuple[Target, StoredMessage]:
    """The bot's own message that an edit method addresses."""
    if call.params.has("inline_message_id") and not call.params.has("chat_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    target = resolve_target(call)
    message_id = call.params.integer("message_id", required="message identifier is not specified")
    assert message_id is not None
    stored = target.conversation.find(message_id)
    if stored is None:
        raise bad_request(MESSAGE_TO_EDIT_NOT_FOUND)
    if stored.bot_id != call.bot.id:
        raise bad_request(MESSAGE_CANT_BE_EDITED)
    return target, stored


def without_none(data: dict[str, Any]) -> JSON:
    """A dict without its null values (Telegram omits absent optional fields)."""
    return {key: value for key, value in data.items() if value is not None}
