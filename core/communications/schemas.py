"""What the communications api returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any
from uuid import UUID

from core.shared.config import BotRole


class NotificationStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SUPERSEDED = "superseded"  # a live message's older state, never sent: a newer one was
    CANCELED = "canceled"  # its broadcast was canceled before it went out


class Priority(IntEnum):
    """Which notifications the sender takes first: the higher, the sooner."""

    BROADCAST = 10  # marketing and announcements: whenever the bot has room
    NORMAL = 50  # what happens to someone's order, delivery, shop


@dataclass(frozen=True, slots=True)
class NotificationOut:
    id: UUID
    recipient_id: int
    bot: BotRole
    template: str
    params: dict[str, Any]
    dedup_key: str
    status: NotificationStatus
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    created_at: datetime
    sent_at: datetime | None
    telegram_message_id: int | None
    thread: str | None = None
    thread_seq: int | None = None
    priority: int = Priority.NORMAL


class Audience(StrEnum):
    CUSTOMERS = "customers"  # everyone who ever wrote to one of the bots
    SHOP = "shop"  # everyone who ordered from one shop
    IDS = "ids"  # a list of Telegram ids


class BroadcastStatus(StrEnum):
    QUEUING = "queuing"  # batches of notifications still to make
    QUEUED = "queued"  # every recipient has a notification (sent or not)
    CANCELED = "canceled"


@dataclass(frozen=True, slots=True)
class BroadcastForm:
    """What an admin sends: plain text (HTML-escaped when sent) to an audience in one bot."""

    text: str
    bot: BotRole
    audience: Audience
    shop_id: UUID | None = None
    recipient_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class BroadcastProgress:
    """How far a broadcast got: waiting to go out, sent, failed, blocked (or never started
    the bot), canceled before sending."""

    queued: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    canceled: int = 0


@dataclass(frozen=True, slots=True)
class BroadcastOut:
    id: UUID
    text: str
    bot: BotRole
    audience: Audience
    shop_id: UUID | None
    status: BroadcastStatus
    total: int  # notifications made so far
    progress: BroadcastProgress
    created_by: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Reachability:
    """Whether one bot may write to a person; if not, why (Telegram's answer) and since when."""

    bot: BotRole
    reachable: bool
    reason: str | None = None
    since: datetime | None = None


@dataclass(frozen=True, slots=True)
class PersonNotifications:
    """What support sees of one person: their latest notifications, newest first, and whether
    each bot can reach them (one entry per bot, in ``BotRole`` order)."""

    recipient_id: int
    notifications: tuple[NotificationOut, ...]
    reachability: tuple[Reachability, ...]


@dataclass(frozen=True, slots=True)
class BotBacklog:
    """One bot's lane as its sender sees it: the notifications it could take now, and how long
    the most overdue of them has waited (the sender's lag; 0 when nothing is due)."""

    bot: BotRole
    due: int
    oldest_due_seconds: float
