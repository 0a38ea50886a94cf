"""The sender: works the notifications queue through a ``MessageSender``.

Each round claims a batch of due rows in a short transaction (``FOR UPDATE SKIP LOCKED``, so any
number of senders may run), marks them ``sending`` under a lease and renders them in the
recipient's language; then, outside any transaction, sends them (one person's messages in order,
different people at once) and records each outcome in a transaction of its own, only if the
lease is still held. A sender that dies mid-send leaves rows whose lease runs out; the next
claim takes them over, counting the lost attempt. 403 makes the person unreachable in that bot:
the row fails, and so does everything queued for them there until they write to the bot again.
A notification of a thread (``_threads``) edits the thread's message once there is one; a
message that can no longer be edited is replaced by a new one.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from redis.asyncio import Redis
from sqlalchemy import select, update

from core.auth.api import get_user
from core.communications import _threads
from core.communications._limits import RateLimits
from core.communications._models import Notification
from core.communications._nudge import NUDGE_CHANNEL
from core.communications._reachability import set_unreachable, unreachable_among
from core.communications._render import UnknownTemplate, render, render_markup
from core.communications._threads import ThreadKey, Verdict
from core.communications.port import (
    Blocked,
    Failed,
    Gone,
    MessageSender,
    RetryAfter,
    SendResult,
    Sent,
)
from core.communications.schemas import NotificationStatus
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database, Transaction
from core.shared.wakeups import Wakeups

log = structlog.get_logger(__name__)

_ERROR_LIMIT = 2000
# Enough to keep a bot busy at its 30 messages a second between two claims.
_BATCH_WITH_LIMITS = 60
# Telegram's retry_after is whole seconds; never come back sooner than this.
_MIN_RETRY = timedelta(seconds=1)

QUEUED = NotificationStatus.QUEUED.value
SENDING = NotificationStatus.SENDING.value
SENT = NotificationStatus.SENT.value
FAILED = NotificationStatus.FAILED.value
SUPERSEDED = NotificationStatus.SUPERSEDED.value


@dataclass(frozen=True)
class _Claim:
    id: uuid.UUID
    recipient_id: int
    bot: BotRole
    text: str
    reply_markup: dict[str, Any] | None
    attempts: int  # this one included
    token: uuid.UUID
    thread: ThreadKey | None = None
    thread_seq: int = 0
    edit_message_id: int | None = None  # the thread's message to edit; None: send a new one


@dataclass(frozen=True, slots=True)
class _Held(RetryAfter):
    """Not sent because our own limits said wait this long: back to the queue until then."""


class Sender:
    """Sends queued notifications until stopped; safe to run in several processes at once."""

    def __init__(
        self,
        db: Database,
        port: MessageSender,
        translator: Translator,
        *,
        redis: Redis | None = None,
        poll_seconds: float = 1.0,
        lease: timedelta = timedelta(minutes=2),
        max_attempts: int = 5,
        backoff_base: timedelta = timedelta(seconds=5),
        backoff_cap: timedelta = timedelta(minutes=30),
        batch_size: int = 20,
        default_language: str = "ru",
        public_url: str | None = None,
        rng: random.Random | None = None,
        limits: RateLimits | None = None,
        max_slot_wait: float = 10.0,
    ) -> None:
        if lease <= timedelta(0) or max_attempts < 1 or batch_size < 1:
            raise ValueError("lease, max_attempts and batch_size must be positive")
        self.db = db
        self.port = port
        self.translator = translator
        self.poll_seconds = poll_seconds
        self.lease = lease
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.batch_size = batch_size
        self.default_language = default_language
        # Where the Mini App pages are: buttons opening one of them need it (else they are left
        # out of the message).
        self.public_url = public_url
        # A send that outlives its lease could be repeated by another sender: cut it short.
        self.send_timeout = lease.total_seconds() / 2
        self._redis = redis
        # Telegram's flood limits, kept before each call (None: none, for tests of other things).
        self.limits = limits
        # A slot further off than this (a paused bot, a flooded chat) puts the message back
        # in the queue instead of holding its lease.
        self.max_slot_wait = min(max_slot_wait, self.send_timeout)
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self._wakeups = Wakeups(redis, NUDGE_CHANNEL, "communications")
        self._stopping = self._wakeups.stopping
        self._nudged = self._wakeups.nudged
        self.nudges_ready = self._wakeups.ready
        """Set while the sender is subscribed to nudges (tests wait for it)."""

    @classmethod
    def from_settings(
        cls,
        db: Database,
        redis: Redis | None,
        settings: Settings,
        port: MessageSender,
        translator: Translator,
    ) -> Sender:
        """A sender polling as often as the outbox relay, in the configured default language,
        with Mini App buttons opening pages under the configured public URL, within Telegram's
        limits shared through ``redis``."""
        return cls(
            db,
            port,
            translator,
            redis=redis,
            limits=RateLimits(redis),
            batch_size=_BATCH_WITH_LIMITS,
            poll_seconds=settings.outbox_poll_seconds,
            default_language=settings.default_language,
            public_url=settings.public_url,
        )

    def stop(self) -> None:
        """Ask ``run`` to return once the batch in hand has been sent and recorded."""
        self._stopping.set()

    async def run(self) -> None:
        """Send until ``stop()``: work, then wait for a nudge or the poll interval."""
        await self._wakeups.loop(
            self.run_until_idle, poll_seconds=self.poll_seconds, label="communications.sender"
        )

    async def run_until_idle(self) -> int:
        """Send batches until nothing is due; returns how many rows were handled."""
        handled = 0
        while not self._stopping.is_set():
            count = await self.send_batch()
            if not count:
                break
            handled += count
        return handled

    async def send_batch(self) -> int:
        """Claim one batch of due notifications and send it; returns the rows handled."""
        claims, settled = await self.db.run(self._claim)
        groups: dict[tuple[int, BotRole], list[_Claim]] = {}
        for claim in claims:
            groups.setdefault((claim.recipient_id, claim.bot), []).append(claim)
        # One person's messages go out in order; different people's go out together.
        await asyncio.gather(*(self._send_group(group) for group in groups.values()))
        return len(claims) + settled

    # -- claiming -------------------------------------------------------------------------

    async def _claim(self, tx: Transaction) -> tuple[list[_Claim], int]:
        now = tx.clock.now()
        rows = (
            await tx.session.scalars(
                select(Notification)
                .where(
                    Notification.status.in_((QUEUED, SENDING)),
                    Notification.next_attempt_at <= now,
                )
                .order_by(
                    Notification.priority.desc(), Notification.next_attempt_at, Notification.id
                )
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if not rows:
            return [], 0
        unreachable = await unreachable_among(tx, (row.recipient_id for row in rows))
        plans = await _threads.plan(tx, [row for row in rows if row.thread is not None])
        languages: dict[int, str] = {}
        claims: list[_Claim] = []
        settled = 0
        for row in rows:
            bot = BotRole(row.bot)
            if row.status == SENDING:
                log.warning(
                    "communications.lease_expired",
                    notification_id=str(row.id),
                    attempts=row.attempts,
                )
            plan = plans.get(row.id)
            if plan is not None and plan.verdict is Verdict.WAIT:
                # Its thread's message is being sent: come back when that one is recorded
                # (``_threads.after_send`` makes it due) or its lease runs out.
                assert plan.wait_until is not None
                if row.status == SENDING:
                    row.status = QUEUED
                    row.lease_token = None
                row.next_attempt_at = plan.wait_until
                continue
            reason = unreachable.get((row.recipient_id, bot))
            if reason is not None:
                _settle(row, now, FAILED, f"unreachable: {reason}")
                settled += 1
                continue
            if plan is not None and plan.verdict is Verdict.SUPERSEDED:
                _settle(row, now, SUPERSEDED, "a newer message of its thread was shown")
                settled += 1
                continue
            if row.attempts >= self.max_attempts:  # only after lost leases: a crashing send
                _settle(row, now, FAILED, f"gave up after {row.attempts} attempts")
                settled += 1
                continue
            lang = languages.get(row.recipient_id)
            if lang is None:
                lang = languages[row.recipient_id] = await self._language(tx, row.recipient_id)
            try:
                text = render(self.translator, lang, row.template, row.params)
            except UnknownTemplate as exc:
                _settle(row, now, FAILED, str(exc))
                settled += 1
                continue
            markup = render_markup(self.translator, lang, row.reply_markup, self.public_url)
            token = uuid.uuid4()
            row.status = SENDING
            row.attempts += 1
            row.lease_token = token
            row.next_attempt_at = now + self.lease
            row.updated_at = now
            claims.append(
                _Claim(
                    row.id,
                    row.recipient_id,
                    bot,
                    text,
                    markup,
                    row.attempts,
                    token,
                    thread=None if row.thread is None else _threads.key_of(row),
                    thread_seq=row.thread_seq or 0,
                    edit_message_id=None if plan is None else plan.edit_message_id,
                )
            )
        return claims, settled

    async def _language(self, tx: Transaction, recipient_id: int) -> str:
        user = await get_user(tx.db, recipient_id)
        if user is not None and user.language:
            return user.language
        return self.default_language

    # -- sending and recording --------------------------------------------------------------

    async def _send_group(self, claims: Sequence[_Claim]) -> None:
        blocked: Blocked | None = None
        for claim in claims:
            # Once the person has blocked the bot, the rest of their batch fails without a try.
            result = blocked or await self._send(claim)
            if isinstance(result, Blocked):
                blocked = result
            try:
                await self._record(claim, result)
            except Exception:
                # The lease runs out and another round retakes the row: sent twice at worst.
                log.exception("communications.record_failed", notification_id=str(claim.id))

    async def _send(self, claim: _Claim) -> SendResult:
        result = await self._call(claim)
        if (
            isinstance(result, RetryAfter)
            and not isinstance(result, _Held)
            and self.limits is not None
        ):
            # Telegram's word for the whole bot: every sender holds off, not just this row.
            await self.limits.pause(claim.bot, result.seconds)
        return result

    async def _call(self, claim: _Claim) -> SendResult:
        try:
            if claim.edit_message_id is not None:
                refused = await self._take_slot(claim)
                if refused is not None:
                    return refused
                async with asyncio.timeout(self.send_timeout):
                    edited = await self.port.edit(
                        claim.bot,
                        claim.recipient_id,
                        claim.edit_message_id,
                        claim.text,
                        reply_markup=claim.reply_markup,
                    )
                if not isinstance(edited, Gone):
                    return edited
                # Deleted by the person, or too old to edit: the thread moves to a new one.
                log.info(
                    "communications.edit_gone",
                    notification_id=str(claim.id),
                    message_id=claim.edit_message_id,
                    reason=edited.description,
                )
            refused = await self._take_slot(claim)
            if refused is not None:
                return refused
            async with asyncio.timeout(self.send_timeout):
                return await self.port.send(
                    claim.bot, claim.recipient_id, claim.text, reply_markup=claim.reply_markup
                )
        except Exception as exc:  # the port should not raise; when it does, try again later
            return Failed(_describe(exc))

    async def _take_slot(self, claim: _Claim) -> _Held | None:
        """Wait for a send slot within the limits; a RetryAfter when it is too far off."""
        if self.limits is None:
            return None
        wait = await self.limits.acquire(claim.bot, claim.recipient_id, self.max_slot_wait)
        if wait > self.max_slot_wait:
            return _Held(wait)
        if wait > 0:
            await asyncio.sleep(wait)
        return None

    async def _record(self, claim: _Claim, result: SendResult) -> None:
        async def record(tx: Transaction) -> bool:
            now = tx.clock.now()
            values: dict[str, Any] = {"updated_at": now, "lease_token": None}
            if isinstance(result, Sent):
                values.update(
                    status=SENT, sent_at=now, telegram_message_id=result.message_id, last_error=None
                )
            elif isinstance(result, Blocked):
                values.update(status=FAILED, last_error=_limit(f"blocked: {result.description}"))
                await set_unreachable(tx, claim.recipient_id, claim.bot, result.description)
            elif isinstance(result, RetryAfter):
                # Telegram's flow control, not a failure: the attempt is given back.
                wait = max(timedelta(seconds=result.seconds), _MIN_RETRY)
                values.update(
                    status=QUEUED,
                    attempts=Notification.attempts - 1,
                    next_attempt_at=now + wait,
                    last_error=f"retry after {result.seconds:g}s",
                )
            elif result.permanent or claim.attempts >= self.max_attempts:
                values.update(status=FAILED, last_error=_limit(result.error))
            else:
                values.update(
                    status=QUEUED,
                    next_attempt_at=now + self.backoff(claim.attempts),
                    last_error=_limit(result.error),
                )
            updated = await tx.session.execute(
                update(Notification)
                .where(
                    Notification.id == claim.id,
                    Notification.status == SENDING,
                    Notification.lease_token == claim.token,
                )
                .values(**values)
                .returning(Notification.id)
            )
            if claim.thread is not None:
                # Whatever became of our lease, a message that went out now shows the thread.
                sent_id = result.message_id if isinstance(result, Sent) else None
                await _threads.after_send(tx, claim.thread, claim.thread_seq, sent_id)
            return updated.scalar_one_or_none() is not None

        held = await self.db.run(record)
        fields = {
            "notification_id": str(claim.id),
            "bot": claim.bot.value,
            "recipient_id": claim.recipient_id,
            "attempts": claim.attempts,
        }
        if not held:
            log.warning("communications.lease_lost", **fields, outcome=type(result).__name__)
        elif isinstance(result, Sent):
            log.info(
                "communications.sent",
                **fields,
                message_id=result.message_id,
                edited=claim.edit_message_id == result.message_id,
            )
        elif isinstance(result, Blocked):
            log.info("communications.blocked", **fields, reason=result.description)
        elif isinstance(result, RetryAfter):
            log.info("communications.retry_after", **fields, seconds=result.seconds)
        else:
            log.warning(
                "communications.send_failed",
                **fields,
                error=result.error,
                permanent=result.permanent,
            )

    def backoff(self, attempts: int) -> timedelta:
        """Delay before the next try after ``attempts`` failed ones: exponential, jittered."""
        doublings = min(max(attempts - 1, 0), 32)
        ceiling = min(self.backoff_cap, self.backoff_base * (1 << doublings))
        return max(ceiling * self._rng.uniform(0.5, 1.0), _MIN_RETRY)

    # -- waiting ----------------------------------------------------------------------------


def _settle(row: Notification, now: datetime, status: str, error: str) -> None:
    row.status = status
    row.last_error = _limit(error)
    row.lease_token = None
    row.updated_at = now


def _limit(text: str) -> str:
    return text[:_ERROR_LIMIT]


def _describe(exc: BaseException) -> str:
    return _limit(f"{type(exc).__name__}: {exc}")
