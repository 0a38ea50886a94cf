"""A person presses an inline button: callback queries (waiting briefly for the answer), URL,
Mini App and Pay buttons."""

from __future__ import annotations

from ..ids import new_query_id
from ..markup import find_inline_button
from ..models import JSON, BotAccount, PendingQuery, Person
from ..state import EmulatorState, SimError
from .chats import answer_within, chat_instance, person_conversation
from .payments import pay
from .web_apps import open_web_app


async def press(
    state: EmulatorState,
    person: Person,
    bot: BotAccount | None,
    message_id: int,
    *,
    callback_data: str | None = None,
    text: str | None = None,
    chat_id: int | None = None,
    answer_wait: float | None = None,
) -> JSON:
    """A person presses an inline button (by its callback_data or its visible text)."""
    conversation, _ = person_conversation(state, person, bot, chat_id)
    stored = conversation.find(message_id)
    if stored is None or stored.bot_id is None:
        raise SimError(f"no bot message {message_id} here", 404)
    if callback_data is None and text is None:
        raise SimError("give callback_data or text of the button")
    button = find_inline_button(
        stored.data.get("reply_markup"), callback_data=callback_data, text=text
    )
    if button is None:
        raise SimError("the message has no such inline button", 404)
    owner = state.bots[stored.bot_id]
    result: JSON = {"callback_query_id": None, "answer": None}
    if "callback_data" in button:
        query = PendingQuery(id=new_query_id(), bot_id=owner.id, user_id=person.id)
        state.callbacks[query.id] = query
        payload: JSON = {
            "id": query.id,
            "from": person.user_json(),
            "message": state.for_bot(owner, stored.data),
            "chat_instance": chat_instance(owner, conversation),
            "data": button["callback_data"],
        }
        conversation.person_acted()
        state.deliver(owner, "callback_query", payload)
        wait = state.options.callback_answer_wait if answer_wait is None else answer_wait
        result["callback_query_id"] = query.id
        result["answer"] = await answer_within(query.answer, wait)
    elif "url" in button:
        result["url"] = button["url"]
    elif "web_app" in button:
        result["web_app"] = {"url": button["web_app"]["url"], **open_web_app(state, person, owner)}
    elif button.get("pay"):
        result["payment"] = await pay(state, person, owner, message_id=message_id, chat_id=chat_id)
    else:
        raise SimError("pressing this kind of button is not emulated")
    return result
