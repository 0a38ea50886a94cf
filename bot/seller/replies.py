"""Reading reply-keyboard buttons (answering in place is ``bot.common.replies``)."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import Message

from core.shared.i18n import LANGUAGES, Translator


def is_button(translator: Translator, text: str | None, key: str) -> bool:
    """Whether ``text`` is button ``key`` in any language (a keyboard may predate a switch)."""
    if text is None:
        return False
    return any(text == translator.get(lang, key) for lang in LANGUAGES)


class ButtonText(Filter):
    """Matches a message whose text is the reply button ``key`` in any language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, translator: Translator) -> bool:
        return is_button(translator, message.text, self.key)


def not_a_command(message: Message) -> bool:
    """A message that is not a /command (those are handled before any dialog step)."""
    return message.text is None or not message.text.startswith("/")
