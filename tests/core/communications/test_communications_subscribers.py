"""Events of other modules that reach people: business review, staff changes."""

from __future__ import annotations

import pytest
from communications_doubles import FakeTelegram, MakeSender, NewPerson, application
from sqlalchemy import text

from core.auth.api import ensure_admins, load_actor
from core.auth.events import StaffRemoved, StaffRoleChanged
from core.auth.policy import Actor, Role
from core.business.api import apply, approve_application, reject_application
from core.communications import subscribers
from core.communications.api import list_notifications
from core.communications.schemas import NotificationStatus
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.outbox import Relay
from core.shared.uow import Database, Transaction

pytestmark = pytest.mark.usefixtures("_quiet_outbox")


@pytest.fixture
async def _quiet_outbox(db: Database) -> None:
    # Forget what other tests left in the session's outbox (tests run one at a time), so each
    # test's relay run delivers its own events only — and does not replay the whole suite's.
    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))
        # Likewise the notifications earlier tests queued: this test's sender sends its own.
        await conn.execute(text("DELETE FROM notifications"))


@pytest.fixture
async def admin(db: Database, new_person: NewPerson) -> Actor:
    telegram_id = await new_person("Админ")
    await ensure_admins(db, [telegram_id])
    return await load_actor(db, telegram_id)


async def test_the_applicant_hears_of_the_approval_in_the_seller_bot(
    db: Database, new_person: NewPerson, admin: Actor, make_sender: MakeSender,
    telegram: FakeTelegram, translator: Translator,
) -> None:
    applicant = await new_person("Ольга", language="en")
    applied = await apply(db, await load_actor(db, applicant), application())
    await approve_application(db, admin, applied.business.id)
    assert await list_notifications(db, applicant) == []  # queued by the relay, not the command

    await Relay(db).run_until_idle()
    [queued] = await list_notifications(db, applicant)
    assert queued.bot is BotRole.SELLER
    assert queued.template == "notification-business-approved"
    assert queued.params == {"legal_name": 'ООО "Сад & огород"', "shops": "Фрукты <у дома>"}

    await make_sender().run_until_idle()
    assert [call.bot for call in telegram.calls if call.chat_id == applicant] == [BotRole.SELLER]
    assert telegram.texts_to(applicant) == [translator.get(
        "en", "notification-business-approved",
        legal_name='ООО "Сад &amp; огород"', shops="Фрукты &lt;у дома&gt;",
    )]


async def test_the_applicant_hears_why_they_were_rejected(
    db: Database, new_person: NewPerson, admin: Actor, make_sender: MakeSender,
    telegram: FakeTelegram, translator: Translator,
) -> None:
    applicant = await new_person("Пётр")
    applied = await apply(db, await load_actor(db, applicant), application("ИП Петров"))
    await reject_application(db, admin, applied.business.id, "ИНН не совпадает с выпиской")
    await Relay(db).run_until_idle()
    await make_sender().run_until_idle()
    assert telegram.texts_to(applicant) == [translator.get(
        "ru", "notification-business-rejected",
        legal_name="ИП Петров", reason="ИНН не совпадает с выпиской",
    )]
    [sent] = await list_notifications(db, applicant)
    assert sent.status is NotificationStatus.SENT


async def test_a_redelivered_event_notifies_once(
    db: Database, new_person: NewPerson, admin: Actor, make_sender: MakeSender,
    telegram: FakeTelegram,
) -> None:
    applicant = await new_person("Вера")
    applied = await apply(db, await load_actor(db, applicant), application())
    approved = await approve_application(db, admin, applied.business.id)
    shop = approved.shops[0]
    removed = StaffRemoved(shop_id=shop.id, telegram_id=applicant, role=Role.OWNER,
                           removed_by=admin.telegram_id)

    async def deliver(tx: Transaction) -> None:
        await subscribers.staff_removed(tx, removed)

    for _ in range(2):  # at-least-once delivery: a relay died after the effect, before "done"
        await db.run(deliver)
    [queued] = await list_notifications(db, applicant, bot=BotRole.SELLER,)
    assert queued.template == "notification-staff-removed"
    assert queued.params == {"shop": shop.name}
    await make_sender().run_until_idle()
    assert len(telegram.texts_to(applicant)) == 1


async def test_a_staff_member_hears_of_a_new_role(
    db: Database, new_person: NewPerson, admin: Actor, make_sender: MakeSender,
    telegram: FakeTelegram, translator: Translator,
) -> None:
    owner = await new_person("Ольга")
    picker = await new_person("Ivan", language="en")
    applied = await apply(db, await load_actor(db, owner), application())
    shop = (await approve_application(db, admin, applied.business.id)).shops[0]
    changed = StaffRoleChanged(shop_id=shop.id, telegram_id=picker, old_role=Role.PICKER,
                               new_role=Role.MANAGER, changed_by=owner)

    async def deliver(tx: Transaction) -> None:
        await subscribers.staff_role_changed(tx, changed)

    await db.run(deliver)
    await make_sender().run_until_idle()
    assert telegram.texts_to(picker) == [translator.get(
        "en", "notification-staff-role-changed", shop="Фрукты &lt;у дома&gt;", role="manager"
    )]
    assert "a manager" in telegram.texts_to(picker)[0]


async def test_every_admin_hears_of_a_new_application_in_the_support_bot(
    db: Database, new_person: NewPerson, admin: Actor, make_sender: MakeSender,
    telegram: FakeTelegram, translator: Translator,
) -> None:
    second_admin = await new_person("Второй админ", language="en")
    await ensure_admins(db, [second_admin])
    applicant = await new_person("Пётр")
    await apply(db, await load_actor(db, applicant), application())

    await Relay(db).run_until_idle()
    for admin_id in (admin.telegram_id, second_admin):
        [queued] = await list_notifications(db, admin_id)
        assert queued.bot is BotRole.SUPPORT
        assert queued.template == "notification-business-applied"
    assert await list_notifications(db, applicant) == []

    await make_sender().run_until_idle()
    assert telegram.texts_to(second_admin) == [translator.get(
        "en", "notification-business-applied", legal_name='ООО "Сад &amp; огород"',
    )]
