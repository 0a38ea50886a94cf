"""Every bot answers /start and /help in Russian and in English."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bot_fakes import Harness, new_user_id, texts

from core.shared.config import BotRole
from core.shared.i18n import Translator

ROLES = list(BotRole)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("language_code", "lang"), [("ru", "ru"), ("en", "en"), ("en-GB", "en")])
async def test_start_greets_in_the_telegram_language(
    harness_for: Callable[[BotRole], Harness],
    translator: Translator,
    role: BotRole,
    language_code: str,
    lang: str,
) -> None:
    harness = harness_for(role)
    sent = await harness.send("/start", user_id=new_user_id(), language_code=language_code,
                              first_name="Анна")
    assert texts(sent) == [translator.get(lang, f"{role.value}-start", name="Анна")]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_help_in_both_languages(
    harness_for: Callable[[BotRole], Harness], translator: Translator, role: BotRole, lang: str
) -> None:
    harness = harness_for(role)
    sent = await harness.send("/help", user_id=new_user_id(), language_code=lang)
    assert texts(sent) == [translator.get(lang, f"{role.value}-help")]
    assert "/language" in texts(sent)[0]


async def test_each_bot_has_its_own_greeting(
    harness_for: Callable[[BotRole], Harness],
) -> None:
    user_id = new_user_id()
    greetings = set()
    for role in BotRole:
        greetings.update(texts(await harness_for(role).send("/start", user_id=user_id)))
    assert len(greetings) == len(BotRole)


async def test_russian_and_english_differ_and_read_naturally(
    customer: Harness, user_id: int
) -> None:
    [russian] = texts(await customer.send("/start", user_id=user_id, language_code="ru"))
    [english] = texts(await customer.send("/start", user_id=new_user_id(), language_code="en"))
    assert russian.startswith("Привет, Анна!")
    assert english.startswith("Hello, Анна!")


@pytest.mark.parametrize("language_code", ["de", None])
async def test_other_languages_get_the_default_russian(
    customer: Harness, translator: Translator, user_id: int, language_code: str | None
) -> None:
    sent = await customer.send("/help", user_id=user_id, language_code=language_code)
    assert texts(sent) == [translator.get("ru", "customer-help")]


async def test_names_cannot_inject_markup(customer: Harness, user_id: int) -> None:
    [greeting] = texts(await customer.send("/start", user_id=user_id, first_name="<b>Bob</b>"))
    assert "&lt;b&gt;Bob&lt;/b&gt;" in greeting
    assert "<b>Bob" not in greeting


async def test_replies_go_out_as_html_to_the_sender(customer: Harness, user_id: int) -> None:
    [request] = await customer.send("/help", user_id=user_id)
    assert request.chat_id == user_id
    assert customer.bot.default["parse_mode"] == "HTML"
