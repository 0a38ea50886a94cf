"""A person opens a Mini App (signed initData) or sends data from one (web_app_data)."""

from __future__ import annotations

from ..ids import new_web_app_query_id
from ..models import JSON, BotAccount, Person, StoredMessage, WebAppQuery
from ..posting import post_from_person
from ..state import EmulatorState, SimError
from ..webapp import build_init_data
from .chats import chat_instance


def open_web_app(
    state: EmulatorState,
    person: Person,
    bot: BotAccount,
    *,
    start_param: str | None = None,
    auth_date: int | None = None,
    chat_type: str | None = None,
) -> JSON:
    """A person opens a bot's Mini App: initData signed with the bot's token."""
    query = WebAppQuery(id=new_web_app_query_id(), bot_id=bot.id, user_id=person.id)
    state.web_app_queries[query.id] = query
    user = {**person.user_json(), "allows_write_to_pm": True}
    init_data = build_init_data(
        bot.token,
        user=user,
        auth_date=auth_date if auth_date is not None else state.now(),
        query_id=query.id,
        start_param=start_param,
        chat_type=chat_type,
        chat_instance=chat_instance(bot, state.private_conversation(bot, person))
        if chat_type
        else None,
    )
    return {"init_data": init_data, "query_id": query.id}


def send_web_app_data(
    state: EmulatorState, person: Person, bot: BotAccount, data: str, button_text: str
) -> StoredMessage:
    """A Mini App opened from a reply keyboard button calls sendData: a web_app_data message."""
    if not data or len(data.encode()) > 4096:
        raise SimError("data must be 1-4096 bytes")
    if person.id in bot.blocked_by:
        raise SimError("this person has blocked the bot; /sim/unblock first", 409)
    conversation = state.private_conversation(bot, person)
    content = {"web_app_data": {"data": data, "button_text": button_text}}
    return post_from_person(state, person, conversation, content)
