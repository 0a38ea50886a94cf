"""Reading the catalog endpoints' path and query parameters, and the page's translator."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from aiohttp import web

from core.shared.errors import ValidationFailed
from core.shared.i18n import Translator
from web.pages.render import PAGES_KEY

_TRUE = frozenset({"1", "true", "yes"})
_FALSE = frozenset({"0", "false", "no"})
MAX_LIMIT = 100

Choice = TypeVar("Choice", bound=StrEnum)


def path_id(request: web.Request, name: str) -> UUID:
    """A UUID of the path."""
    try:
        return UUID(request.match_info[name])
    except ValueError:
        raise ValidationFailed(f"{name}: expected a UUID") from None


def query_id(request: web.Request, name: str) -> UUID | None:
    """An optional UUID of the query."""
    text = request.query.get(name, "").strip()
    if not text:
        return None
    try:
        return UUID(text)
    except ValueError:
        raise ValidationFailed(f"{name}: expected a UUID") from None


def query_bool(request: web.Request, name: str) -> bool | None:
    """An optional true/false (1/0, yes/no) of the query."""
    text = request.query.get(name, "").strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationFailed(f"{name}: expected true or false")


def query_int(request: web.Request, name: str, default: int, *, maximum: int | None = None) -> int:
    """A non-negative whole number of the query (at most ``maximum``)."""
    text = request.query.get(name, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise ValidationFailed(f"{name}: expected a whole number")
    value = int(text)
    return value if maximum is None else min(value, maximum)


def query_text(request: web.Request, name: str) -> str | None:
    """An optional text of the query, trimmed; None when blank."""
    return request.query.get(name, "").strip() or None


def query_choice(request: web.Request, name: str, choices: type[Choice]) -> Choice | None:
    """An optional one of ``choices`` (by value) of the query; None when blank."""
    text = query_text(request, name)
    if text is None:
        return None
    try:
        return choices(text)
    except ValueError:
        raise ValidationFailed(f"{name}: expected one of {', '.join(choices)}") from None


def translator_of(request: web.Request) -> Translator:
    """The app's translations (the pages' own, else a fresh set)."""
    pages = request.app.get(PAGES_KEY)
    return pages.translator if pages is not None else Translator()
