"""/language: an inline keyboard, the choice persisted through core and the message edited."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from bot_fakes import Harness, texts
from structlog.testing import capture_logs

from bot.common.language import LanguageChoice
from core.auth.api import get_user
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database


async def test_language_offers_both_languages_with_the_current_ticked(
    customer: Harness, user_id: int
) -> None:
    [request] = await customer.send("/language", user_id=user_id, language_code="en")
    assert isinstance(request, SendMessage)
    assert request.text == "Choose the interface language:"
    buttons = request.reply_markup.inline_keyboard[0]
    assert [(b.text, b.callback_data) for b in buttons] == [
        ("Русский", LanguageChoice(code="ru").pack()),
        ("✓ English", LanguageChoice(code="en").pack()),
    ]


async def test_switching_persists_edits_in_place_and_changes_later_answers(
    customer: Harness, db: Database, translator: Translator, user_id: int
) -> None:
    await customer.send("/start", user_id=user_id, language_code="ru")
    sent = await customer.press("lang:en", user_id=user_id, language_code="ru", message_id=55)

    assert isinstance(sent[0], AnswerCallbackQuery)  # answered before anything else happens
    [edit] = [r for r in sent if isinstance(r, EditMessageText)]
    assert edit.message_id == 55
    assert edit.text == translator.get("en", "language-changed")
    assert edit.reply_markup.inline_keyboard[0][1].text == "✓ English"
    assert not [r for r in sent if isinstance(r, SendMessage)]  # edited, not a new message

    user = await get_user(db, user_id)
    assert user is not None
    assert user.language == "en"
    # The Telegram app still says Russian; the choice wins.
    [greeting] = texts(await customer.send("/start", user_id=user_id, language_code="ru"))
    assert greeting == translator.get("en", "customer-start", name="Анна")


async def test_the_choice_is_shared_by_all_bots(
    harness_for: Callable[[BotRole], Harness], translator: Translator, user_id: int
) -> None:
    await harness_for(BotRole.COURIER).press("lang:en", user_id=user_id, language_code="ru")
    sent = await harness_for(BotRole.SELLER).send("/help", user_id=user_id, language_code="ru")
    assert texts(sent) == [translator.get("en", "seller-help")]


async def test_switching_back_to_russian(
    customer: Harness, translator: Translator, user_id: int
) -> None:
    await customer.press("lang:en", user_id=user_id, language_code="en")
    sent = await customer.press("lang:ru", user_id=user_id, language_code="en")
    assert texts(sent) == [translator.get("ru", "language-changed")]
    help_ = await customer.send("/help", user_id=user_id, language_code="en")
    assert texts(help_) == [translator.get("ru", "customer-help")]


async def test_a_double_tap_only_answers_the_callback(customer: Harness, user_id: int) -> None:
    await customer.press("lang:en", user_id=user_id)
    again = await customer.press("lang:en", user_id=user_id)
    assert [type(r) for r in again] == [AnswerCallbackQuery]


async def test_a_forged_language_is_refused_politely(
    customer: Harness, db: Database, translator: Translator, user_id: int
) -> None:
    with capture_logs() as logs:
        sent = await customer.press("lang:de", user_id=user_id, language_code="en")
    assert texts(sent) == [translator.get("en", "error-unsupported_language")]
    user = await get_user(db, user_id)
    assert user is not None
    assert user.language is None
    [record] = [r for r in logs if r["event"] == "bot.update_failed"]
    assert record["error_code"] == "unsupported_language"
    assert record["user_id"] == user_id


async def test_an_edit_telegram_finds_unchanged_is_not_an_error(
    customer: Harness, user_id: int
) -> None:
    customer.session.refuse[EditMessageText] = (
        400, "Bad Request: message is not modified: specified new message content and reply "
             "markup are exactly the same as a current content and reply markup of the message")
    with capture_logs() as logs:
        sent = await customer.press("lang:en", user_id=user_id)
    assert [type(r) for r in sent] == [AnswerCallbackQuery, EditMessageText]
    assert not [r for r in logs if r["event"] == "bot.update_failed"]


async def test_a_message_that_cannot_be_edited_gets_a_new_one(
    customer: Harness, translator: Translator, user_id: int
) -> None:
    customer.session.refuse[EditMessageText] = (400, "Bad Request: message to edit not found")
    sent = await customer.press("lang:en", user_id=user_id)
    [fresh] = [r for r in sent if isinstance(r, SendMessage)]
    assert fresh.text == translator.get("en", "language-changed")
    assert fresh.chat_id == user_id
