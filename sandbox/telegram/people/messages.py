"""A person writes: text, contacts, locations, photos, documents; and edits their messages."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..entities import detect_entities
from ..images import image_mime_type, image_size
from ..models import JSON, BotAccount, Group, Person, StoredMessage, Topic
from ..posting import post_from_person
from ..state import EmulatorState, SimError
from .chats import file_bot_id, person_conversation

TEXT_LIMIT = 4096


@dataclass
class Document:
    """A file a person sends as a document."""

    data: bytes
    file_name: str
    mime_type: str | None = None


def _topic(group: Group | None, person: Person, thread_id: int | None) -> Topic | None:
    if thread_id is None:
        return None
    if group is None or not group.is_forum:
        raise SimError("message_thread_id needs a forum group (chat_id)")
    topic = group.topics.get(thread_id)
    if topic is None:
        raise SimError(f"no topic {thread_id} in this group", 404)
    if topic.closed and not group.is_admin(person.id):
        raise SimError("the topic is closed", 403)
    return topic


def _contact(person: Person, contact: Any) -> JSON:
    if contact is True:
        if not person.phone:
            raise SimError("this person has no phone to share; give one in /sim/users")
        shared: JSON = {
            "phone_number": person.phone,
            "first_name": person.first_name,
            "user_id": person.id,
        }
        if person.last_name:
            shared["last_name"] = person.last_name
        return shared
    if not isinstance(contact, dict) or not contact.get("phone_number"):
        raise SimError("contact must be true (own phone) or {phone_number, first_name?, ...}")
    shared = {"phone_number": str(contact["phone_number"])}
    shared["first_name"] = str(contact.get("first_name") or person.first_name)
    for key in ("last_name", "user_id", "vcard"):
        if contact.get(key) is not None:
            shared[key] = contact[key]
    return shared


def _location(location: Any) -> tuple[JSON, float | None]:
    if not isinstance(location, dict):
        raise SimError("location must be {latitude, longitude, live_period?}")
    try:
        latitude, longitude = float(location["latitude"]), float(location["longitude"])
    except (KeyError, TypeError, ValueError):
        raise SimError("location needs numeric latitude and longitude") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise SimError("latitude must be within ±90 and longitude within ±180")
    shared: JSON = {"latitude": latitude, "longitude": longitude}
    for key in ("horizontal_accuracy", "heading", "live_period"):
        if location.get(key) is not None:
            shared[key] = location[key]
    live_period = location.get("live_period")
    live_until = time.time() + float(live_period) if live_period else None
    return shared, live_until


# Location fields that exist only while a live location is live.
_LIVE_ONLY = frozenset({"live_period", "heading", "proximity_alert_radius"})


def _still_live(stored: StoredMessage) -> bool:
    return (
        "location" in stored.data
        and stored.live_until is not None
        and stored.live_until >= time.time()
    )


def send(
    state: EmulatorState,
    person: Person,
    bot: BotAccount | None,
    *,
    text: str | None = None,
    contact: Any = None,
    location: Any = None,
    photo: bytes | None = None,
    document: Document | None = None,
    caption: str | None = None,
    chat_id: int | None = None,
    message_thread_id: int | None = None,
    reply_to_message_id: int | None = None,
) -> StoredMessage:
    """A person writes (or shares a contact, a location, a photo, a document) in a chat."""
    conversation, group = person_conversation(state, person, bot, chat_id)
    if group is None and bot is not None and person.id in bot.blocked_by:
        raise SimError("this person has blocked the bot; /sim/unblock first", 409)
    kinds = [
        k
        for k, v in (
            ("text", text),
            ("contact", contact),
            ("location", location),
            ("photo", photo),
            ("document", document),
        )
        if v is not None
    ]
    if len(kinds) != 1:
        raise SimError("send exactly one of text, contact, location, photo, document")
    thread = _topic(group, person, message_thread_id)
    reply_to = None
    if reply_to_message_id is not None:
        reply_to = conversation.find(reply_to_message_id)
        if reply_to is None:
            raise SimError(f"no message {reply_to_message_id} to reply to", 404)
    content: JSON = {}
    live_until = None
    if text is not None:
        if not text.strip():
            raise SimError("text is empty")
        if len(text) > TEXT_LIMIT:
            raise SimError("text is longer than 4096 characters")
        content["text"] = text
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
    elif contact is not None:
        content["contact"] = _contact(person, contact)
    elif location is not None:
        content["location"], live_until = _location(location)
    elif photo is not None:
        size = image_size(photo)
        if size is None:
            raise SimError("photo must be a PNG, JPEG, GIF or WebP image")
        stored_file = state.files.add(photo, "photo", mime_type=image_mime_type(photo), size=size)
        content["photo"] = state.files.photo_sizes(
            file_bot_id(state, conversation, bot), stored_file
        )
    elif document is not None:
        stored_file = state.files.add(
            document.data, "document", file_name=document.file_name, mime_type=document.mime_type
        )
        content["document"] = state.files.document_json(
            file_bot_id(state, conversation, bot), stored_file
        )
    if caption and ("photo" in content or "document" in content):
        content["caption"] = caption
        entities = detect_entities(caption)
        if entities:
            content["caption_entities"] = entities
    stored = post_from_person(
        state, person, conversation, content, thread=thread, reply_to=reply_to
    )
    stored.live_until = live_until
    return stored


def edit(
    state: EmulatorState,
    person: Person,
    bot: BotAccount | None,
    message_id: int,
    *,
    text: str | None = None,
    location: Any = None,
    stop_live: bool = False,
    chat_id: int | None = None,
) -> StoredMessage:
    """A person edits their message (text, or a live location moving or stopped early):
    edited_message."""
    conversation, _ = person_conversation(state, person, bot, chat_id)
    stored = conversation.find(message_id)
    if stored is None or stored.bot_id is not None or stored.data["from"]["id"] != person.id:
        raise SimError(f"no message {message_id} of this person here", 404)
    if sum((text is not None, location is not None, stop_live)) > 1:
        raise SimError("give one of text, location, stop_live")
    data = stored.data
    if stop_live:
        if not _still_live(stored):
            raise SimError("only a live location that is still live can stop")
        stored.live_until = time.time()
        # The Bot API shows live_period (and heading, proximity_alert_radius) only while a
        # location is live: the stop reaches the bot as an edit without them.
        data["location"] = {
            key: value for key, value in data["location"].items() if key not in _LIVE_ONLY
        }
    elif text is not None:
        if "text" not in data:
            raise SimError("this message has no text to edit")
        data["text"] = text
        entities = detect_entities(text)
        if entities:
            data["entities"] = entities
        else:
            data.pop("entities", None)
    elif location is not None:
        if not _still_live(stored):
            raise SimError("only a live location that is still live can move")
        moved, _ = _location(location)
        data["location"] = {**data["location"], **moved}
    else:
        raise SimError("give text, location or stop_live")
    data["edit_date"] = state.now()
    conversation.changed(stored, by_bot=False)
    state.deliver_message(conversation, stored, "edited_message")
    return stored
