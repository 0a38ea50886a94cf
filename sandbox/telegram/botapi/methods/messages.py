"""sendMessage, sendLocation, sendContact, forwardMessage, copyMessage, deleteMessage(s),
sendChatAction."""

from __future__ import annotations

import time
from typing import Any

from ...errors import (
    MESSAGE_CANT_BE_COPIED,
    MESSAGE_CANT_BE_DELETED,
    MESSAGE_TO_COPY_NOT_FOUND,
    MESSAGE_TO_DELETE_NOT_FOUND,
    MESSAGE_TO_FORWARD_NOT_FOUND,
    bad_request,
)
from ...models import JSON, StoredMessage
from ...posting import post_from_bot
from ..call import Call
from ..common import (
    Target,
    caption_content,
    reply_markup,
    resolve_reply,
    resolve_target,
    resolve_thread,
    text_content,
    without_none,
)
from ..registry import method

LIVE_FOREVER = 0x7FFFFFFF
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# What a copy or a forward carries over from the original message.
COPIED_FIELDS = (
    "text",
    "entities",
    "photo",
    "document",
    "caption",
    "caption_entities",
    "show_caption_above_media",
    "location",
    "contact",
    "venue",
)
MEDIA_FIELDS = ("photo", "document")


def post(call: Call, target: Target, content: JSON, **extra: Any) -> StoredMessage:
    """Post a bot message with the call's topic, reply and reply_markup parameters."""
    thread = resolve_thread(call, target)
    reply = resolve_reply(call, target)
    markup = reply_markup(call, target)
    if call.params.boolean("protect_content"):
        content["has_protected_content"] = True
    return post_from_bot(
        call.state,
        call.bot,
        target.conversation,
        content,
        thread=thread,
        reply_to=reply,
        markup=markup,
        **extra,
    )


@method("sendMessage")
async def send_message(call: Call) -> JSON:
    """A text message, formatted by parse_mode or entities."""
    target = resolve_target(call)
    content = text_content(call)
    return post(call, target, content).data


def location_json(call: Call) -> tuple[JSON, float | None]:
    """The Location of sendLocation / editMessageLiveLocation, and when it stops being live."""
    params = call.params
    latitude = params.number("latitude", required="latitude is empty")
    longitude = params.number("longitude", required="longitude is empty")
    assert latitude is not None
    assert longitude is not None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong coordinates specified")
    live_period = params.integer("live_period")
    if live_period is not None and not (60 <= live_period <= 86400 or live_period == LIVE_FOREVER):
        raise bad_request("wrong live period specified")
    location = without_none(
        {
            "latitude": latitude,
            "longitude": longitude,
            "horizontal_accuracy": params.number("horizontal_accuracy"),
            "live_period": live_period,
            "heading": params.integer("heading"),
            "proximity_alert_radius": params.integer("proximity_alert_radius"),
        }
    )
    live_until = None
    if live_period is not None:
        live_until = float("inf") if live_period == LIVE_FOREVER else time.time() + live_period
    return location, live_until


@method("sendLocation")
async def send_location(call: Call) -> JSON:
    """A point on the map, live for live_period seconds if given."""
    target = resolve_target(call)
    location, live_until = location_json(call)
    stored = post(call, target, {"location": location})
    stored.live_until = live_until
    return stored.data


@method("sendContact")
async def send_contact(call: Call) -> JSON:
    """A phone contact."""
    target = resolve_target(call)
    params = call.params
    contact = without_none(
        {
            "phone_number": params.string("phone_number", required="phone number is empty"),
            "first_name": params.string("first_name", required="first name is empty"),
            "last_name": params.string("last_name"),
            "vcard": params.string("vcard"),
        }
    )
    return post(call, target, {"contact": contact}).data


def _original(call: Call, not_found: str) -> StoredMessage:
    source = resolve_target(call, "from_chat_id", sending=False)
    message_id = call.params.integer("message_id", required="message identifier is not specified")
    assert message_id is not None
    original = source.conversation.find(message_id)
    if original is None:
        raise bad_request(not_found)
    return original


def _copied(call: Call, original: StoredMessage) -> JSON:
    data = call.state.for_bot(call.bot, original.data)
    return {key: data[key] for key in COPIED_FIELDS if key in data}


@method("forwardMessage")
async def forward_message(call: Call) -> JSON:
    """Forward a message, keeping who wrote it in forward_origin."""
    target = resolve_target(call)
    original = _original(call, MESSAGE_TO_FORWARD_NOT_FOUND)
    content = _copied(call, original)
    if not content:
        raise bad_request("message can't be forwarded")
    origin = original.data.get("forward_origin") or {
        "type": "user",
        "sender_user": original.data["from"],
        "date": original.data["date"],
    }
    content["forward_origin"] = origin
    thread = resolve_thread(call, target)
    if call.params.boolean("protect_content"):
        content["has_protected_content"] = True
    stored = post_from_bot(call.state, call.bot, target.conversation, content, thread=thread)
    return stored.data


@method("copyMessage")
async def copy_message(call: Call) -> JSON:
    """Send a copy of a message without the link to the original; returns its MessageId."""
    target = resolve_target(call)
    original = _original(call, MESSAGE_TO_COPY_NOT_FOUND)
    content = _copied(call, original)
    if not content:
        raise bad_request(MESSAGE_CANT_BE_COPIED)
    if call.params.has("caption") and any(key in content for key in MEDIA_FIELDS):
        for key in ("caption", "caption_entities"):
            content.pop(key, None)
        content.update(caption_content(call))
    stored = post(call, target, content)
    return {"message_id": stored.message_id}


def _delete(call: Call, target: Target, message_id: int) -> bool:
    stored = target.conversation.find(message_id)
    if stored is None:
        return False
    group = target.group
    if group is not None and stored.bot_id != call.bot.id and not group.is_admin(call.bot.id):
        raise bad_request(MESSAGE_CANT_BE_DELETED)
    target.conversation.remove(message_id)
    return True


@method("deleteMessage")
async def delete_message(call: Call) -> bool:
    """Delete a message (the bot's own, or any in a private chat or where it is admin)."""
    target = resolve_target(call, sending=False)
    message_id = call.params.integer("message_id", required="message identifier is not specified")
    assert message_id is not None
    if not _delete(call, target, message_id):
        raise bad_request(MESSAGE_TO_DELETE_NOT_FOUND)
    return True


@method("deleteMessages")
async def delete_messages(call: Call) -> bool:
    """Delete several messages at once; missing ones are skipped."""
    target = resolve_target(call, sending=False)
    ids = call.params.array("message_ids")
    if not ids or len(ids) > 100:
        raise bad_request("message_ids must contain 1-100 message identifiers")
    deleted = [_delete(call, target, int(message_id)) for message_id in ids]
    if not any(deleted):
        raise bad_request(MESSAGE_TO_DELETE_NOT_FOUND)
    return True


@method("sendChatAction")
async def send_chat_action(call: Call) -> bool:
    """Show "typing…" and friends in the chat for a few seconds."""
    target = resolve_target(call)
    action = call.params.string("action", required="action is empty")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    resolve_thread(call, target)
    target.conversation.set_action(action)
    return True
