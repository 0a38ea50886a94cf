"""answerWebAppQuery: a Mini App's result is sent to the chat on the person's behalf."""

from __future__ import annotations

import secrets

from ...entities import EntityParseError, format_text
from ...errors import MESSAGE_TEXT_EMPTY, QUERY_TOO_OLD, bad_request
from ...markup import parse_reply_markup
from ...models import JSON
from ...posting import post_from_person
from ..call import Call
from ..registry import method


def _content(result: JSON) -> JSON:
    """The message an InlineQueryResult turns into (articles: their input_message_content)."""
    message = result.get("input_message_content")
    if not isinstance(message, dict):
        message = {"message_text": result.get("title") or result.get("url") or ""}
    text = message.get("message_text")
    if not isinstance(text, str):
        raise bad_request(MESSAGE_TEXT_EMPTY)
    try:
        text, entities = format_text(text, message.get("parse_mode"), message.get("entities"))
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    if not text:
        raise bad_request(MESSAGE_TEXT_EMPTY)
    content: JSON = {"text": text}
    if entities:
        content["entities"] = entities
    return content


@method("answerWebAppQuery")
async def answer_web_app_query(call: Call) -> JSON:
    """Send the result of a Mini App launch into the chat it was launched from."""
    state = call.state
    query_id = call.params.string("web_app_query_id", required="query is empty")
    query = state.web_app_queries.get(query_id or "")
    if query is None or query.bot_id != call.bot.id or query.used:
        raise bad_request(QUERY_TOO_OLD)
    result = call.params.obj("result")
    if result is None:
        raise bad_request("result is empty")
    content = _content(result)
    markup = parse_reply_markup(result.get("reply_markup"), private=True)
    if markup is not None and markup.kind == "inline":
        content["reply_markup"] = markup.data
    content["via_bot"] = call.bot.user_json()
    person = state.people[query.user_id]
    conversation = state.private_conversation(call.bot, person)
    query.used = True
    post_from_person(state, person, conversation, content)
    return {"inline_message_id": secrets.token_urlsafe(16)}
