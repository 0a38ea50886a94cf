"""Which chat a person acts in, and identifiers derived from it."""

from __future__ import annotations

import asyncio
import hashlib

from ..conversation import Conversation
from ..models import JSON, BotAccount, Group, Person
from ..state import EmulatorState, SimError


def person_conversation(
    state: EmulatorState, person: Person, bot: BotAccount | None, chat_id: int | None
) -> tuple[Conversation, Group | None]:
    """The chat a person acts in: a group (by chat_id) or the private chat with a bot."""
    if chat_id is not None and chat_id != person.id:
        group = state.groups.get(chat_id)
        if group is None:
            raise SimError(f"no group with chat_id {chat_id}", 404)
        if group.members.get(person.id) in (None, "left", "kicked"):
            raise SimError("this person is not a member of the group", 403)
        return state.group_conversation(group), group
    if bot is None:
        raise SimError("name a bot (or a group chat_id)")
    return state.private_conversation(bot, person), None


def chat_instance(bot: BotAccount, conversation: Conversation) -> str:
    """A stable chat_instance for callback queries from this chat."""
    digest = hashlib.sha256(f"{bot.id}:{conversation.key}".encode()).digest()
    return str(int.from_bytes(digest[:8], "big") >> 1)


def file_bot_id(state: EmulatorState, conversation: Conversation, bot: BotAccount | None) -> int:
    if bot is not None:
        return bot.id
    recipients = state.recipients(conversation, author_bot=None)
    return recipients[0].id if recipients else 0


async def answer_within(future: asyncio.Future[JSON], seconds: float) -> JSON | None:
    """The answer if it comes in time (the query stays answerable afterwards)."""
    done, _ = await asyncio.wait({future}, timeout=seconds)
    if future in done and not future.cancelled():
        return future.result()
    return None
