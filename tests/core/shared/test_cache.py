"""The read-through cache on real Redis, and its fallback when Redis is down."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import Redis

from core.shared.cache import Cache
from core.shared.redis import create_redis


class Loader:
    """Counts its calls and returns a fresh value each time."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> Any:
        self.calls += 1
        return {"call": self.calls, "items": ["яблоки", 1, None, 2.5]}


@pytest.fixture
async def dead_redis() -> AsyncIterator[Redis]:
    client = create_redis("redis://127.0.0.1:1/0")  # nothing listens on port 1
    yield client
    await client.aclose()


async def test_get_or_load_calls_the_loader_once(redis: Redis) -> None:
    cache, loader = Cache(redis, "shops"), Loader()
    first = await cache.get_or_load("42", 60, loader)
    second = await cache.get_or_load("42", 60, loader)
    assert first == second == {"call": 1, "items": ["яблоки", 1, None, 2.5]}
    assert loader.calls == 1


async def test_the_value_is_stored_with_its_ttl(redis: Redis) -> None:
    await Cache(redis, "shops").get_or_load("42", 60, Loader())
    ttl = await redis.ttl("cache:shops:42")
    assert 0 < ttl <= 60


async def test_invalidate_makes_the_next_read_load_again(redis: Redis) -> None:
    cache, loader = Cache(redis, "shops"), Loader()
    await cache.get_or_load("1", 60, loader)
    await cache.get_or_load("2", 60, loader)
    await cache.invalidate("1", "2", "never-cached")
    assert await redis.exists("cache:shops:1", "cache:shops:2") == 0
    again = await cache.get_or_load("1", 60, loader)
    assert again["call"] == 3
    assert loader.calls == 3
    await cache.invalidate()  # nothing to forget is not an error


async def test_namespaces_do_not_collide(redis: Redis) -> None:
    shops, catalog, loader = Cache(redis, "shops"), Cache(redis, "catalog"), Loader()
    await shops.get_or_load("1", 60, loader)
    await catalog.get_or_load("1", 60, loader)
    assert loader.calls == 2
    await shops.invalidate("1")
    assert await redis.exists("cache:catalog:1") == 1


async def test_falsy_values_are_cached_too(redis: Redis) -> None:
    cache = Cache(redis, "shops")
    calls = 0

    async def empty() -> list[int]:
        nonlocal calls
        calls += 1
        return []

    assert await cache.get_or_load("none", 60, empty) == []
    assert await cache.get_or_load("none", 60, empty) == []
    assert calls == 1


async def test_a_corrupt_entry_is_reloaded(redis: Redis) -> None:
    await redis.set("cache:shops:42", b"\xff not json")
    cache, loader = Cache(redis, "shops"), Loader()
    assert (await cache.get_or_load("42", 60, loader))["call"] == 1
    assert (await cache.get_or_load("42", 60, loader))["call"] == 1
    assert loader.calls == 1


async def test_redis_down_falls_back_to_the_loader(dead_redis: Redis) -> None:
    cache, loader = Cache(dead_redis, "shops"), Loader()
    first = await cache.get_or_load("42", 60, loader)
    second = await cache.get_or_load("42", 60, loader)
    assert first["call"] == 1
    assert second["call"] == 2  # nothing could be cached, so every read loads
    await cache.invalidate("42")  # does not raise either


async def test_loader_errors_propagate(redis: Redis) -> None:
    async def broken() -> Any:
        raise LookupError("shop 42 is gone")

    with pytest.raises(LookupError, match="shop 42"):
        await Cache(redis, "shops").get_or_load("42", 60, broken)
    assert await redis.exists("cache:shops:42") == 0
