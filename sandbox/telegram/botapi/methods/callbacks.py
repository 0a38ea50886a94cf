"""answerCallbackQuery: the answer a person sees after pressing an inline button."""

from __future__ import annotations

import time

from ...errors import QUERY_TOO_OLD, bad_request
from ..call import Call
from ..common import without_none
from ..registry import method


@method("answerCallbackQuery")
async def answer_callback_query(call: Call) -> bool:
    """Answer a callback query once, with an optional notification or alert."""
    params = call.params
    query_id = params.string("callback_query_id", required="query is empty")
    assert query_id is not None
    query = call.state.callbacks.get(query_id)
    expired = (
        query is not None and query.expires_at is not None and query.expires_at < time.monotonic()
    )
    if query is None or query.bot_id != call.bot.id or query.answer.done() or expired:
        raise bad_request(QUERY_TOO_OLD)
    text = params.string("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answer.set_result(
        without_none(
            {
                "text": text,
                "show_alert": params.boolean("show_alert"),
                "url": params.string("url"),
                "cache_time": params.integer("cache_time") or 0,
            }
        )
    )
    del call.state.callbacks[query_id]
    return True
