"""A small read-through cache in Redis for JSON-serialisable values."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)


class Cache:
    """``get_or_load`` falls back to the loader when Redis is down: a cache never breaks a read."""

    def __init__(self, redis: Redis, namespace: str) -> None:
        self._redis = redis
        self._namespace = namespace

    def _key(self, key: str) -> str:
        return f"cache:{self._namespace}:{key}"

    async def get_or_load(
        self, key: str, ttl_seconds: int, loader: Callable[[], Awaitable[Any]]
    ) -> Any:
        """The cached value for ``key``, or ``loader()``'s, stored for ``ttl_seconds``."""
        try:
            raw = await self._redis.get(self._key(key))
        except RedisError:
            log.warning("cache.unavailable", namespace=self._namespace)
            return await loader()
        if raw is not None:
            try:
                return json.loads(raw)
            except ValueError:
                # Something else wrote the key; the loader's value replaces it.
                log.warning("cache.corrupt", namespace=self._namespace, key=key)
        value = await loader()
        try:
            await self._redis.set(self._key(key), json.dumps(value), ex=ttl_seconds)
        except RedisError:
            log.warning("cache.unavailable", namespace=self._namespace)
        return value

    async def invalidate(self, *keys: str) -> None:
        """Forget ``keys``; the next read loads afresh."""
        if keys:
            try:
                await self._redis.delete(*(self._key(k) for k in keys))
            except RedisError:
                log.warning("cache.invalidate_failed", namespace=self._namespace, keys=keys)
