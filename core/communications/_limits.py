"""Telegram's flood limits on our side, so that it never has to answer 429.

Each bot may send about 30 messages a second, each private chat about one a second (a short
burst is tolerated) and each group 20 a minute. Every send takes a slot from the bot's bucket
and the chat's; when either has none, ``acquire`` says how long to wait. A 429 pauses the whole
bot for its ``retry_after``. The buckets are GCRA ("theoretical arrival time") kept in Redis by
one Lua script, so any number of sender processes share them; while Redis is away each process
falls back to buckets of its own (then N processes could reach N times the rate: better than
sending nothing).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.shared.config import BotRole

log = structlog.get_logger(__name__)

_PREFIX = "fruktgo:communications:rate"

# KEYS: the bot's pause, then one bucket per limit. ARGV: the longest wait worth reserving,
# then per bucket its interval and tolerance, all in microseconds. The slot is the earliest
# moment every bucket allows (and the pause is over); it is reserved when it is near enough.
# Returns the wait until it in microseconds.
_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = now
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > slot then slot = paused end
local tats = {}
for i = 2, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  tats[i] = tat
  local earliest = tat - tonumber(ARGV[2 * i - 1])
  if earliest > slot then slot = earliest end
end
if slot - now > tonumber(ARGV[1]) then return slot - now end
for i = 2, #KEYS do
  local tat = tats[i]
  if tat < slot then tat = slot end
  tat = tat + tonumber(ARGV[2 * i - 2])
  redis.call('SET', KEYS[i], tat, 'PX', math.floor((tat - now) / 1000) + 1000)
end
return slot - now
"""


# Pauses the bot until now + ARGV[1] microseconds (Redis time), unless it already is for longer.
_PAUSE = """
local t = redis.call('TIME')
local until_ = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < until_ then
  redis.call('SET', KEYS[1], until_, 'PX', math.floor(tonumber(ARGV[1]) / 1000) + 1)
end
return 0
"""
# Chats remembered by the fallback before the ones with full buckets are forgotten.
_LOCAL_LIMIT = 10_000


@dataclass(frozen=True)
class Limits:
    """The limits to keep: sends a second per bot and per chat, a minute per group, bursts."""

    per_bot_per_second: float = 30.0
    bot_burst: int = 5
    per_chat_per_second: float = 1.0
    chat_burst: int = 3
    per_group_per_minute: float = 20.0
    group_burst: int = 3


@dataclass(frozen=True)
class _Rule:
    interval_us: int
    tolerance_us: int


def _rule(per_second: float, burst: int) -> _Rule:
    interval = round(1_000_000 / per_second)
    return _Rule(interval, interval * max(burst - 1, 0))


class RateLimits:
    """Send slots per bot and per chat, shared through Redis when there is one."""

    def __init__(
        self,
        redis: Redis | None = None,
        limits: Limits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        prefix: str = _PREFIX,
    ) -> None:
        self.limits = limits or Limits()
        self._redis = redis
        self._clock = clock
        self._prefix = prefix
        self._bot = _rule(self.limits.per_bot_per_second, self.limits.bot_burst)
        self._chat = _rule(self.limits.per_chat_per_second, self.limits.chat_burst)
        self._group = _rule(self.limits.per_group_per_minute / 60, self.limits.group_burst)
        # The fallback: theoretical arrival times and pauses in this process, in microseconds.
        self._local: dict[str, int] = {}
        self._paused_until: dict[BotRole, int] = {}
        self._script = redis.register_script(_SCRIPT) if redis is not None else None
        # One call at a time: a batch asks for dozens of slots at once, which would otherwise
        # take as many connections from the pool for a sub-millisecond script each.
        self._one_at_a_time = asyncio.Lock()
        self._pause_script = redis.register_script(_PAUSE) if redis is not None else None

    def _keys(self, bot: BotRole, chat_id: int) -> list[tuple[str, _Rule]]:
        # Negative chat ids are groups and channels; positive ones are people.
        chat = self._group if chat_id < 0 else self._chat
        return [
            (f"{self._prefix}:bot:{bot.value}", self._bot),
            (f"{self._prefix}:chat:{bot.value}:{chat_id}", chat),
        ]

    async def acquire(self, bot: BotRole, chat_id: int, max_wait: float) -> float:
        """Reserve the next slot for one message and return the seconds until it.

        A slot further away than ``max_wait`` seconds is not reserved: the caller should put
        the message back rather than wait (the bot is paused, or the chat is flooded).
        """
        keys = self._keys(bot, chat_id)
        limit = round(max_wait * 1_000_000)
        if self._script is not None:
            args: list[int] = [limit]
            for _, rule in keys:
                args += [rule.interval_us, rule.tolerance_us]
            try:
                async with self._one_at_a_time:
                    waited = await self._script(
                        keys=[self._pause_key(bot), *(key for key, _ in keys)], args=args
                    )
                return int(waited) / 1_000_000
            except (RedisError, OSError) as exc:
                log.warning("communications.rate_limits_local", error=str(exc))
        return self._acquire_locally(bot, keys, limit)

    def _acquire_locally(self, bot: BotRole, keys: list[tuple[str, _Rule]], limit: int) -> float:
        now = round(self._clock() * 1_000_000)
        slot = max(now, self._paused_until.get(bot, 0))
        for key, rule in keys:
            slot = max(slot, self._local.get(key, 0) - rule.tolerance_us)
        if slot - now <= limit:
            if len(self._local) > _LOCAL_LIMIT:  # forget chats whose buckets are full again
                self._local = {key: tat for key, tat in self._local.items() if tat > now}
            for key, rule in keys:
                self._local[key] = max(self._local.get(key, 0), slot) + rule.interval_us
        return (slot - now) / 1_000_000

    async def pause(self, bot: BotRole, seconds: float) -> None:
        """Telegram said 429: no sends through ``bot`` for ``seconds``, in any process."""
        micros = max(round(seconds * 1_000_000), 1)
        until = round(self._clock() * 1_000_000) + micros
        self._paused_until[bot] = max(self._paused_until.get(bot, 0), until)
        if self._pause_script is not None:
            try:
                await self._pause_script(keys=[self._pause_key(bot)], args=[micros])
            except (RedisError, OSError) as exc:
                log.warning("communications.rate_pause_local", error=str(exc))

    def _pause_key(self, bot: BotRole) -> str:
        return f"{self._prefix}:pause:{bot.value}"
