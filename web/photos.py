"""Where a browser finds a stored picture reference (a product photo, a shop logo)."""

from __future__ import annotations

from core.media.api import parse_ref

MEDIA_PATH = "/media/"


def photo_url(ref: str | None) -> str | None:
    """``/media/<id>`` for an uploaded picture, an https URL as it is, None for a Telegram file
    id (only the bot that received it can read it) or nothing."""
    if not ref:
        return None
    media_id = parse_ref(ref)
    if media_id is not None:
        return f"{MEDIA_PATH}{media_id}"
    if ref.startswith("https://"):
        return ref
    return None
