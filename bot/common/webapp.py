"""Links to the Mini App pages served by web/ under ``settings.public_url``."""

from __future__ import annotations

from urllib.parse import urlencode

from core.shared.config import Settings


def page_url(settings: Settings, path: str, **query: str) -> str:
    """The absolute URL of a Mini App page."""
    url = settings.public_url.rstrip("/") + path
    return f"{url}?{urlencode(query)}" if query else url
