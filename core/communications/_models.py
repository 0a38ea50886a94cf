"""communications tables: notifications, live message threads and the people a bot cannot reach."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, SmallInteger, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk

_BOTS = "bot IN ('customer', 'courier', 'seller', 'support')"


class Notification(Base):
    """One message for one person in one bot, and how sending it went."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'sending', 'sent', 'failed', 'superseded', 'canceled')",
            name="status",
        ),
        CheckConstraint(_BOTS, name="bot"),
        CheckConstraint("attempts >= 0", name="attempts"),
        CheckConstraint("(thread IS NULL) = (thread_seq IS NULL)", name="thread_seq"),
        # What the sender claims: queued rows that are due and sending rows whose lease ran out,
        # each bot's lane its own bot's, the most urgent first.
        Index(
            "ix_notifications_due",
            "bot",
            text("priority DESC"),
            "next_attempt_at",
            "id",
            postgresql_where=text("status IN ('queued', 'sending')"),
        ),
        Index("ix_notifications_recipient_created", "recipient_id", "created_at"),
        # A broadcast's progress and cancel.
        Index(
            "ix_notifications_broadcast_status",
            "broadcast_id",
            "status",
            postgresql_where=text("broadcast_id IS NOT NULL"),
        ),
        # What the sender asks of a thread: its other pending messages.
        Index(
            "ix_notifications_thread_pending",
            "recipient_id",
            "bot",
            "thread",
            postgresql_where=text("thread IS NOT NULL AND status IN ('queued', 'sending')"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # A Telegram user id, which is also their private chat id. No foreign key: a notification
    # may be queued for someone before they ever wrote to a bot.
    recipient_id: Mapped[int] = mapped_column(BigInteger)
    bot: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(100))
    params: Mapped[dict[str, Any]] = mapped_column(JSONB)
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # A repeat with the same key (a redelivered event, a double click) creates nothing.
    dedup_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    # Higher goes first: what happens to someone's order before a marketing broadcast.
    priority: Mapped[int] = mapped_column(SmallInteger, server_default=text("50"))
    attempts: Mapped[int]
    last_error: Mapped[str | None] = mapped_column(Text)
    # When a queued row is due; for a row being sent, when its lease runs out and another
    # sender may take it over (the one holding it crashed).
    next_attempt_at: Mapped[datetime]
    lease_token: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    # A live message ("order:<id>:status"): the first of a thread is sent, later ones edit it.
    # ``thread_seq`` orders them: one older than what the message shows is never sent.
    thread: Mapped[str | None] = mapped_column(String(200))
    thread_seq: Mapped[int | None] = mapped_column(BigInteger)
    # The broadcast it is part of (no foreign key: settled rows are purged on their own).
    broadcast_id: Mapped[uuid.UUID | None]


class NotificationThread(Base):
    """One live message of a person in a bot: which Telegram message shows it, and what."""

    __tablename__ = "notification_threads"
    __table_args__ = (CheckConstraint(_BOTS, name="bot"),)

    recipient_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    bot: Mapped[str] = mapped_column(String(16), primary_key=True)
    thread: Mapped[str] = mapped_column(String(200), primary_key=True)
    # None until the first message of the thread went out.
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    shown_seq: Mapped[int | None] = mapped_column(BigInteger)
    # The highest sequence queued: the next one without an explicit sequence comes after it.
    last_seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]


class Unreachable(Base):
    """A person who blocked a bot (or never started it): no sending until they come back."""

    __tablename__ = "unreachable_recipients"
    __table_args__ = (CheckConstraint(_BOTS, name="bot"),)

    recipient_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    bot: Mapped[str] = mapped_column(String(16), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime]


class Broadcast(Base):
    """An admin's message to many people in one bot, queued in batches as notifications."""

    __tablename__ = "broadcasts"
    __table_args__ = (
        CheckConstraint(_BOTS, name="bot"),
        CheckConstraint("audience IN ('customers', 'shop', 'ids')", name="audience"),
        CheckConstraint("(audience = 'shop') = (shop_id IS NOT NULL)", name="shop_given"),
        CheckConstraint("(audience = 'ids') = (recipient_ids IS NOT NULL)", name="ids_given"),
        CheckConstraint("status IN ('queuing', 'queued', 'canceled')", name="status"),
        Index("ix_broadcasts_queuing", "created_at", postgresql_where=text("status = 'queuing'")),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    bot: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(16))
    shop_id: Mapped[uuid.UUID | None]
    recipient_ids: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))
    # queuing: batches still to make; queued: every recipient has a notification.
    status: Mapped[str] = mapped_column(String(16))
    # Recipients are queued in ascending id order; the highest one queued so far.
    cursor: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int]
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
