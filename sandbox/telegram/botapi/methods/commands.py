"""setMyCommands, getMyCommands, deleteMyCommands; setChatMenuButton, getChatMenuButton;
set/getMyDescription, set/getMyShortDescription, set/getMyName."""

from __future__ import annotations

import re
from typing import Any

from ...errors import bad_request
from ...models import JSON, BotAccount
from ..call import Call
from ..common import chat_id_of
from ..registry import method

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SCOPES = {
    "default": (),
    "all_private_chats": (),
    "all_group_chats": (),
    "all_chat_administrators": (),
    "chat": ("chat_id",),
    "chat_administrators": ("chat_id",),
    "chat_member": ("chat_id", "user_id"),
}


def scope_key(scope: dict[str, Any] | None) -> str:
    """A BotCommandScope reduced to a lookup key, e.g. "chat:123"."""
    scope = scope or {"type": "default"}
    kind = scope.get("type")
    if kind not in _SCOPES:
        raise bad_request("can't parse BotCommandScope: unsupported type")
    parts = [str(kind)]
    for field in _SCOPES[kind]:
        try:
            parts.append(str(int(scope[field])))
        except (KeyError, TypeError, ValueError):
            raise bad_request(f"can't parse BotCommandScope: {field} is empty") from None
    return ":".join(parts)


def _key(call: Call) -> tuple[str, str]:
    return scope_key(call.params.obj("scope")), call.params.string("language_code") or ""


@method("setMyCommands")
async def set_my_commands(call: Call) -> bool:
    """The command list for a scope and language."""
    commands = call.params.array("commands")
    if commands is None:
        raise bad_request("commands is empty")
    if len(commands) > 100:
        raise bad_request("too many commands")
    checked: list[JSON] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand")
        command = str(item.get("command", "")).lstrip("/")
        description = str(item.get("description", ""))
        if not _COMMAND.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("command description must be 1-256 characters long")
        checked.append({"command": command, "description": description})
    key = _key(call)
    if checked:
        call.bot.commands[key] = checked
    else:
        call.bot.commands.pop(key, None)
    return True


@method("getMyCommands")
async def get_my_commands(call: Call) -> list[JSON]:
    """The command list stored for exactly this scope and language."""
    return call.bot.commands.get(_key(call), [])


@method("deleteMyCommands")
async def delete_my_commands(call: Call) -> bool:
    """Remove the command list of a scope and language."""
    call.bot.commands.pop(_key(call), None)
    return True


def commands_for(bot: BotAccount, user_id: int, language: str | None) -> list[JSON]:
    """The commands a person sees in a private chat, resolved as Telegram resolves scopes."""
    for scope in (f"chat:{user_id}", "all_private_chats", "default"):
        for lang in (language or "", ""):
            found = bot.commands.get((scope, lang))
            if found:
                return found
    return []


def _menu_button(raw: Any) -> JSON:
    if raw is None:
        return {"type": "default"}
    if not isinstance(raw, dict) or raw.get("type") not in ("commands", "web_app", "default"):
        raise bad_request("can't parse menu button")
    if raw["type"] != "web_app":
        return {"type": raw["type"]}
    web_app = raw.get("web_app")
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(raw.get("text"), str) or not isinstance(url, str):
        raise bad_request("can't parse menu button")
    # Telegram wants https; sandbox Mini Apps are served over http on localhost.
    if not url.startswith(("https://", "http://")):
        raise bad_request("BUTTON_URL_INVALID")
    return {"type": "web_app", "text": raw["text"], "web_app": {"url": url}}


@method("setChatMenuButton")
async def set_chat_menu_button(call: Call) -> bool:
    """The menu button of one private chat, or the bot's default one."""
    chat_id = chat_id_of(call) if call.params.has("chat_id") else None
    button = _menu_button(call.params.obj("menu_button"))
    if button["type"] == "default":
        call.bot.menu_buttons.pop(chat_id, None)
    else:
        call.bot.menu_buttons[chat_id] = button
    return True


def menu_button_for(bot: BotAccount, chat_id: int | None) -> JSON:
    """The menu button shown in a chat: its own, else the bot's default, else commands."""
    if chat_id is not None and chat_id in bot.menu_buttons:
        return bot.menu_buttons[chat_id]
    return bot.menu_buttons.get(None, {"type": "commands"})


@method("getChatMenuButton")
async def get_chat_menu_button(call: Call) -> JSON:
    """The menu button of a chat (or the default)."""
    chat_id = chat_id_of(call) if call.params.has("chat_id") else None
    return menu_button_for(call.bot, chat_id)


def _set_text(call: Call, field: str, store: dict[str, str], limit: int) -> bool:
    value = call.params.string(field) or ""
    if len(value) > limit:
        raise bad_request(f"{field} is too long")
    language = call.params.string("language_code") or ""
    if value:
        store[language] = value
    else:
        store.pop(language, None)
    return True


def _get_text(call: Call, store: dict[str, str]) -> str:
    language = call.params.string("language_code") or ""
    return store.get(language, store.get("", ""))


@method("setMyDescription")
async def set_my_description(call: Call) -> bool:
    """What an empty chat with the bot shows."""
    return _set_text(call, "description", call.bot.descriptions, 512)


@method("getMyDescription")
async def get_my_description(call: Call) -> JSON:
    """The stored description."""
    return {"description": _get_text(call, call.bot.descriptions)}


@method("setMyShortDescription")
async def set_my_short_description(call: Call) -> bool:
    """What the bot's profile shows."""
    return _set_text(call, "short_description", call.bot.short_descriptions, 120)


@method("getMyShortDescription")
async def get_my_short_description(call: Call) -> JSON:
    """The stored short description."""
    return {"short_description": _get_text(call, call.bot.short_descriptions)}


@method("setMyName")
async def set_my_name(call: Call) -> bool:
    """The bot's display name per language."""
    return _set_text(call, "name", call.bot.names, 64)


@method("getMyName")
async def get_my_name(call: Call) -> JSON:
    """The bot's display name."""
    return {"name": _get_text(call, call.bot.names) or call.bot.first_name}
