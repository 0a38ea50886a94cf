"""What the communications api returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from core.shared.config import BotRole


class NotificationStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SUPERSEDED = "superseded"  # a live message's older state, never sent: a newer one was


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
