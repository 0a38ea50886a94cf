"""Everything the emulator knows: people, bots, groups, conversations, files, pending queries,
plus the options, limits, injected faults and counters. One instance per emulator."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .conversation import Conversation
from .faults import FaultBook
from .files import FileStore
from .ids import is_token_shaped, new_token
from .limits import LimitSettings, RateLimiter
from .models import (
    JSON,
    BotAccount,
    Group,
    Invoice,
    PendingQuery,
    Person,
    StoredMessage,
    WebAppQuery,
)
from .stats import Stats
from .wire import rebind_files

if TYPE_CHECKING:
    from aiohttp import ClientSession


@dataclass
class EmulatorOptions:
    """Knobs of the emulator; the defaults behave like Telegram."""

    limits: LimitSettings = field(default_factory=LimitSettings)
    callback_answer_wait: float = 2.0
    pre_checkout_timeout: float = 10.0
    webhook_retry_initial: float = 0.2
    webhook_retry_max: float = 10.0
    webhook_timeout: float = 10.0
    url_fetch_timeout: float = 5.0
    # Telegram refuses to let a bot write first to someone who never started it.
    require_start: bool = True


class SimError(Exception):
    """A refused /sim request (not a Bot API error): answered as {"error": message}."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class EmulatorState:
    """The emulator's world."""

    def __init__(self, options: EmulatorOptions | None = None) -> None:
        self.options = options or EmulatorOptions()
        self.people: dict[int, Person] = {}
        self.bots: dict[int, BotAccount] = {}
        self._bots_by_token: dict[str, BotAccount] = {}
        self._bots_by_username: dict[str, BotAccount] = {}
        self.groups: dict[int, Group] = {}
        self.conversations: dict[tuple[str, int, int], Conversation] = {}
        self.files = FileStore()
        self.callbacks: dict[str, PendingQuery] = {}
        self.pre_checkouts: dict[str, PendingQuery] = {}
        self.invoice_links: dict[str, Invoice] = {}
        self.web_app_queries: dict[str, WebAppQuery] = {}
        self.limiter = RateLimiter(self.options.limits)
        self.faults = FaultBook()
        self.stats = Stats()
        self.closing = False
        self.http: ClientSession | None = None
        self.on_webhook_changed: Callable[[BotAccount], None] = lambda bot: None
        self._next_user_id = 100_000_001
        self._next_bot_id = 7_000_000_001
        self._next_group = 1_000_000_001

    # -- time ---------------------------------------------------------------------------------

    @staticmethod
    def now() -> int:
        """The current Unix time, as message dates carry it."""
        return int(time.time())

    # -- people and bots ----------------------------------------------------------------------

    def add_person(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        phone: str | None = None,
        user_id: int | None = None,
    ) -> Person:
        """Create a person (a Telegram user) and return it."""
        if user_id is None:
            while self._next_user_id in self.people or self._next_user_id in self.bots:
                self._next_user_id += 1
            user_id = self._next_user_id
            self._next_user_id += 1
        elif user_id in self.people or user_id in self.bots or user_id <= 0:
            raise SimError(f"user id {user_id} is taken or invalid", 409)
        person = Person(
            id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            phone=phone,
        )
        self.people[user_id] = person
        return person

    def register_bot(
        self, username: str, *, token: str | None = None, first_name: str | None = None
    ) -> BotAccount:
        """Create a bot with a Telegram-shaped token (or the given one) and return it."""
        username = username.lstrip("@")
        if not username or username.lower() in self._bots_by_username:
            raise SimError(f"bot username {username!r} is empty or taken", 409)
        if token is not None:
            if not is_token_shaped(token) or token in self._bots_by_token:
                raise SimError("token must look like <bot id>:<35 characters> and be unused", 409)
            bot_id = int(token.split(":", 1)[0])
            if bot_id in self.bots or bot_id in self.people:
                raise SimError(f"bot id {bot_id} is taken", 409)
        else:
            while self._next_bot_id in self.bots or self._next_bot_id in self.people:
                self._next_bot_id += 1
            bot_id = self._next_bot_id
            self._next_bot_id += 1
            token = new_token(bot_id)
        bot = BotAccount(
            id=bot_id, username=username, first_name=first_name or username, token=token
        )
        self.bots[bot_id] = bot
        self._bots_by_token[token] = bot
        self._bots_by_username[username.lower()] = bot
        return bot

    def bot_by_token(self, token: str) -> BotAccount | None:
        """The bot with this token."""
        return self._bots_by_token.get(token)

    def bot_by_username(self, username: str) -> BotAccount | None:
        """The bot with this username (with or without @, any case)."""
        return self._bots_by_username.get(username.lstrip("@").lower())

    def user_json(self, user_id: int) -> JSON | None:
        """The User object of a person or bot, for text mentions."""
        if user_id in self.people:
            return self.people[user_id].user_json()
        if user_id in self.bots:
            return self.bots[user_id].user_json()
        return None

    # -- groups and conversations -------------------------------------------------------------

    def create_group(
        self,
        title: str,
        *,
        forum: bool,
        members: list[int],
        admin_bots: list[BotAccount],
        owner: int | None = None,
    ) -> Group:
        """Create a supergroup with these people as members and these bots as administrators."""
        group_id = -(10**12 + self._next_group)
        self._next_group += 1
        owner_id = owner if owner is not None else (members[0] if members else 0)
        group = Group(id=group_id, title=title, is_forum=forum, owner_id=owner_id)
        for member in members:
            group.members[member] = "creator" if member == owner_id else "member"
        if owner_id and owner_id not in group.members:
            group.members[owner_id] = "creator"
        for bot in admin_bots:
            group.members[bot.id] = "administrator"
        self.groups[group_id] = group
        return group

    def private_conversation(self, bot: BotAccount, person: Person) -> Conversation:
        """The private chat between a person and a bot (created on first use)."""
        key = ("private", bot.id, person.id)
        conversation = self.conversations.get(key)
        if conversation is None:
            conversation = Conversation(key, person.private_chat_json())
            self.conversations[key] = conversation
        return conversation

    def group_conversation(self, group: Group) -> Conversation:
        """The history of a group, shared by all its members."""
        key = ("group", group.id, 0)
        conversation = self.conversations.get(key)
        if conversation is None:
            conversation = Conversation(key, group.chat_json())
            self.conversations[key] = conversation
        return conversation

    def conversation_for(self, bot: BotAccount, chat_id: int) -> Conversation | None:
        """The conversation a bot means by chat_id, without any access checks."""
        if chat_id in self.groups:
            return self.group_conversation(self.groups[chat_id])
        person = self.people.get(chat_id)
        return self.private_conversation(bot, person) if person else None

    def group_of(self, conversation: Conversation) -> Group | None:
        """The group behind a group conversation."""
        return self.groups.get(conversation.key[1]) if conversation.is_group else None

    # -- delivering updates -------------------------------------------------------------------

    def for_bot(self, bot: BotAccount, data: JSON) -> JSON:
        """A message JSON with file ids this bot can use."""
        rebound = rebind_files(data, lambda unique: self._file_id(bot, unique))
        assert isinstance(rebound, dict)
        return rebound

    def _file_id(self, bot: BotAccount, unique_id: str) -> str:
        stored = self.files.by_unique_id(unique_id)
        return self.files.file_id_for(bot.id, stored) if stored else unique_id

    def deliver(self, bot: BotAccount, update_type: str, payload: JSON) -> None:
        """Queue an update for a bot (its poller or webhook sender is woken)."""
        bot.queue.push(update_type, payload)

    def recipients(self, conversation: Conversation, *, author_bot: int | None) -> list[BotAccount]:
        """The bots that receive updates about messages in a conversation."""
        if not conversation.is_group:
            bot = self.bots[conversation.key[1]]
            return [] if bot.id == author_bot else [bot]
        group = self.groups[conversation.key[1]]
        return [
            self.bots[member]
            for member, status in group.members.items()
            if member in self.bots and member != author_bot and status not in ("left", "kicked")
        ]

    def deliver_message(
        self, conversation: Conversation, stored: StoredMessage, update_type: str = "message"
    ) -> None:
        """Send a person's message (or its edit) to every bot that should see it."""
        for bot in self.recipients(conversation, author_bot=stored.bot_id):
            self.deliver(bot, update_type, self.for_bot(bot, stored.data))

    # -- shutdown -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Wake every long poll and sim wait so the server can stop promptly."""
        self.closing = True
        for bot in self.bots.values():
            bot.queue.signal.notify()
        for conversation in self.conversations.values():
            conversation.signal.notify()
        for query in [*self.callbacks.values(), *self.pre_checkouts.values()]:
            if not query.answer.done():
                query.answer.cancel()
