"""Forum topics in supergroups: createForumTopic, editForumTopic, closeForumTopic,
reopenForumTopic, deleteForumTopic. Each posts the service message Telegram posts."""

from __future__ import annotations

from ...errors import CHAT_NOT_FORUM, THREAD_NOT_FOUND, TOPIC_NOT_MODIFIED, bad_request
from ...models import JSON, Group, Topic
from ...posting import post_from_bot
from ..call import Call
from ..common import Target, resolve_target, without_none
from ..registry import method

ICON_COLORS = frozenset({7322096, 16766590, 13338331, 9367192, 16749490, 16478047})


def _forum(call: Call, rights_error: str) -> tuple[Target, Group]:
    target = resolve_target(call)
    group = target.group
    if group is None or not group.is_forum:
        raise bad_request(CHAT_NOT_FORUM)
    if not group.is_admin(call.bot.id):
        raise bad_request(rights_error)
    return target, group


def _topic(call: Call, group: Group) -> Topic:
    thread_id = call.params.integer("message_thread_id", required=THREAD_NOT_FOUND)
    topic = group.topics.get(thread_id or 0)
    if topic is None:
        raise bad_request(THREAD_NOT_FOUND)
    return topic


def _service(call: Call, target: Target, topic: Topic, content: JSON) -> None:
    post_from_bot(call.state, call.bot, target.conversation, content, thread=topic)


@method("createForumTopic")
async def create_forum_topic(call: Call) -> JSON:
    """A new topic; its message_thread_id is the id of its creation message."""
    target, group = _forum(call, "not enough rights to create a topic")
    name = call.params.string("name") or ""
    if not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
    icon_color = call.params.integer("icon_color") or 7322096
    if icon_color not in ICON_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    emoji = call.params.string("icon_custom_emoji_id") or None
    created = without_none({"name": name, "icon_color": icon_color, "icon_custom_emoji_id": emoji})
    stored = post_from_bot(
        call.state, call.bot, target.conversation, {"forum_topic_created": created}
    )
    topic = Topic(
        thread_id=stored.message_id, name=name, icon_color=icon_color, icon_custom_emoji_id=emoji
    )
    stored.data["message_thread_id"] = topic.thread_id
    stored.data["is_topic_message"] = True
    group.topics[topic.thread_id] = topic
    return topic.json()


@method("editForumTopic")
async def edit_forum_topic(call: Call) -> bool:
    """Rename a topic or change its icon."""
    target, group = _forum(call, "not enough rights to edit a topic")
    topic = _topic(call, group)
    name = call.params.string("name")
    emoji = call.params.string("icon_custom_emoji_id")
    if name is not None and not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
    changed: JSON = {}
    if name is not None and name != topic.name:
        topic.name = changed["name"] = name
    if emoji is not None and (emoji or None) != topic.icon_custom_emoji_id:
        topic.icon_custom_emoji_id = emoji or None
        changed["icon_custom_emoji_id"] = emoji
    if not changed:
        raise bad_request(TOPIC_NOT_MODIFIED)
    _service(call, target, topic, {"forum_topic_edited": changed})
    return True


def _set_closed(call: Call, closed: bool) -> bool:
    target, group = _forum(call, "not enough rights to manage topics")
    topic = _topic(call, group)
    if topic.closed == closed:
        raise bad_request(TOPIC_NOT_MODIFIED)
    topic.closed = closed
    kind = "forum_topic_closed" if closed else "forum_topic_reopened"
    _service(call, target, topic, {kind: {}})
    return True


@method("closeForumTopic")
async def close_forum_topic(call: Call) -> bool:
    """Close a topic: only administrators can still write in it."""
    return _set_closed(call, True)


@method("reopenForumTopic")
async def reopen_forum_topic(call: Call) -> bool:
    """Reopen a closed topic."""
    return _set_closed(call, False)


@method("deleteForumTopic")
async def delete_forum_topic(call: Call) -> bool:
    """Delete a topic with all its messages."""
    target, group = _forum(call, "not enough rights to delete a topic")
    topic = _topic(call, group)
    conversation = target.conversation
    for message_id, stored in list(conversation.messages.items()):
        if stored.data.get("message_thread_id") == topic.thread_id:
            conversation.remove(message_id)
    del group.topics[topic.thread_id]
    return True
