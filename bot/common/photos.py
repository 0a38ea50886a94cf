"""Sending stored pictures from a bot.

A picture reference is an https URL, a Telegram file id, or an uploaded picture
(``media:<uuid>``, core.media). Telegram file ids belong to the bot that received the file, so
an uploaded picture is sent to each bot as bytes once; ``remember_file_id`` then keeps the file
id Telegram gave that bot (in Redis, keyed by bot id and picture id), and later sends use it.
Redis is a cache here: without it the bytes are sent again, nothing fails.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import structlog
from aiogram import Bot
from aiogram.types import BufferedInputFile, InputFile, Message
from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.media.api import get_image, parse_ref
from core.shared.uow import Database

log = structlog.get_logger(__name__)

# Telegram keeps file ids working for as long as the file exists; the TTL only lets a cache
# entry for a file Telegram has since lost heal by itself.
FILE_ID_TTL = timedelta(days=30)
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def file_id_key(bot_id: int, media_id: UUID) -> str:
    """The Redis key of the file id ``bot_id`` knows an uploaded picture by."""
    return f"fruktgo:photo-file-id:{bot_id}:{media_id}"


async def photo_input(ref: str, *, bot: Bot, redis: Redis, db: Database) -> str | InputFile:
    """What to pass as ``photo`` to send ``ref`` from ``bot``: a URL, a file id, or the bytes."""
    media_id = parse_ref(ref)
    if media_id is None:
        return ref  # an https URL, or a file id this bot received itself
    try:
        cached = await redis.get(file_id_key(bot.id, media_id))
    except RedisError:
        log.warning("photos.cache_unavailable", media_id=str(media_id))
        cached = None
    if cached:
        return cached.decode() if isinstance(cached, bytes) else str(cached)
    media, data = await get_image(db, media_id)
    extension = _EXTENSIONS.get(media.content_type.value, "img")
    return BufferedInputFile(data, filename=f"{media_id}.{extension}")


async def remember_file_id(ref: str, message: Message, bot: Bot, redis: Redis) -> None:
    """After ``message`` showed ``ref``, keep the file id of its largest size for ``bot``."""
    media_id = parse_ref(ref)
    if media_id is None or not message.photo:
        return
    largest = max(message.photo, key=lambda size: size.width * size.height)
    try:
        await redis.set(file_id_key(bot.id, media_id), largest.file_id, ex=FILE_ID_TTL)
    except RedisError:
        log.warning("photos.cache_unavailable", media_id=str(media_id))
