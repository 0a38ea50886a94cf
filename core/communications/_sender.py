"""The sender: works the notifications queue through a ``MessageSender``.

It works each bot in a lane of its own (``run``): a broadcast in the customer bot, a bot paused
after a 429 or a flooded chat slows only that bot's lane, never an order update in the seller's.
A lane claims due rows of its bot in a short transaction (most urgent first; ``FOR UPDATE SKIP
LOCKED``, so any number of senders may run), marks them ``sending`` under a lease and renders
them in the recipient's language; then, outside any transaction, sends them (one person's
messages in order, different people at once) and records each outcome in a transaction of its
own, only if the lease is still held. Up to ``batch_size`` rows are in flight in a lane; it
claims more while some are still being sent, leaving out the people it is still writing to, so
one person whose chat takes a message a second holds back only their own messages. A sender
that dies mid-send leaves rows whose lease runs out; the next claim takes them over, counting
the lost attempt. 403 makes the person unreachable in that bot: the row fails, and so does
everything queued for them there until they write to the bot again. A notification of a thread
(``_threads``) edits the thread's message once there is one; a message that can no longer be
edited is replaced by a new one.
"""

from __future__ import annotations

import asyncio
import functools
import math
import random
import uuid
from collections.abc import Collection, Coroutine, Sequence
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
# Rows in flight per lane: two seconds of a bot's 30 messages a second, so a lane refilling at
# half of it keeps the bot busy, and an urgent row claimed next waits at most that long for a slot.
_BATCH_WITH_LIMITS = 60
# Telegram's retry_after is whole seconds; never come back sooner than this.
_MIN_RETRY = timedelta(seconds=1)
# A chat takes about a message a second (a burst of a few). More of one person's rows in a claim
# would hold the lane's room while they trickle out, and the last of them could outlive the lease.
_PER_PERSON = 3

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


@dataclass(frozen=True)
class _Batch:
    claims: list[_Claim]
    settled: int  # rows settled in the claim itself (unreachable, superseded, ...)
    full: bool  # as many rows were due as asked for: more may be

    @property
    def handled(self) -> int:
        return len(self.claims) + self.settled


@dataclass(frozen=True, slots=True)
class _Held(RetryAfter):
    """Not sent because our own limits said wait this long: back to the queue until then."""


@dataclass(frozen=True, slots=True)
class _Returned(_Held):
    """Not tried because the sender is stopping: back to the queue, due at once for the next."""


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
        per_person: int = _PER_PERSON,
    ) -> None:
        if lease <= timedelta(0) or max_attempts < 1 or batch_size < 1 or per_person < 1:
            raise ValueError("lease, max_attempts, batch_size and per_person must be positive")
        self.per_person = per_person
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
        # Telegram's flood limits, kept before each call (None: none, for tests of other things).
        self.limits = limits
        # A slot further off than this (a paused bot, a flooded chat) puts the message back
        # in the queue instead of holding its lease.
        self.max_slot_wait = min(max_slot_wait, self.send_timeout)
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self._wakeups = Wakeups(redis, NUDGE_CHANNEL, "communications")
        self._stopping = self._wakeups.stopping
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
        """Ask ``run`` to return: the sends under way are finished and recorded, the rest of the
        rows in flight go back to the queue, due at once for whichever sender comes next."""
        self._stopping.set()

    async def run(self) -> None:
        """Send until ``stop()``: a lane per bot works its queue, then waits for a nudge (which
        wakes every lane) or the poll interval."""
        lanes = {bot.value: functools.partial(self.run_until_idle, bot) for bot in BotRole}
        await self._wakeups.lanes(
            lanes, poll_seconds=self.poll_seconds, label="communications.sender"
        )

    async def run_until_idle(self, bot: BotRole | None = None) -> int:
        """Work ``bot``'s lane (every bot's lane at once when None) until none of its rows is
        due or in flight; returns how many rows were handled."""
        if bot is not None:
            return await self._lane(bot)
        # Not a TaskGroup: one lane's failure must not cancel the others' sends mid-flight.
        outcomes = await asyncio.gather(
            *(self._lane(role) for role in BotRole), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return sum(count for count in outcomes if isinstance(count, int))

    async def send_batch(self, bot: BotRole | None = None) -> int:
        """Claim one batch of due notifications (``bot``'s, or every bot's when None) and send
        it; returns the rows handled."""
        batch = await self.db.run(
            functools.partial(self._claim, bot=bot, limit=self.batch_size, busy=())
        )
        await asyncio.gather(*(self._send_group(group) for group in _groups(batch.claims)))
        return batch.handled

    async def _lane(self, bot: BotRole) -> int:
        """Send ``bot``'s notifications until none is due or in flight; returns the rows handled.

        Up to ``batch_size`` rows are in flight, each person's a group sent in order. The lane
        claims again, leaving out the people it is still sending to, when half of that room is
        free and the last claim found more due, when nudged, or every ``poll_seconds``: one slow
        person (a chat at one message a second) holds back only their own messages, and an
        urgent row due meanwhile is claimed ahead of the broadcast still queued.
        """
        loop = asyncio.get_running_loop()
        nudged = self._wakeups.lane(bot.value)
        refill = max(self.batch_size // 2, 1)
        flight = _Flight(bot)
        handled = 0
        more = True  # the last claim found as many rows due as it asked for
        claimed_at = -math.inf
        try:
            while True:
                room = self.batch_size - flight.rows
                can_claim = room > 0 and not self._stopping.is_set()
                if can_claim and (
                    not flight
                    or nudged.is_set()
                    or (more and room >= refill)
                    or loop.time() >= claimed_at + self.poll_seconds
                ):
                    nudged.clear()
                    claimed_at = loop.time()
                    batch = await self.db.run(
                        functools.partial(self._claim, bot=bot, limit=room, busy=flight.people)
                    )
                    handled += batch.handled
                    more = batch.full
                    for group in _groups(batch.claims):
                        flight.start(group, self._send_group(group))
                    if not flight and batch.handled:
                        continue  # all settled at the claim: look again
                if not flight:
                    return handled
                # Until a group is done; with room for more, also until nudged or the next poll.
                await flight.wait(
                    nudged if can_claim else None, claimed_at + self.poll_seconds - loop.time()
                )
        except asyncio.CancelledError:
            flight.cancel()
            raise
        finally:
            # After a failed claim (database away) the rows in flight are still sent and recorded.
            await flight.finish()

    # -- claiming -------------------------------------------------------------------------

    async def _claim(
        self, tx: Transaction, *, bot: BotRole | None, limit: int, busy: Collection[int]
    ) -> _Batch:
        """Claim up to ``limit`` due rows, of ``bot`` if given, none for the people in ``busy``
        (their earlier messages are still being sent: theirs go out in order)."""
        now = tx.clock.now()
        query = (
            select(Notification)
            .where(
                Notification.status.in_((QUEUED, SENDING)),
                Notification.next_attempt_at <= now,
            )
            .order_by(Notification.priority.desc(), Notification.next_attempt_at, Notification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if bot is not None:
            query = query.where(Notification.bot == bot.value)
        if busy:
            query = query.where(Notification.recipient_id.not_in(busy))
        rows = (await tx.session.scalars(query)).all()
        if not rows:
            return _Batch([], 0, full=False)
        unreachable = await unreachable_among(tx, (row.recipient_id for row in rows))
        plans = await _threads.plan(tx, [row for row in rows if row.thread is not None])
        languages: dict[int, str] = {}
        claims: list[_Claim] = []
        taken: dict[int, int] = {}  # rows claimed per person
        settled = 0
        for row in rows:
            if taken.get(row.recipient_id, 0) >= self.per_person:
                continue  # left queued, untouched: a later claim takes it after these are sent
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
            taken[row.recipient_id] = taken.get(row.recipient_id, 0) + 1
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
        return _Batch(claims, settled, full=len(rows) >= limit)

    async def _language(self, tx: Transaction, recipient_id: int) -> str:
        user = await get_user(tx.db, recipient_id)
        if user is not None and user.language:
            return user.language
        return self.default_language

    # -- sending and recording --------------------------------------------------------------

    async def _send_group(self, claims: Sequence[_Claim]) -> None:
        blocked: Blocked | None = None
        for claim in claims:
            result: SendResult
            if self._stopping.is_set() and blocked is None:
                # Stopping: what has not gone out goes back to the queue (the attempt given
                # back) for the next sender, rather than holding up the shutdown.
                result = _Returned(0.0)
            else:
                # Once the person has blocked the bot, the rest of their batch fails untried.
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
                returned = isinstance(result, _Returned)
                wait = (
                    timedelta(0) if returned else max(timedelta(seconds=result.seconds), _MIN_RETRY)
                )
                values.update(
                    status=QUEUED,
                    attempts=Notification.attempts - 1,
                    next_attempt_at=now + wait,
                    last_error=(
                        "not tried: the sender stopped"
                        if returned
                        else f"retry after {result.seconds:g}s"
                    ),
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


class _Flight:
    """A lane's groups being sent: one task per person, and how many rows each holds."""

    def __init__(self, bot: BotRole) -> None:
        self._bot = bot
        self._groups: dict[asyncio.Task[None], tuple[int, int]] = {}  # person, rows

    def __bool__(self) -> bool:
        return bool(self._groups)

    @property
    def rows(self) -> int:
        return sum(rows for _, rows in self._groups.values())

    @property
    def people(self) -> set[int]:
        return {person for person, _ in self._groups.values()}

    def start(self, group: Sequence[_Claim], sending: Coroutine[Any, Any, None]) -> None:
        self._groups[asyncio.create_task(sending)] = (group[0].recipient_id, len(group))

    async def wait(self, nudged: asyncio.Event | None, seconds: float) -> None:
        """Until a group is done, or ``nudged`` is set or ``seconds`` pass (with ``nudged``)."""
        waiters: set[asyncio.Future[Any]] = set(self._groups)
        nudge = None if nudged is None else asyncio.ensure_future(nudged.wait())
        if nudge is not None:
            waiters.add(nudge)
        try:
            await asyncio.wait(
                waiters,
                timeout=None if nudge is None else max(seconds, 0.0),
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            if nudge is not None:
                nudge.cancel()
        for task in [task for task in self._groups if task.done()]:
            del self._groups[task]
            if not task.cancelled() and task.exception() is not None:
                log.error(
                    "communications.group_failed", bot=self._bot.value, exc_info=task.exception()
                )

    def cancel(self) -> None:
        for task in self._groups:
            task.cancel()

    async def finish(self) -> None:
        if self._groups:
            await asyncio.gather(*self._groups, return_exceptions=True)
            self._groups.clear()


def _groups(claims: Sequence[_Claim]) -> list[list[_Claim]]:
    """The claims by person and bot, each in claimed order."""
    groups: dict[tuple[int, BotRole], list[_Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.recipient_id, claim.bot), []).append(claim)
    return list(groups.values())


def _settle(row: Notification, now: datetime, status: str, error: str) -> None:
    row.status = status
    row.last_error = _limit(error)
    row.lease_token = None
    row.updated_at = now


def _limit(text: str) -> str:
    return text[:_ERROR_LIMIT]


def _describe(exc: BaseException) -> str:
    return _limit(f"{type(exc).__name__}: {exc}")
