"""A bot's queue of updates: numbered, kept until confirmed by getUpdates' offset (or by a
successful webhook delivery), filtered by allowed_updates."""

from __future__ import annotations

import time
from typing import Any

from .wakeup import Signal

UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# Without allowed_updates Telegram sends everything except these.
_OPT_IN = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue:
    """Pending updates of one bot, and the wake-up its long polls and webhook sender wait on."""

    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []
        # Telegram never reuses an update_id for a bot. Starting from the clock keeps that true
        # across emulator restarts, so a bot's duplicate filter never drops fresh updates.
        self.next_update_id = time.time_ns() // 1_000_000
        self.allowed_updates: frozenset[str] | None = None
        self.signal = Signal()
        self.poll_generation = 0

    def wants(self, update_type: str) -> bool:
        """Whether allowed_updates lets this kind of update through."""
        if self.allowed_updates is None:
            return update_type not in _OPT_IN
        return update_type in self.allowed_updates

    def set_allowed(self, allowed: list[str] | None) -> None:
        """Apply allowed_updates (an empty list means the default set)."""
        if allowed is None:
            return
        chosen = frozenset(a for a in allowed if a in UPDATE_TYPES)
        self.allowed_updates = chosen or None

    def push(self, update_type: str, payload: dict[str, Any]) -> int | None:
        """Queue an update; returns its update_id, or None if allowed_updates drops it."""
        if not self.wants(update_type):
            return None
        update_id = self.next_update_id
        self.next_update_id += 1
        self.pending.append({"update_id": update_id, update_type: payload})
        self.signal.notify()
        return update_id

    def confirm(self, offset: int | None) -> None:
        """Forget updates below offset; a negative offset keeps only the last -offset ones."""
        if offset is None or offset == 0:
            return
        if offset < 0:
            self.pending = self.pending[offset:]
        else:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def peek(self, limit: int) -> list[dict[str, Any]]:
        """The oldest pending updates, at most limit of them."""
        return self.pending[:limit]

    def clear(self) -> None:
        """Drop every pending update (drop_pending_updates)."""
        self.pending.clear()

    def begin_poll(self) -> int:
        """Start a getUpdates call; an older one still waiting is thereby terminated."""
        self.poll_generation += 1
        self.signal.notify()
        return self.poll_generation
