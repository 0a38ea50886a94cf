"""Reading reply-keyboard buttons (answering in place is ``bot.common.replies``)."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import Message

from bot.common.i18n import Tr
from core.customers.schemas import AddressLabel
from core.shared.i18n import LANGUAGES, Translator


def is_button(translator: Translator, text: str | None, key: str) -> bool:
    """Whether ``text`` is button ``key`` in any language (a keyboard may predate a switch)."""
    if text is None:
        return False
    return any(text == translator.get(lang, key) for lang in LANGUAGES)


def is_skip(t: Tr, text: str | None) -> bool:
    return text == "/skip" or is_button(t.translator, text, "customer-btn-skip")


def is_clear(t: Tr, text: str | None) -> bool:
    return is_button(t.translator, text, "customer-btn-clear")


def label_from_button(t: Tr, text: str | None) -> AddressLabel | None:
    """The address label whose button says ``text``, if any."""
    for label in AddressLabel:
        if is_button(t.translator, text, f"customer-address-label-{label.value}"):
            return label
    return None


class ButtonText(Filter):
    """Matches a message whose text is the reply button ``key`` in any language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, translator: Translator) -> bool:
        return is_button(translator, message.text, self.key)
