"""The emulator's records: people, bots, groups with forum topics, messages, invoices and
the queries that wait for a bot's answer."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from .updates import UpdateQueue

JSON = dict[str, Any]


@dataclass
class Person:
    """A Telegram user played through the sim API."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    phone: str | None = None

    def user_json(self) -> JSON:
        """The Bot API User object."""
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def private_chat_json(self) -> JSON:
        """The Bot API Chat object of this person's private chat with a bot."""
        chat: JSON = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat

    def sim_json(self) -> JSON:
        """How /sim/users lists this person."""
        return {
            "user_id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "username": self.username,
            "language_code": self.language_code,
            "phone": self.phone,
        }


@dataclass
class WebhookConfig:
    """What setWebhook stored, and how delivery has been going."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    ip_address: str = "127.0.0.1"
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class BotAccount:
    """A bot: its identity and token, its update queue and its settings."""

    id: int
    username: str
    first_name: str
    token: str
    queue: UpdateQueue = field(default_factory=UpdateQueue)
    webhook: WebhookConfig | None = None
    commands: dict[tuple[str, str], list[JSON]] = field(default_factory=dict)
    menu_buttons: dict[int | None, JSON] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    blocked_by: set[int] = field(default_factory=set)
    started_by: set[int] = field(default_factory=set)

    def user_json(self) -> JSON:
        """The Bot API User object of the bot, as others see it."""
        return {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def sim_json(self) -> JSON:
        """How /sim/bots lists this bot."""
        return {"id": self.id, "username": self.username, "first_name": self.first_name}


@dataclass
class Topic:
    """A forum topic; its thread id is the id of the message that created it."""

    thread_id: int
    name: str
    icon_color: int
    icon_custom_emoji_id: str | None = None
    closed: bool = False

    def json(self) -> JSON:
        """The Bot API ForumTopic object."""
        topic: JSON = {
            "message_thread_id": self.thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            topic["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return topic


@dataclass
class Group:
    """A supergroup (a forum when is_forum), with people and bots as members."""

    id: int
    title: str
    is_forum: bool
    owner_id: int
    members: dict[int, str] = field(default_factory=dict)  # user or bot id -> status
    topics: dict[int, Topic] = field(default_factory=dict)

    def chat_json(self) -> JSON:
        """The Bot API Chat object."""
        chat: JSON = {"id": self.id, "type": "supergroup", "title": self.title}
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def is_admin(self, member_id: int) -> bool:
        """Whether a member is the owner or an administrator."""
        return self.members.get(member_id) in ("creator", "administrator")


@dataclass
class Invoice:
    """What sendInvoice or createInvoiceLink described."""

    bot_id: int
    title: str
    description: str
    payload: str
    currency: str
    prices: list[JSON]
    provider_token: str = ""
    start_parameter: str = ""
    extra: JSON = field(default_factory=dict)
    paid: bool = False

    @property
    def total_amount(self) -> int:
        """The sum of all price parts, in the smallest units of the currency."""
        return sum(int(price["amount"]) for price in self.prices)

    def json(self) -> JSON:
        """The Bot API Invoice object."""
        return {
            "title": self.title,
            "description": self.description,
            "start_parameter": self.start_parameter,
            "currency": self.currency,
            "total_amount": self.total_amount,
        }


@dataclass
class StoredMessage:
    """A message in a conversation, kept as the Bot API Message the bot sees."""

    data: JSON
    bot_id: int | None  # the bot that posted it; None when a person did
    revision: int
    changed_by_bot: bool
    keyboard: JSON | None = None  # reply keyboard / force reply it carried (not in data)
    invoice: Invoice | None = None
    live_until: float | None = None

    @property
    def message_id(self) -> int:
        """The message id within its chat."""
        return int(self.data["message_id"])


@dataclass
class PendingQuery:
    """A callback or pre-checkout query waiting for the bot's answer."""

    id: str
    bot_id: int
    user_id: int
    answer: asyncio.Future[JSON] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )
    expires_at: float | None = None
    invoice: Invoice | None = None
    chat_id: int | None = None


@dataclass
class WebAppQuery:
    """A Mini App launch whose query_id answerWebAppQuery may use once."""

    id: str
    bot_id: int
    user_id: int
    used: bool = False
