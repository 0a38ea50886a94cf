"""editMessageText, editMessageCaption, editMessageReplyMarkup, editMessageLiveLocation,
stopMessageLiveLocation: the bot's own messages change in place."""

from __future__ import annotations

import time

from ...errors import (
    MESSAGE_CANT_BE_EDITED,
    MESSAGE_NOT_MODIFIED,
    NO_CAPTION_TO_EDIT,
    NO_TEXT_TO_EDIT,
    bad_request,
)
from ...models import JSON, StoredMessage
from ..call import Call
from ..common import Target, caption_content, message_to_edit, reply_markup, text_content
from ..registry import method
from .messages import location_json

_CAPTIONED = ("photo", "document")


def _inline_markup(call: Call, target: Target) -> JSON | None:
    markup = reply_markup(call, target)
    if markup is None:
        return None
    if markup.kind != "inline":
        raise bad_request("inline keyboard expected")
    return markup.data


def _apply(call: Call, target: Target, stored: StoredMessage, changes: JSON) -> JSON:
    """Apply changes (None removes a field); refuse an edit that changes nothing."""
    data = stored.data
    if all(data.get(key) == value for key, value in changes.items()):
        raise bad_request(MESSAGE_NOT_MODIFIED)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    data["edit_date"] = call.state.now()
    target.conversation.changed(stored, by_bot=True)
    return data


@method("editMessageText")
async def edit_message_text(call: Call) -> JSON:
    """New text (and inline keyboard: leaving it out removes it) for a text message."""
    target, stored = message_to_edit(call)
    if "text" not in stored.data:
        raise bad_request(NO_TEXT_TO_EDIT)
    content = text_content(call)
    changes: JSON = {
        "text": content["text"],
        "entities": content.get("entities"),
        "reply_markup": _inline_markup(call, target),
    }
    return _apply(call, target, stored, changes)


@method("editMessageCaption")
async def edit_message_caption(call: Call) -> JSON:
    """New caption of a photo or document message."""
    target, stored = message_to_edit(call)
    if not any(key in stored.data for key in _CAPTIONED):
        raise bad_request(NO_CAPTION_TO_EDIT)
    content = caption_content(call)
    changes: JSON = {
        "caption": content.get("caption"),
        "caption_entities": content.get("caption_entities"),
        "reply_markup": _inline_markup(call, target),
    }
    return _apply(call, target, stored, changes)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(call: Call) -> JSON:
    """New inline keyboard (or none) for a message."""
    target, stored = message_to_edit(call)
    return _apply(call, target, stored, {"reply_markup": _inline_markup(call, target)})


def _live(stored: StoredMessage) -> bool:
    return (
        "location" in stored.data
        and stored.live_until is not None
        and stored.live_until > time.time()
    )


@method("editMessageLiveLocation")
async def edit_message_live_location(call: Call) -> JSON:
    """Move a live location that is still live."""
    target, stored = message_to_edit(call)
    if not _live(stored):
        raise bad_request(MESSAGE_CANT_BE_EDITED)
    location, live_until = location_json(call)
    current = stored.data["location"]
    merged = {**current, **location}
    if live_until is not None:
        stored.live_until = live_until
    changes: JSON = {"location": merged, "reply_markup": _inline_markup(call, target)}
    return _apply(call, target, stored, changes)


@method("stopMessageLiveLocation")
async def stop_message_live_location(call: Call) -> JSON:
    """Stop a live location before its live_period ends."""
    target, stored = message_to_edit(call)
    if not _live(stored):
        raise bad_request(MESSAGE_CANT_BE_EDITED)
    stored.live_until = time.time()
    data = stored.data
    data["reply_markup"] = _inline_markup(call, target)
    if data["reply_markup"] is None:
        del data["reply_markup"]
    data["edit_date"] = call.state.now()
    target.conversation.changed(stored, by_bot=True)
    return data
