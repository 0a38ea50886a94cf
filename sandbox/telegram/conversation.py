"""One chat's history: a person's private chat with one bot, or a group shared by everyone in it.

Every change (a post, an edit, a deletion) bumps the conversation's revision and wakes whoever
waits on it, which is how /sim/wait returns the moment a bot posts or edits."""

from __future__ import annotations

import time
from typing import Any

from .models import JSON, Invoice, StoredMessage
from .wakeup import Signal

ConversationKey = tuple[str, int, int]


class Conversation:
    """Messages of one chat in order, with per-chat message ids."""

    def __init__(self, key: ConversationKey, chat: JSON) -> None:
        self.key = key
        self.chat = chat
        self.messages: dict[int, StoredMessage] = {}
        self.next_message_id = 1
        self.revision = 0
        self.person_revision = 0  # revision right after the latest action of a person
        self.person_last_message_id = 0
        self.deleted: list[tuple[int, int]] = []  # (revision, message_id)
        self.signal = Signal()
        self.keyboard: JSON | None = None  # the reply keyboard a person currently sees
        self.action: tuple[str, float] | None = None

    @property
    def chat_id(self) -> int:
        """The Bot API chat id."""
        return int(self.chat["id"])

    @property
    def is_group(self) -> bool:
        """Whether this is a (super)group rather than a private chat."""
        return self.key[0] == "group"

    def _bump(self, *, by_person: bool) -> int:
        self.revision += 1
        if by_person:
            self.person_revision = self.revision
        self.signal.notify()
        return self.revision

    def add(
        self,
        data: JSON,
        *,
        bot_id: int | None,
        keyboard: JSON | None = None,
        invoice: Invoice | None = None,
    ) -> StoredMessage:
        """Append a message (data gets its message_id) and wake waiters."""
        message_id = self.next_message_id
        self.next_message_id += 1
        data["message_id"] = message_id
        stored = StoredMessage(
            data=data,
            bot_id=bot_id,
            revision=0,
            changed_by_bot=bot_id is not None,
            keyboard=keyboard,
            invoice=invoice,
        )
        self.messages[message_id] = stored
        if bot_id is None:
            self.person_last_message_id = message_id
        stored.revision = self._bump(by_person=bot_id is None)
        return stored

    def changed(self, stored: StoredMessage, *, by_bot: bool) -> None:
        """Record that a message was edited in place."""
        stored.changed_by_bot = by_bot
        stored.revision = self._bump(by_person=not by_bot)

    def remove(self, message_id: int) -> None:
        """Delete a message."""
        del self.messages[message_id]
        self.deleted.append((self.revision + 1, message_id))
        self._bump(by_person=False)

    def person_acted(self) -> None:
        """Mark a person's action that posts nothing (a button press, a payment)."""
        self._bump(by_person=True)

    def set_action(self, action: str, seconds: float = 5.0) -> None:
        """Show a chat action ("typing…") for a few seconds, as Telegram does."""
        self.action = (action, time.monotonic() + seconds)

    def current_action(self) -> str | None:
        """The chat action still showing, if any."""
        if self.action and self.action[1] > time.monotonic():
            return self.action[0]
        return None

    def view(self, *, after: int = 0, since: int | None = None) -> list[JSON]:
        """Messages with id above after, plus those changed after revision since; oldest first."""
        return [
            stored.data
            for message_id, stored in sorted(self.messages.items())
            if message_id > after or (since is not None and stored.revision > since)
        ]

    def bot_changes(self, *, after: int, since: int) -> bool:
        """Whether a bot posted after message id after, or edited or deleted after since."""
        for message_id, stored in self.messages.items():
            if not stored.changed_by_bot:
                continue
            if message_id > after or stored.revision > since:
                return True
        return any(revision > since for revision, _ in self.deleted)

    def deleted_since(self, since: int) -> list[int]:
        """Ids of messages deleted after revision since."""
        return [message_id for revision, message_id in self.deleted if revision > since]

    def find(self, message_id: int) -> StoredMessage | None:
        """The message with this id, if it still exists."""
        return self.messages.get(message_id)

    def sim_json(self, messages: list[JSON], **extra: Any) -> JSON:
        """The /sim/chat and /sim/wait answer around a list of messages."""
        return {
            "chat": self.chat,
            "messages": messages,
            "revision": self.revision,
            "keyboard": self.keyboard,
            "action": self.current_action(),
            **extra,
        }
