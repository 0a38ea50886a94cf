"""Turning a queued notification into the text and buttons a person reads.

A list parameter (a receipt's lines, an optional section: zero or one item) is rendered item by
item with the message ``<template>-<parameter>``, each item starting on a line of its own; the
template writes it at the end of the line it follows. Buttons name their text by locale key
(``text_key``), rendered in the same language; a web_app URL may be a path of our own Mini App
(``/app/...``), completed with the public URL and the language, or dropped when there is none.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from core.shared.i18n import Translator


class UnknownTemplate(LookupError):
    """No message file defines the notification's template key."""


def render(translator: Translator, lang: str, template: str, params: Mapping[str, Any]) -> str:
    """The template in ``lang`` (Telegram HTML), text parameters escaped."""
    if not translator.knows(template):
        raise UnknownTemplate(f"no message {template!r} in locales/")
    values: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, list):
            item_template = f"{template}-{name}"
            if not translator.knows(item_template):
                raise UnknownTemplate(f"no message {item_template!r} in locales/")
            # Each item is rendered with its own values escaped; the result is markup already.
            values[name] = "".join(
                "\n" + translator.get(lang, item_template, **_escaped(item)) for item in value
            )
        else:
            values[name] = _escape(value)
    return translator.get(lang, template, **values)


def _escape(value: Any) -> Any:
    # The templates may carry markup; the values put into them (a legal name, a reason typed
    # by an admin) must not.
    return html.escape(value, quote=False) if isinstance(value, str) else value


def _escaped(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _escape(value) for name, value in item.items()}


def render_markup(
    translator: Translator, lang: str, markup: Mapping[str, Any] | None, public_url: str | None
) -> dict[str, Any] | None:
    """The reply markup with button texts in ``lang`` and our web_app paths made absolute."""
    if markup is None or "inline_keyboard" not in markup:
        return dict(markup) if markup is not None else None
    rows: list[list[dict[str, Any]]] = []
    for row in markup["inline_keyboard"]:
        buttons = [
            button
            for button in (_button(translator, lang, raw, public_url) for raw in row)
            if button is not None
        ]
        if buttons:
            rows.append(buttons)
    if not rows:
        return None
    return {**markup, "inline_keyboard": rows}


def _button(
    translator: Translator, lang: str, raw: Mapping[str, Any], public_url: str | None
) -> dict[str, Any] | None:
    button = dict(raw)
    key = button.pop("text_key", None)
    if key is not None:
        button["text"] = translator.get(lang, key)
    web_app = button.get("web_app")
    if isinstance(web_app, Mapping) and str(web_app.get("url", "")).startswith("/"):
        if public_url is None:
            return None  # this process does not know where the Mini App is served
        path = str(web_app["url"])
        joiner = "&" if "?" in path else "?"
        url = f"{public_url.rstrip('/')}{path}{joiner}{urlencode({'lang': lang})}"
        button["web_app"] = {**web_app, "url": url}
    return button
