"""A person blocks or unblocks a bot; bots learn they joined a group (my_chat_member)."""

from __future__ import annotations

from ..models import JSON, BotAccount, Group, Person
from ..state import EmulatorState
from ..wire import chat_member


def _member_update(
    bot: BotAccount, person: Person, chat: JSON, old: str, new: str, date: int
) -> JSON:
    return {
        "chat": chat,
        "from": person.user_json(),
        "date": date,
        "old_chat_member": chat_member(bot.user_json(), old),
        "new_chat_member": chat_member(bot.user_json(), new),
    }


def block(state: EmulatorState, person: Person, bot: BotAccount) -> None:
    """A person blocks a bot: the bot gets my_chat_member and then 403 on every send."""
    if person.id in bot.blocked_by:
        return
    bot.blocked_by.add(person.id)
    update = _member_update(
        bot, person, person.private_chat_json(), "member", "kicked", state.now()
    )
    state.deliver(bot, "my_chat_member", update)


def unblock(state: EmulatorState, person: Person, bot: BotAccount) -> None:
    """A person unblocks (restarts) a bot."""
    if person.id not in bot.blocked_by:
        return
    bot.blocked_by.discard(person.id)
    bot.started_by.add(person.id)
    update = _member_update(
        bot, person, person.private_chat_json(), "kicked", "member", state.now()
    )
    state.deliver(bot, "my_chat_member", update)


def announce_group(state: EmulatorState, group: Group) -> None:
    """Tell each bot of a new group that it was added as an administrator."""
    owner = state.people.get(group.owner_id)
    if owner is None:
        return
    for member_id, status in group.members.items():
        bot = state.bots.get(member_id)
        if bot is not None:
            update = _member_update(bot, owner, group.chat_json(), "left", status, state.now())
            state.deliver(bot, "my_chat_member", update)
