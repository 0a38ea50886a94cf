"""The support bot's /admin: platform admins get the review page, everyone else a polite no."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from aiogram.methods import SendMessage
from bot_fakes import Harness, new_user_id

from core.auth.api import ensure_admins
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_admin_gets_the_applications_page(
    harness_for: Callable[[BotRole], Harness],
    db: Database,
    settings: Settings,
    translator: Translator,
    lang: str,
) -> None:
    admin = new_user_id()
    support = harness_for(BotRole.SUPPORT)
    await support.send("/start", user_id=admin, language_code=lang)  # the bot learns who it is
    await ensure_admins(db, [admin])
    [reply] = [r for r in await support.send("/admin", user_id=admin, language_code=lang)
               if isinstance(r, SendMessage)]
    assert reply.text == translator.get(lang, "support-admin-menu")
    [[button], [broadcasts]] = reply.reply_markup.inline_keyboard
    assert button.web_app is not None
    assert button.web_app.url == (
        f"{settings.public_url.rstrip('/')}/app/admin/applications?lang={lang}"
    )
    assert broadcasts.web_app is not None
    assert broadcasts.web_app.url == (
        f"{settings.public_url.rstrip('/')}/app/admin/broadcasts?lang={lang}"
    )


async def test_anyone_else_is_refused_without_a_link(
    harness_for: Callable[[BotRole], Harness], translator: Translator
) -> None:
    support = harness_for(BotRole.SUPPORT)
    [reply] = [r for r in await support.send("/admin", user_id=new_user_id(), language_code="en")
               if isinstance(r, SendMessage)]
    assert reply.text == translator.get("en", "support-admin-only")
    assert reply.reply_markup is None
