"""reply_markup as Telegram checks it: inline keyboards (callback_data up to 64 bytes, valid
URLs, Mini App buttons only in private chats), reply keyboards, removal and force reply."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from .entities.links import is_button_url
from .errors import (
    BUTTON_DATA_INVALID,
    BUTTON_TYPE_INVALID,
    BUTTON_URL_INVALID,
    TelegramError,
    bad_request,
)

MarkupKind = Literal["inline", "keyboard", "remove", "force_reply"]

_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BAD_MARKUP = "can't parse reply keyboard markup JSON object"
_BUTTON_ERROR = "can't parse inline keyboard button: "


@dataclass(frozen=True)
class ReplyMarkup:
    """A checked reply_markup: its kind and its JSON as Telegram would store it."""

    kind: MarkupKind
    data: dict[str, Any]


def _button_error(reason: str) -> TelegramError:
    return bad_request(_BUTTON_ERROR + reason)


def _web_app_url(button: dict[str, Any]) -> str:
    web_app = button.get("web_app")
    url = web_app.get("url") if isinstance(web_app, dict) else None
    # Telegram demands https; the sandbox serves its Mini Apps over plain http on localhost.
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise bad_request(BUTTON_URL_INVALID)
    return url


def _inline_button(raw: Any, private: bool) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    button = {key: value for key, value in raw.items() if value is not None}
    if not isinstance(button.get("text"), str):
        raise _button_error('Field "text" must be of type String')
    actions = [key for key in _INLINE_ACTIONS if key in button]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request(BUTTON_DATA_INVALID)
    if "url" in button and not (isinstance(button["url"], str) and is_button_url(button["url"])):
        raise bad_request(BUTTON_URL_INVALID)
    if "web_app" in button:
        if not private:
            raise bad_request(BUTTON_TYPE_INVALID)
        _web_app_url(button)
    return button


def _keyboard_button(raw: Any, private: bool) -> dict[str, Any]:
    if isinstance(raw, str):
        return {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise bad_request(
            "can't parse keyboard button: KeyboardButton must be a String or an Object"
        )
    button = {key: value for key, value in raw.items() if value is not None}
    requests_private_data = any(
        button.get(key) for key in ("request_contact", "request_location", "web_app")
    )
    if requests_private_data and not private:
        raise bad_request(BUTTON_TYPE_INVALID)
    if "web_app" in button:
        _web_app_url(button)
    return button


def _rows(raw: Any, field: str) -> list[list[Any]]:
    if not isinstance(raw, list) or not all(isinstance(row, list) for row in raw):
        raise bad_request(f'{_BAD_MARKUP}: Field "{field}" must be an Array of Arrays')
    return raw


def parse_reply_markup(raw: Any, *, private: bool) -> ReplyMarkup | None:
    """Check a reply_markup parameter (an object, or its JSON text as forms send it)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise bad_request(_BAD_MARKUP) from None
    if not isinstance(raw, dict):
        raise bad_request(_BAD_MARKUP)
    if "inline_keyboard" in raw:
        rows = _rows(raw["inline_keyboard"], "inline_keyboard")
        keyboard = [[_inline_button(button, private) for button in row] for row in rows]
        return ReplyMarkup("inline", {"inline_keyboard": keyboard})
    if "keyboard" in raw:
        rows = _rows(raw["keyboard"], "keyboard")
        data = {key: value for key, value in raw.items() if value is not None}
        data["keyboard"] = [[_keyboard_button(button, private) for button in row] for row in rows]
        return ReplyMarkup("keyboard", data)
    if raw.get("remove_keyboard") is True:
        return ReplyMarkup("remove", {k: v for k, v in raw.items() if v is not None})
    if raw.get("force_reply") is True:
        return ReplyMarkup("force_reply", {k: v for k, v in raw.items() if v is not None})
    raise bad_request(_BAD_MARKUP)


def inline_buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    """All buttons of an inline keyboard, row by row."""
    if not markup:
        return []
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def find_inline_button(
    markup: dict[str, Any] | None, *, callback_data: str | None, text: str | None
) -> dict[str, Any] | None:
    """The inline button with this callback_data, or else with this visible text."""
    for button in inline_buttons(markup):
        if callback_data is not None and button.get("callback_data") == callback_data:
            return button
        if callback_data is None and text is not None and button.get("text") == text:
            return button
    return None
