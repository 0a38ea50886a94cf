"""FSM storage and event isolation in Redis, keyed by bot id so two bots never share a state."""

from __future__ import annotations

from aiogram.fsm.storage.base import DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio import Redis

FSM_PREFIX = "fsm"


class SharedRedisStorage(RedisStorage):
    """A RedisStorage over the process's shared client, which the composition root closes.

    aiogram closes a dispatcher's storage on shutdown; the stock one would close the Redis client
    every other part of the process still uses.
    """

    async def close(self) -> None:
        return None


def create_fsm_storage(redis: Redis) -> SharedRedisStorage:
    """Storage whose keys are ``fsm:<bot id>:<chat id>:<user id>:...``."""
    return SharedRedisStorage(redis, key_builder=DefaultKeyBuilder(prefix=FSM_PREFIX,
                                                                   with_bot_id=True))


def create_event_isolation(storage: RedisStorage) -> RedisEventIsolation:
    """Updates of one user in one chat of one bot run one at a time, across processes too."""
    return storage.create_isolation()
