"""Waiting for a bot to react in a chat, without sleeping: the conversation wakes waiters."""

from __future__ import annotations

import asyncio

from ..conversation import Conversation
from ..models import JSON
from ..state import EmulatorState


async def wait_for_bot(
    state: EmulatorState,
    conversation: Conversation,
    *,
    after: int | None = None,
    since: int | None = None,
    seconds: float = 5.0,
    any_change: bool = False,
) -> JSON:
    """Return as soon as a bot posts after message id after, or edits or deletes after
    revision since (defaults: the person's latest message and latest action)."""
    if after is None:
        after = conversation.person_last_message_id
    if since is None:
        since = conversation.person_revision
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        if any_change:
            ready = conversation.revision > since or max(conversation.messages, default=0) > after
        else:
            ready = conversation.bot_changes(after=after, since=since)
        if ready or state.closing:
            break
        remaining = deadline - loop.time()
        if remaining <= 0:
            break
        await conversation.signal.wait(remaining)
    return conversation.sim_json(
        conversation.view(after=after, since=since),
        deleted=conversation.deleted_since(since),
        timed_out=not ready,
    )
