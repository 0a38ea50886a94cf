"""/products in the seller bot: a button opening the shop's catalog Mini App for its owner and for
a picker (who counts stock), the same button on the owner's /shop card, and for someone without a
shop the way to get one."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from aiogram.methods import SendMessage
from bot_fakes import Harness
from customer_chat import sent
from seller_chat import SellerChat, approved_shop

from core.auth.api import accept_invitation, create_invitation, load_actor
from core.auth.policy import Role
from core.business.schemas import ShopOut
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database

_people = itertools.count(7_820_500_000)  # this module's own range of Telegram ids


def _web_apps(message: SendMessage) -> list[tuple[str, str]]:
    """(text, url) of the message's Mini App buttons."""
    markup = message.reply_markup
    rows = getattr(markup, "inline_keyboard", None) or []
    return [(b.text, b.web_app.url) for row in rows for b in row if b.web_app]


@pytest.fixture
def seller(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SELLER)


@pytest.fixture
def owner(seller: Harness) -> SellerChat:
    return SellerChat(seller, next(_people), first_name="Ольга")


@pytest.fixture
async def shop(db: Database, owner: SellerChat) -> ShopOut:
    return await approved_shop(db, owner.user_id, next(_people), name="Сад у дома")


async def test_the_owner_gets_a_button_opening_the_catalog(
    owner: SellerChat, shop: ShopOut, translator: Translator, settings: Settings
) -> None:
    [answer] = sent(await owner.send("/products"))

    assert answer.text == translator.get("ru", "seller-catalog-open", name=shop.name)
    assert _web_apps(answer) == [
        (
            translator.get("ru", "seller-btn-catalog-webapp"),
            f"{settings.public_url.rstrip('/')}/app/seller/catalog?lang=ru&shop={shop.id}",
        )
    ]

    [card] = sent(await owner.send("/shop"))
    assert any(
        url.endswith(f"/app/seller/catalog?lang=ru&shop={shop.id}") for _, url in _web_apps(card)
    )


async def test_a_picker_opens_the_catalog_by_command_but_has_no_card_buttons(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    picker = SellerChat(seller, next(_people), first_name="Пётр", language_code="en")
    await picker.send("/help")  # known to the bot, so the invitation can be accepted
    invitation = await create_invitation(
        db, await load_actor(db, owner.user_id), Role.PICKER, shop_id=shop.id
    )
    await accept_invitation(db, invitation.token, picker.user_id, via=BotRole.SELLER)

    [answer] = sent(await picker.send("/products"))
    assert answer.text == translator.get("en", "seller-catalog-open", name=shop.name)
    [(_, url)] = _web_apps(answer)
    assert url.endswith(f"/app/seller/catalog?lang=en&shop={shop.id}")

    [card] = sent(await picker.send("/shop"))
    assert card.reply_markup is None


async def test_someone_without_a_shop_is_told_how_to_get_one(
    seller: Harness, translator: Translator
) -> None:
    stranger = SellerChat(seller, next(_people))

    [answer] = sent(await stranger.send("/products"))

    assert answer.text == translator.get("ru", "seller-shop-none")
    assert all("/app/seller/catalog" not in url for _, url in _web_apps(answer))
