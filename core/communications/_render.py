"""Turning a queued notification into the text a person reads."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from core.shared.i18n import Translator


class UnknownTemplate(LookupError):
    """No message file defines the notification's template key."""


def render(translator: Translator, lang: str, template: str, params: Mapping[str, Any]) -> str:
    """The template in ``lang`` (Telegram HTML), text parameters escaped."""
    if not translator.knows(template):
        raise UnknownTemplate(f"no message {template!r} in locales/")
    # The templates may carry markup; the values put into them (a legal name, a reason typed
    # by an admin) must not.
    safe = {
        name: html.escape(value, quote=False) if isinstance(value, str) else value
        for name, value in params.items()
    }
    return translator.get(lang, template, **safe)
