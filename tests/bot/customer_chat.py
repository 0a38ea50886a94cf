"""A person talking to the customer bot in tests: texts, locations, contacts and button presses,
and a look at the state the bot keeps for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendDocument, SendMessage
from aiogram.types import ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from bot_fakes import Harness, message_update_json

from core.auth.policy import Actor
from core.shared.i18n import Translator


@dataclass
class Chat:
    harness: Harness
    user_id: int
    language_code: str = "ru"
    first_name: str = "Анна"

    @property
    def actor(self) -> Actor:
        """The person as core's policy sees a customer."""
        return Actor(self.user_id)

    async def send(self, text: str) -> list[Any]:
        return await self.harness.send(text, user_id=self.user_id,
                                       language_code=self.language_code,
                                       first_name=self.first_name)

    async def _message(self, **content: Any) -> list[Any]:
        update = message_update_json(self.harness.next_update_id(), "", user_id=self.user_id,
                                     language_code=self.language_code,
                                     first_name=self.first_name)
        del update["message"]["text"]
        update["message"].update(content)
        return await self.harness.feed(Update.model_validate(update))

    async def share_location(self, latitude: float, longitude: float) -> list[Any]:
        return await self._message(location={"latitude": latitude, "longitude": longitude})

    async def share_contact(self, phone: str, owner_id: int | None) -> list[Any]:
        contact: dict[str, Any] = {"phone_number": phone, "first_name": self.first_name}
        if owner_id is not None:
            contact["user_id"] = owner_id
        return await self._message(contact=contact)

    async def press(self, data: CallbackData | str, *, message_id: int = 77) -> list[Any]:
        packed = data.pack() if isinstance(data, CallbackData) else data
        return await self.harness.press(packed, user_id=self.user_id,
                                        language_code=self.language_code,
                                        message_id=message_id)

    async def state(self) -> str | None:
        context = self.harness.dispatcher.fsm.get_context(self.harness.bot, self.user_id,
                                                          self.user_id)
        return await context.get_state()


def sent(requests: list[Any]) -> list[SendMessage]:
    return [r for r in requests if isinstance(r, SendMessage)]


def edits(requests: list[Any]) -> list[EditMessageText]:
    return [r for r in requests if isinstance(r, EditMessageText)]


def documents(requests: list[Any]) -> list[SendDocument]:
    return [r for r in requests if isinstance(r, SendDocument)]


def answered_first(requests: list[Any]) -> bool:
    """The button's spinner stopped before anything else was done."""
    return bool(requests) and isinstance(requests[0], AnswerCallbackQuery)


def reply_buttons(message: SendMessage) -> list[list[Any]]:
    markup = message.reply_markup
    assert isinstance(markup, ReplyKeyboardMarkup), markup
    return markup.keyboard


def removes_keyboard(message: SendMessage) -> bool:
    return isinstance(message.reply_markup, ReplyKeyboardRemove)


def inline_data(message: SendMessage | EditMessageText) -> list[str]:
    markup = message.reply_markup
    assert markup is not None
    return [b.callback_data for row in markup.inline_keyboard for b in row]  # type: ignore[union-attr]


def inline_texts(message: SendMessage | EditMessageText) -> list[str]:
    markup = message.reply_markup
    assert markup is not None
    return [b.text for row in markup.inline_keyboard for b in row]  # type: ignore[union-attr]


def button(translator: Translator, lang: str, key: str, **args: Any) -> str:
    """A button's text as the person sees it (not escaped)."""
    return translator.get(lang, key, **args)
