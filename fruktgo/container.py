"""What every process builds once from the settings: database, Redis, clock."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from core.communications.api import nudge_senders_through
from core.logistics.api import nudge_dispatchers_through
from core.shared.clock import Clock, SystemClock
from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.discovery import import_domain
from core.shared.outbox import OutboxPublisher, RedisNudge
from core.shared.redis import create_redis
from core.shared.uow import Database


@dataclass
class Container:
    settings: Settings
    db: Database
    redis: Redis

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None) -> Container:
        import_domain()  # tables, subscribers and tasks must all be registered before use
        engine = create_engine(str(settings.database_url), pool_size=settings.database_pool_size)
        redis = create_redis(str(settings.redis_url))
        # After each commit that published events, nudge the relays through Redis.
        publisher = OutboxPublisher(nudge=RedisNudge(redis))
        db = Database(engine, clock=clock or SystemClock(), publisher=publisher)
        # After each commit that queued a notification, wake the senders the same way.
        nudge_senders_through(db, redis)
        # ... and the dispatchers after each commit that gave them a delivery to offer.
        nudge_dispatchers_through(db, redis)
        return cls(settings=settings, db=db, redis=redis)

    async def close(self) -> None:
        await self.redis.aclose()
        await self.db.dispose()
