"""Bot API objects built from the emulator's records: ChatFullInfo, ChatMember and friends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import JSON

_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
    "can_pin_messages": True,
    "can_manage_topics": True,
}
_NO_GIFTS = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


def chat_member(user: JSON, status: str) -> JSON:
    """A ChatMember object of the given status for a user (person or bot)."""
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        return {"status": "administrator", "user": user, **_ADMIN_RIGHTS}
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
    return {"status": status, "user": user}


def chat_full_info(chat: JSON, **extra: Any) -> JSON:
    """The ChatFullInfo object getChat returns, from a Chat object."""
    info: JSON = {
        **chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict(_NO_GIFTS),
    }
    info.update({key: value for key, value in extra.items() if value is not None})
    return info


def strip_nested_reply(message: JSON) -> JSON:
    """A message as it appears in reply_to_message (without a further reply_to_message)."""
    return {key: value for key, value in message.items() if key != "reply_to_message"}


def rebind_files(value: Any, file_id_for: Callable[[str], str]) -> Any:
    """A copy of a message JSON with every file_id replaced by the one another bot knows.

    ``file_id_for`` maps a file_unique_id to that bot's file_id."""
    if isinstance(value, dict):
        result = {key: rebind_files(item, file_id_for) for key, item in value.items()}
        if "file_id" in result and "file_unique_id" in result:
            result["file_id"] = file_id_for(result["file_unique_id"])
        return result
    if isinstance(value, list):
        return [rebind_files(item, file_id_for) for item in value]
    return value
