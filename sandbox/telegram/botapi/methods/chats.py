"""getChat, getChatMember, getChatAdministrators, getChatMemberCount."""

from __future__ import annotations

from ...errors import USER_NOT_FOUND, bad_request
from ...models import JSON
from ...wire import chat_full_info, chat_member
from ..call import Call
from ..common import resolve_target
from ..registry import method


@method("getChat")
async def get_chat(call: Call) -> JSON:
    """Full information about a chat the bot is in."""
    target = resolve_target(call, sending=False)
    chat = target.conversation.chat
    if target.person is not None:
        return chat_full_info(chat)
    assert target.group is not None
    return chat_full_info(
        chat,
        permissions={"can_send_messages": True, "can_manage_topics": False},
        join_to_send_messages=True,
    )


@method("getChatMember")
async def get_chat_member(call: Call) -> JSON:
    """A member's status in a chat."""
    target = resolve_target(call, sending=False)
    user_id = call.params.integer("user_id", required="user_id is empty")
    assert user_id is not None
    user = call.state.user_json(user_id)
    if user is None:
        raise bad_request(USER_NOT_FOUND)
    if target.group is None:
        in_chat = user_id in (call.bot.id, target.conversation.chat_id)
        blocked = user_id == target.conversation.chat_id and user_id in call.bot.blocked_by
        return chat_member(user, "kicked" if blocked else "member" if in_chat else "left")
    return chat_member(user, target.group.members.get(user_id, "left"))


@method("getChatAdministrators")
async def get_chat_administrators(call: Call) -> list[JSON]:
    """The owner and administrators of a group."""
    target = resolve_target(call, sending=False)
    if target.group is None:
        raise bad_request("there are no administrators in the private chat")
    admins: list[JSON] = []
    for member_id, status in target.group.members.items():
        user = call.state.user_json(member_id)
        if user is not None and status in ("creator", "administrator"):
            admins.append(chat_member(user, status))
    return admins


@method("getChatMemberCount")
async def get_chat_member_count(call: Call) -> int:
    """How many members a chat has."""
    target = resolve_target(call, sending=False)
    if target.group is None:
        return 2
    return sum(1 for status in target.group.members.values() if status not in ("left", "kicked"))
