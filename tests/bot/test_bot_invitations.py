"""``/start inv_<token>`` in the seller and courier bots: joining a shop's staff or the couriers,
the inviter hearing about it, and a clear answer for used, expired, revoked, unknown and
wrong-bot links."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from aiogram.methods import SendMessage
from bot_fakes import Harness, new_user_id, texts

from core.auth.api import (
    create_invitation,
    ensure_admins,
    load_actor,
    register_shop_owner,
    remember_user,
    revoke_invitation,
    set_language,
)
from core.auth.policy import Actor, Role
from core.auth.schemas import InvitationCreated, TelegramProfile
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.fixture
def seller(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SELLER)


@pytest.fixture
def courier_bot(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.COURIER)


@pytest.fixture
def shop_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
async def owner(db: Database, shop_id: uuid.UUID) -> Actor:
    telegram_id = new_user_id()
    await remember_user(db, TelegramProfile(telegram_id, "Ольга"))
    await register_shop_owner(db, shop_id, telegram_id)
    return await load_actor(db, telegram_id)


@pytest.fixture
async def admin(db: Database) -> Actor:
    telegram_id = new_user_id()
    await remember_user(db, TelegramProfile(telegram_id, "Админ"))
    await ensure_admins(db, [telegram_id])
    return await load_actor(db, telegram_id)


async def _invite(db: Database, inviter: Actor, role: Role, shop_id: uuid.UUID | None = None,
                  label: str | None = None) -> InvitationCreated:
    return await create_invitation(db, inviter, role, shop_id=shop_id, label=label)


def _sent_to(requests: list[object], chat_id: int) -> list[str]:
    return [r.text for r in requests if isinstance(r, SendMessage) and r.chat_id == chat_id]


async def test_a_picker_joins_through_the_seller_bot_and_the_owner_hears_it(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, translator: Translator
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id, label="Зелёная лавка")
    picker = new_user_id()

    sent = await seller.send(f"/start {created.start_parameter}", user_id=picker,
                             first_name="Пётр")

    assert _sent_to(sent, picker) == [translator.get(
        "ru", "invitation-welcome-staff", shop="Зелёная лавка", role="сборщик")]
    assert _sent_to(sent, owner.telegram_id) == [translator.get(
        "ru", "invitation-joined-notice", name="Пётр", role="сборщик")]
    assert (await load_actor(db, picker)).role_in(shop_id) is Role.PICKER


async def test_the_inviter_is_told_in_their_own_language(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, translator: Translator
) -> None:
    await set_language(db, owner.telegram_id, "en")
    created = await _invite(db, owner, Role.MANAGER, shop_id)
    manager = new_user_id()

    sent = await seller.send(f"/start {created.start_parameter}", user_id=manager,
                             language_code="ru", first_name="<Мария>")

    assert _sent_to(sent, manager) == [translator.get(
        "ru", "invitation-welcome-staff-unnamed", role="менеджер")]
    [notice] = _sent_to(sent, owner.telegram_id)
    assert notice == translator.get("en", "invitation-joined-notice", name="&lt;Мария&gt;",
                                    role="manager")


async def test_a_courier_joins_through_the_courier_bot(
    courier_bot: Harness, db: Database, admin: Actor, translator: Translator
) -> None:
    created = await _invite(db, admin, Role.COURIER)
    courier = new_user_id()
    sent = await courier_bot.send(f"/start {created.start_parameter}", user_id=courier,
                                  language_code="en")
    # The courier profile's questions follow the welcome (bot.courier.onboarding).
    assert _sent_to(sent, courier)[0] == translator.get("en", "invitation-welcome-courier")
    assert (await load_actor(db, courier)).has(Role.COURIER)


async def test_a_used_link_gets_a_clear_answer(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, translator: Translator
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    await seller.send(f"/start {created.start_parameter}", user_id=new_user_id())
    latecomer = new_user_id()
    sent = await seller.send(f"/start {created.start_parameter}", user_id=latecomer)
    assert texts(sent) == [translator.get("ru", "error-invitation_used")]
    assert (await load_actor(db, latecomer)).role_in(shop_id) is None


async def test_the_same_person_tapping_twice_is_told_it_is_used(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, translator: Translator
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    picker = new_user_id()
    await seller.send(f"/start {created.start_parameter}", user_id=picker)
    sent = await seller.send(f"/start {created.start_parameter}", user_id=picker)
    assert texts(sent) == [translator.get("ru", "error-invitation_used")]


async def test_an_expired_link_gets_a_clear_answer(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, clock: FrozenClock,
    translator: Translator,
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    clock.advance(timedelta(hours=73))
    sent = await seller.send(f"/start {created.start_parameter}", user_id=new_user_id(),
                             language_code="en")
    assert texts(sent) == [translator.get("en", "error-invitation_expired")]


async def test_a_revoked_link_gets_a_clear_answer(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, translator: Translator
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    await revoke_invitation(db, owner, created.invitation.id)
    sent = await seller.send(f"/start {created.start_parameter}", user_id=new_user_id())
    assert texts(sent) == [translator.get("ru", "error-invitation_revoked")]


@pytest.mark.parametrize("start", ["inv_doesnotexist0000000000", "inv_", "inv_<b>bad</b>"])
async def test_an_unknown_link_gets_a_clear_answer(
    seller: Harness, translator: Translator, start: str
) -> None:
    sent = await seller.send(f"/start {start}", user_id=new_user_id())
    assert texts(sent) == [translator.get("ru", "error-invitation_not_found")]


async def test_a_staff_link_opened_in_the_courier_bot_points_to_the_seller_bot(
    courier_bot: Harness, seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID,
    translator: Translator,
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    person = new_user_id()
    sent = await courier_bot.send(f"/start {created.start_parameter}", user_id=person)
    assert texts(sent) == [translator.get("ru", "error-invitation_wrong_bot", bot="seller")]
    assert "продавцов" in texts(sent)[0]
    # The link is still good where it belongs.
    joined = await seller.send(f"/start {created.start_parameter}", user_id=person)
    assert len(_sent_to(joined, person)) == 1
    assert (await load_actor(db, person)).role_in(shop_id) is Role.PICKER


async def test_a_courier_link_opened_in_the_seller_bot_points_to_the_courier_bot(
    seller: Harness, db: Database, admin: Actor, translator: Translator
) -> None:
    created = await _invite(db, admin, Role.COURIER)
    sent = await seller.send(f"/start {created.start_parameter}", user_id=new_user_id(),
                             language_code="en")
    assert texts(sent) == [translator.get("en", "error-invitation_wrong_bot", bot="courier")]


async def test_someone_already_on_the_staff_is_told_so(
    seller: Harness, db: Database, owner: Actor, shop_id: uuid.UUID, translator: Translator
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    sent = await seller.send(f"/start {created.start_parameter}", user_id=owner.telegram_id)
    assert texts(sent) == [translator.get("ru", "error-already_has_role", role="owner")]


@pytest.mark.parametrize("text", ["/start", "/start promo_spring"])
async def test_other_starts_still_greet(
    seller: Harness, translator: Translator, text: str
) -> None:
    sent = await seller.send(text, user_id=new_user_id(), first_name="Анна")
    assert texts(sent) == [translator.get("ru", "seller-start", name="Анна")]


async def test_the_customer_bot_does_not_take_invitations(
    customer: Harness, db: Database, owner: Actor, shop_id: uuid.UUID
) -> None:
    created = await _invite(db, owner, Role.PICKER, shop_id)
    person = new_user_id()
    await customer.send(f"/start {created.start_parameter}", user_id=person)
    assert (await load_actor(db, person)).role_in(shop_id) is None
