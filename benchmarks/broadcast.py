"""Broadcast benchmark: an admin broadcast to 10k people through the Telegram emulator.

Starts the emulator in this process with Telegram's flood limits on (30 messages a second per
bot, about one a second per chat: more gets 429), registers the customer bot and 10k people
there, and in a scratch database and a claimed Redis db creates a broadcast to all of them
(``core.communications.api.create_broadcast``, the rest of its batches by
``queue_broadcasts``). Then two senders, as two worker processes would, send it through the
aiogram port within the limits they share through Redis. It checks that every notification
was sent, that the emulator took exactly one message per person and answered no 429, and
prints the sustained rate (messages over the time from the first send to the last) and, last,
its ratio to the per-bot limit. The goal is at least 0.97.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiogram import Bot

from benchmarks._harness import Transcript, run, scratch_database, scratch_redis
from bot.common.sender import AiogramSender
from core.auth.policy import Actor, Role
from core.communications.api import (
    Limits,
    RateLimits,
    Sender,
    create_broadcast,
    get_broadcast,
    queue_broadcasts,
)
from core.communications.port import SendResult
from core.communications.schemas import Audience, BroadcastForm
from core.shared.config import BotRole, Settings, load_settings
from core.shared.i18n import Translator
from fruktgo.bots import create_bot
from sandbox.telegram.server import start_emulator
from sandbox.telegram.state import EmulatorOptions

NAME = "broadcast rate"
ADMIN = Actor(7_930_000_001, platform_roles=frozenset({Role.ADMIN}))
FIRST_PERSON = 7_930_100_000
TEXT = "Свежие яблоки уже в магазинах — заходите!"


@dataclass(frozen=True)
class Plan:
    """How many people, and the per-bot limit both the emulator and the senders keep."""

    people: int = 10_000
    per_bot_per_second: float = 30.0
    senders: int = 2


class _Timed(AiogramSender):
    """The aiogram port, noting when the first send began and the last one was answered."""

    def __init__(self, bots: Mapping[BotRole, Bot]) -> None:
        super().__init__(bots)
        self.first: float | None = None
        self.last = 0.0

    async def send(
        self, bot: BotRole, chat_id: int, text: str, *, reply_markup: dict[str, Any] | None = None
    ) -> SendResult:
        if self.first is None:
            self.first = time.perf_counter()
        result = await super().send(bot, chat_id, text, reply_markup=reply_markup)
        self.last = time.perf_counter()
        return result


@dataclass(frozen=True)
class Report:
    sent: int
    seconds: float
    rate: float
    ratio: float
    too_many_requests: int
    lines: tuple[str, ...]

    @property
    def result(self) -> str:
        return self.lines[-1]


async def benchmark(
    plan: Plan = Plan(),  # noqa: B008 - frozen, never mutated
    *,
    settings: Settings | None = None,
    say: Callable[[str], None] = print,
) -> Report:
    """Run the broadcast and report its rate (the result line last, not said); raises when
    anything was lost, repeated or refused."""
    settings = settings or load_settings()
    tell = Transcript(say)
    options = EmulatorOptions()
    options.require_start = False
    options.limits.per_bot_per_second = plan.per_bot_per_second
    emulator = await start_emulator(port=0, options=options)
    try:
        credentials = emulator.register_bot("broadcast_bench_bot")
        people = [FIRST_PERSON + n for n in range(plan.people)]
        for person in people:
            emulator.add_user("Покупатель", user_id=person)
        client = create_bot(
            settings.model_copy(update={"telegram_api_url": emulator.url}), credentials.token
        )
        try:
            async with (
                scratch_database("broadcast", server_url=str(settings.database_url)) as scratch,
                scratch_redis(server_url=str(settings.redis_url)) as redis,
            ):
                tell(f"scratch database {scratch.name}")
                db = scratch.db
                form = BroadcastForm(
                    TEXT, BotRole.CUSTOMER, Audience.IDS, recipient_ids=tuple(people)
                )
                made = await create_broadcast(db, ADMIN, form)
                await queue_broadcasts(db)
                tell(f"broadcast to {plan.people} people queued; {plan.senders} senders")
                limits = RateLimits(redis, Limits(per_bot_per_second=plan.per_bot_per_second))
                port = _Timed({BotRole.CUSTOMER: client})
                translator = Translator()
                senders = [
                    Sender(db, port, translator, redis=redis, limits=limits, batch_size=60)
                    for _ in range(plan.senders)
                ]
                emulator.state.stats.reset()
                await asyncio.gather(*(sender.run_until_idle() for sender in senders))
                seconds = port.last - (port.first or port.last)
                done = await get_broadcast(db, ADMIN, made.id)
        finally:
            await client.session.close()
        stats = emulator.state.stats
        calls = stats.calls_by_bot.get(credentials.username, Counter())
        took = sum(count for method, count in calls.items() if method.lower() == "sendmessage")
        too_many = stats.errors[429]
    finally:
        await emulator.close()
    progress = done.progress
    tell(
        f"sent {progress.sent}, failed {progress.failed}, blocked {progress.blocked}, "
        f"still queued {progress.queued}; the emulator took {took}, answered 429 {too_many} times"
    )
    if progress.sent != plan.people or took != plan.people or too_many:
        raise RuntimeError("the broadcast lost or repeated messages, or met a 429")
    rate = plan.people / max(seconds, 1e-9)
    ratio = rate / plan.per_bot_per_second
    tell(f"{plan.people} messages in {seconds:.1f} s from the first send to the last answer")
    # The result line is returned, not said: ``run`` prints it last.
    tell.lines.append(f"{NAME}: {rate:.2f} msg/s; ratio {ratio:.3g} to the per-bot limit")
    return Report(progress.sent, seconds, rate, ratio, too_many, tuple(tell.lines))


async def _main() -> str:
    report = await benchmark(say=lambda line: print(line, flush=True))
    return report.result


if __name__ == "__main__":
    raise SystemExit(run(_main))
