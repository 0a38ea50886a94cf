"""URL checks for text links, loosely following how Telegram normalises them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(//)?")
_ALLOWED_SCHEMES = {"http", "https", "tg", "ton", "ftp"}
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$|^\d{1,3}(?:\.\d{1,3}){3}$"
)
_USER_LINK = re.compile(r"^tg:(?://)?user\?id=(\d+)$", re.IGNORECASE)


def link_user_id(url: str) -> int | None:
    """The user id of a ``tg://user?id=N`` link, which Telegram turns into a text mention."""
    match = _USER_LINK.match(url.strip())
    return int(match.group(1)) if match else None


def normalize_url(url: str) -> str | None:
    """The URL as Telegram would store it in a text_link entity, or None if it rejects it."""
    url = url.strip()
    if not url:
        return None
    match = _SCHEME.match(url)
    if match is None or (match.group(2) is None and match.group(1).lower() not in {"tg", "ton"}):
        # No scheme: Telegram assumes http (and "localhost:8080" is not a scheme either).
        url = "http://" + url
        match = _SCHEME.match(url)
        assert match is not None
    scheme = match.group(1).lower()
    if scheme not in _ALLOWED_SCHEMES:
        return None
    if scheme not in {"http", "https", "ftp"}:
        return url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or not (_HOST.match(host) or host == "localhost"):
        return None
    rest = url[len(match.group(0)) :]
    cut = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=-1)
    if cut == -1:
        return url + "/"
    if rest[cut] != "/":
        return url[: len(match.group(0)) + cut] + "/" + rest[cut:]
    return url


def is_button_url(url: str) -> bool:
    """Whether Telegram accepts this as an inline button URL (http(s), tg or ton links)."""
    return normalize_url(url) is not None and bool(_SCHEME.match(url.strip()) or "." in url)
