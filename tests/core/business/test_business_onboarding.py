"""Seller onboarding on real PostgreSQL: apply, then an admin approves or rejects."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from business_factories import (
    ActorOf,
    ApprovedShop,
    Events,
    NewPerson,
    application,
    company_inn,
    individual_inn,
    shop_form,
)

from core.auth.api import list_shop_staff
from core.auth.errors import PermissionDenied, UserNotFound
from core.auth.policy import Actor, Role
from core.business.api import (
    apply,
    approve_application,
    get_business,
    list_applications,
    my_applications,
    reject_application,
)
from core.business.errors import (
    ApplicationDecided,
    ApplicationPending,
    BusinessNotFound,
    InnTaken,
    InvalidAmount,
    InvalidAssemblyTime,
    InvalidBusinessPhone,
    InvalidEmail,
    InvalidInn,
    InvalidRejectionReason,
    InvalidText,
    InvalidTimezone,
    TaxSystemNotAllowed,
)
from core.business.events import BusinessApproved
from core.business.schemas import BusinessStatus, InnKind, ShopStatus, TaxSystem
from core.geo.api import zone_from_points
from core.shared.clock import FrozenClock
from core.shared.errors import CoreError
from core.shared.events import from_payload
from core.shared.money import Money
from core.shared.uow import Database


async def test_apply_creates_a_pending_business_and_shop(
    db: Database, applicant: Actor, clock: FrozenClock, events: Events
) -> None:
    form = application()
    applied = await apply(db, applicant, form)

    business = applied.business
    assert business.status is BusinessStatus.PENDING
    assert (business.legal_name, business.inn, business.inn_kind) == (
        'ООО "Сад и огород"', form.inn, InnKind.LEGAL_ENTITY
    )
    assert business.phone == "+79123456789"
    assert business.email == "Owner@sad-ogorod.ru"
    assert business.applicant_id == applicant.telegram_id
    assert business.created_at == clock.now()
    assert business.decided_at is None
    [shop] = applied.shops
    assert shop.status is ShopStatus.PENDING_APPROVAL
    assert shop.min_order == Money.rub(500)
    assert shop.delivery_fee == Money.rub(99)
    assert shop.hours == form.shop.hours
    assert shop.zone == form.shop.zone
    assert shop.point == form.shop.point
    assert shop.business_id == business.id

    assert await get_business(db, applicant, business.id) == applied
    assert applied in await my_applications(db, applicant)
    payloads = [p for p in await events("business.applied")
                if p["business_id"] == str(business.id)]
    assert payloads == [{"business_id": str(business.id), "shop_id": str(shop.id),
                         "applicant_id": applicant.telegram_id,
                         "legal_name": business.legal_name}]


async def test_admin_sees_the_application_and_approves_it(
    db: Database, applicant: Actor, admin: Actor, actor_of: ActorOf, clock: FrozenClock,
    events: Events,
) -> None:
    applied = await apply(db, applicant, application())
    queue = await list_applications(db, admin, limit=200)
    assert applied in queue
    clock.advance(timedelta(hours=2))

    decided = await approve_application(db, admin, applied.business.id)

    assert decided.business.status is BusinessStatus.APPROVED
    assert decided.business.decided_at == clock.now()
    assert decided.business.decided_by == admin.telegram_id
    [shop] = decided.shops
    assert shop.status is ShopStatus.ACTIVE
    owner = await actor_of(applicant.telegram_id)
    assert owner.role_in(shop.id) is Role.OWNER
    staff = await list_shop_staff(db, owner, shop.id)
    assert [(m.telegram_id, m.role) for m in staff] == [(applicant.telegram_id, Role.OWNER)]
    assert applied.business.id not in {
        a.business.id for a in await list_applications(db, admin, limit=200)
    }
    approvals = [p for p in await events("business.approved")
                 if p["business_id"] == str(applied.business.id)]
    assert approvals == [{"business_id": str(applied.business.id),
                          "applicant_id": applicant.telegram_id, "shop_ids": [str(shop.id)],
                          "approved_by": admin.telegram_id}]


async def test_approval_event_reads_back_from_the_outbox(
    db: Database, applicant: Actor, admin: Actor, events: Events
) -> None:
    applied = await apply(db, applicant, application())
    decided = await approve_application(db, admin, applied.business.id)
    [payload] = [p for p in await events("business.approved")
                 if p["business_id"] == str(applied.business.id)]
    event = from_payload("business.approved", payload, event_id=uuid.uuid4(),
                         occurred_at=datetime.now(UTC))
    assert event == BusinessApproved(
        business_id=applied.business.id, applicant_id=applicant.telegram_id,
        shop_ids=(decided.shops[0].id,), approved_by=admin.telegram_id,
    )


async def test_approving_twice_is_harmless(
    db: Database, applicant: Actor, admin: Actor, events: Events
) -> None:
    applied = await apply(db, applicant, application())
    first = await approve_application(db, admin, applied.business.id)
    again = await approve_application(db, admin, applied.business.id)
    assert again == first
    approvals = [p for p in await events("business.approved")
                 if p["business_id"] == str(applied.business.id)]
    assert len(approvals) == 1


async def test_concurrent_approvals_make_one_owner(
    db: Database, applicant: Actor, admin: Actor, events: Events
) -> None:
    applied = await apply(db, applicant, application())
    results = await asyncio.gather(
        *(approve_application(db, admin, applied.business.id) for _ in range(4))
    )
    assert {r.business.status for r in results} == {BusinessStatus.APPROVED}
    approvals = [p for p in await events("business.approved")
                 if p["business_id"] == str(applied.business.id)]
    assert len(approvals) == 1


async def test_reject_with_a_reason(
    db: Database, applicant: Actor, admin: Actor, actor_of: ActorOf, events: Events
) -> None:
    applied = await apply(db, applicant, application())
    decided = await reject_application(db, admin, applied.business.id, "  Нет документов  ")

    assert decided.business.status is BusinessStatus.REJECTED
    assert decided.business.rejection_reason == "Нет документов"
    assert decided.shops[0].status is ShopStatus.REJECTED
    assert decided.shops[0].rejection_reason == "Нет документов"
    assert (await actor_of(applicant.telegram_id)).shops == {}
    rejections = [p for p in await events("business.rejected")
                  if p["business_id"] == str(applied.business.id)]
    assert rejections == [{"business_id": str(applied.business.id),
                           "applicant_id": applicant.telegram_id, "reason": "Нет документов",
                           "rejected_by": admin.telegram_id}]
    # Rejected once, decided for good.
    with pytest.raises(ApplicationDecided) as caught:
        await approve_application(db, admin, applied.business.id)
    assert caught.value.params == {"status": "rejected"}
    assert (await reject_application(db, admin, applied.business.id, "ещё раз")) == decided


async def test_a_rejection_needs_a_reason(db: Database, applicant: Actor, admin: Actor) -> None:
    applied = await apply(db, applicant, application())
    with pytest.raises(InvalidRejectionReason):
        await reject_application(db, admin, applied.business.id, "  ")
    assert (await get_business(db, admin, applied.business.id)).business.status is (
        BusinessStatus.PENDING
    )


async def test_after_a_rejection_the_same_inn_may_apply_again(
    db: Database, applicant: Actor, admin: Actor
) -> None:
    form = application()
    first = await apply(db, applicant, form)
    await reject_application(db, admin, first.business.id, "Неполный адрес")
    second = await apply(db, applicant, form)
    assert second.business.id != first.business.id
    assert [a.business.id for a in await my_applications(db, applicant)] == [
        second.business.id, first.business.id
    ]


async def test_one_pending_application_per_person(db: Database, applicant: Actor) -> None:
    await apply(db, applicant, application())
    with pytest.raises(ApplicationPending):
        await apply(db, applicant, application())


async def test_a_live_inn_cannot_apply_twice(
    db: Database, applicant: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    form = application()
    await apply(db, applicant, form)
    other = await actor_of(await new_person())
    with pytest.raises(InnTaken) as caught:
        await apply(db, other, form)
    assert caught.value.params == {"inn": form.inn}


async def test_concurrent_applications_with_one_inn_make_one_business(
    db: Database, new_person: NewPerson, actor_of: ActorOf
) -> None:
    form = application()
    people = [await actor_of(await new_person()) for _ in range(4)]
    results = await asyncio.gather(*(apply(db, p, form) for p in people),
                                   return_exceptions=True)
    made = [r for r in results if not isinstance(r, BaseException)]
    assert len(made) == 1
    assert all(isinstance(r, InnTaken) for r in results if isinstance(r, BaseException))


async def test_an_unknown_person_cannot_apply(db: Database) -> None:
    with pytest.raises(UserNotFound):
        await apply(db, Actor(telegram_id=5_499_999_999), application())


async def test_individual_on_patent_is_fine_but_a_company_is_not(
    db: Database, applicant: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    applied = await apply(db, applicant, application(
        inn=individual_inn(), tax_system=TaxSystem.PATENT, legal_name="ИП Петрова О. И."
    ))
    assert applied.business.inn_kind is InnKind.INDIVIDUAL
    assert applied.business.tax_system is TaxSystem.PATENT
    other = await actor_of(await new_person())
    with pytest.raises(TaxSystemNotAllowed):
        await apply(db, other, application(inn=company_inn(), tax_system=TaxSystem.NPD))


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        pytest.param({"inn": "7707083894"}, InvalidInn, id="inn"),
        pytest.param({"legal_name": " "}, InvalidText, id="legal-name"),
        pytest.param({"phone": "12345"}, InvalidBusinessPhone, id="phone"),
        pytest.param({"phone": "+7 912 ABC"}, InvalidBusinessPhone, id="phone-letters"),
        pytest.param({"email": "owner@"}, InvalidEmail, id="email"),
        pytest.param({"shop": shop_form(timezone="Moscow/Kremlin")}, InvalidTimezone,
                     id="timezone"),
        pytest.param({"shop": shop_form(min_order=Money.rub(-1))}, InvalidAmount,
                     id="negative-minimum"),
        pytest.param({"shop": shop_form(delivery_fee=Money(100, "USD"))}, InvalidAmount,
                     id="dollars"),
        pytest.param({"shop": shop_form(assembly_minutes=0)}, InvalidAssemblyTime,
                     id="assembly"),
        pytest.param({"shop": shop_form(name="")}, InvalidText, id="shop-name"),
        pytest.param({"shop": shop_form(address="дом")}, InvalidText, id="address"),
    ],
)
async def test_bad_fields_are_refused_and_nothing_is_stored(
    db: Database, applicant: Actor, changes: dict[str, object], error: type[CoreError]
) -> None:
    with pytest.raises(error) as caught:
        await apply(db, applicant, application(**changes))
    assert caught.value.kind == "validation"
    assert await my_applications(db, applicant) == []


async def test_a_polygon_zone_is_stored_and_read_back(db: Database, applicant: Actor) -> None:
    zone = zone_from_points([(55.70, 37.55), (55.80, 37.55), (55.80, 37.70), (55.70, 37.70)])
    applied = await apply(db, applicant, application(shop=shop_form(zone=zone)))
    assert applied.shops[0].zone == zone


async def test_who_may_see_an_application(
    db: Database, approved: ApprovedShop, admin: Actor, new_person: NewPerson,
    actor_of: ActorOf,
) -> None:
    business_id = approved.application.business.id
    assert (await get_business(db, admin, business_id)).business.id == business_id
    assert (await get_business(db, approved.owner, business_id)).business.id == business_id
    stranger = await actor_of(await new_person())
    with pytest.raises(PermissionDenied):
        await get_business(db, stranger, business_id)
    with pytest.raises(BusinessNotFound):
        await get_business(db, admin, uuid.uuid4())


async def test_only_admins_review(
    db: Database, applicant: Actor, approved: ApprovedShop, new_person: NewPerson,
    actor_of: ActorOf,
) -> None:
    applied = await apply(db, applicant, application())
    stranger = await actor_of(await new_person())
    for actor in (applicant, approved.owner, stranger):
        with pytest.raises(PermissionDenied):
            await approve_application(db, actor, applied.business.id)
        with pytest.raises(PermissionDenied):
            await reject_application(db, actor, applied.business.id, "не нравится")
        with pytest.raises(PermissionDenied):
            await list_applications(db, actor)
    assert (await get_business(db, applicant, applied.business.id)).business.status is (
        BusinessStatus.PENDING
    )
