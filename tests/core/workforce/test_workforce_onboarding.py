"""Becoming a courier: through an invitation (approved at once) or an application an admin
approves or rejects; being approved follows the courier role."""

from __future__ import annotations

import pytest
from workforce_people import PHONE, ActorOf, Events, NewPerson, profile

from core.auth.api import accept_invitation, create_invitation, revoke_role
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.customers.errors import InvalidPhone
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.outbox import Relay
from core.shared.uow import Database
from core.workforce.api import (
    approve_courier,
    courier_application,
    courier_applications,
    get_courier,
    my_shift,
    register_courier,
    reject_courier,
    start_shift,
)
from core.workforce.errors import (
    CourierApplicationDecided,
    CourierApplicationPending,
    CourierNotFound,
    InvalidCourierName,
    InvalidCourierRejection,
)
from core.workforce.schemas import (
    ApplicationStatus,
    CourierStatus,
    JoinPath,
    Vehicle,
)


async def test_an_invited_courier_is_approved_when_the_profile_is_complete(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, events: Events
) -> None:
    invited = await create_invitation(db, admin, Role.COURIER)
    person = await new_person()
    await accept_invitation(db, invited.token, person, via=BotRole.COURIER)

    done = await register_courier(
        db, await actor_of(person), " Марат  Ибрагимов ", "8 (916) 123-45-67", Vehicle.CAR
    )
    assert done.status is ApplicationStatus.APPROVED
    assert done.joined_via is JoinPath.INVITATION
    courier = done.courier
    assert (courier.name, courier.phone, courier.vehicle) == ("Марат Ибрагимов", PHONE, Vehicle.CAR)
    assert courier.approved
    assert courier.capacity == 3
    assert courier.status is CourierStatus.OFFLINE
    assert not courier.on_shift
    assert courier.free_capacity == 0
    assert await events("workforce.courier_applied") == []


async def test_a_stranger_applies_and_an_admin_approves(
    db: Database,
    new_person: NewPerson,
    actor_of: ActorOf,
    admin: Actor,
    events: Events,
    clock: FrozenClock,
) -> None:
    person = await new_person()
    applicant = await actor_of(person)
    applied = await register_courier(db, applicant, *profile(Vehicle.FOOT))
    assert applied.status is ApplicationStatus.PENDING
    assert applied.joined_via is JoinPath.APPLICATION
    assert not applied.courier.approved
    assert await events("workforce.courier_applied") == [
        {"courier_id": person, "name": "Марат Ибрагимов", "vehicle": "foot"}
    ]
    queue = await courier_applications(db, admin)
    # The session's database holds other tests' applicants too: this one is waiting, oldest first.
    assert person in [a.courier.telegram_id for a in queue]
    assert [a.applied_at for a in queue] == sorted(a.applied_at for a in queue)
    with pytest.raises(PermissionDenied):  # no courier role yet
        await start_shift(db, applicant)

    decided = await approve_courier(db, admin, person)
    assert decided.status is ApplicationStatus.APPROVED
    assert (decided.decided_by, decided.decided_at) == (admin.telegram_id, clock.now())
    assert (await actor_of(person)).has(Role.COURIER)
    assert await events("workforce.courier_approved") == [
        {"courier_id": person, "approved_by": admin.telegram_id}
    ]
    again = await approve_courier(db, admin, person)  # a second admin, a double tap
    assert again.status is ApplicationStatus.APPROVED
    assert len(await events("workforce.courier_approved")) == 1
    shift = await start_shift(db, await actor_of(person))
    assert shift.courier.status is CourierStatus.AVAILABLE
    assert person not in [a.courier.telegram_id for a in await courier_applications(db, admin)]


async def test_only_admins_decide(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor
) -> None:
    person = await new_person()
    await register_courier(db, await actor_of(person), *profile())
    support = Actor(await new_person("Света"), platform_roles=frozenset({Role.SUPPORT}))
    for outsider in (await actor_of(person), support):
        with pytest.raises(PermissionDenied):
            await approve_courier(db, outsider, person)
        with pytest.raises(PermissionDenied):
            await reject_courier(db, outsider, person, "Нет документов")
        with pytest.raises(PermissionDenied):
            await courier_applications(db, outsider)
    assert (await courier_application(db, admin, person)).status is ApplicationStatus.PENDING


async def test_a_rejected_applicant_hears_why_and_may_apply_again(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, events: Events
) -> None:
    person = await new_person()
    applicant = await actor_of(person)
    await register_courier(db, applicant, *profile())
    with pytest.raises(InvalidCourierRejection):
        await reject_courier(db, admin, person, "  ")
    rejected = await reject_courier(db, admin, person, "  Нужен другой номер  ")
    assert rejected.status is ApplicationStatus.REJECTED
    assert rejected.rejection_reason == "Нужен другой номер"
    assert await events("workforce.courier_rejected") == [
        {"courier_id": person, "reason": "Нужен другой номер", "rejected_by": admin.telegram_id}
    ]
    assert (await reject_courier(db, admin, person, "Другое")).rejection_reason == (
        "Нужен другой номер"  # a repeat changes nothing
    )
    with pytest.raises(CourierApplicationDecided):
        await approve_courier(db, admin, person)
    assert not (await actor_of(person)).has(Role.COURIER)

    again = await register_courier(db, applicant, "Марат", "+79161112233", Vehicle.CAR)
    assert again.status is ApplicationStatus.PENDING
    assert again.rejection_reason is None
    assert len(await events("workforce.courier_applied")) == 2


async def test_one_application_waits_at_a_time(
    db: Database, new_person: NewPerson, actor_of: ActorOf
) -> None:
    applicant = await actor_of(await new_person())
    await register_courier(db, applicant, *profile())
    with pytest.raises(CourierApplicationPending):
        await register_courier(db, applicant, *profile(Vehicle.CAR))


async def test_the_profile_is_checked(
    db: Database, new_person: NewPerson, actor_of: ActorOf
) -> None:
    applicant = await actor_of(await new_person())
    for name in ("", "М", "12345", "я" * 101):
        with pytest.raises(InvalidCourierName):
            await register_courier(db, applicant, name, PHONE, Vehicle.FOOT)
    with pytest.raises(InvalidPhone):
        await register_courier(db, applicant, "Марат", "12", Vehicle.FOOT)
    with pytest.raises(ValueError, match="plane"):
        await register_courier(db, applicant, "Марат", PHONE, "plane")  # type: ignore[arg-type]
    with pytest.raises(CourierNotFound):
        await get_courier(db, applicant.telegram_id)


async def test_an_approved_courier_changes_the_profile(db: Database, courier: Actor) -> None:
    changed = await register_courier(db, courier, "Марат И.", "+79160000000", Vehicle.FOOT)
    assert changed.status is ApplicationStatus.APPROVED
    assert (changed.courier.name, changed.courier.capacity) == ("Марат И.", 1)


async def test_only_the_courier_and_platform_staff_read_an_application(
    db: Database, courier: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    own = await courier_application(db, courier, courier.telegram_id)
    assert own is not None
    assert own.courier.telegram_id == courier.telegram_id
    stranger = await actor_of(await new_person())
    assert await courier_application(db, stranger, stranger.telegram_id) is None
    with pytest.raises(PermissionDenied):
        await courier_application(db, stranger, courier.telegram_id)


async def test_the_role_granted_elsewhere_approves_a_waiting_applicant(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, events: Events
) -> None:
    person = await new_person()
    await register_courier(db, await actor_of(person), *profile())
    invited = await create_invitation(db, admin, Role.COURIER)
    await accept_invitation(db, invited.token, person, via=BotRole.COURIER)
    await Relay(db).run_until_idle()
    application = await courier_application(db, admin, person)
    assert application is not None
    assert application.status is ApplicationStatus.APPROVED
    assert await events("workforce.courier_approved") == [
        {"courier_id": person, "approved_by": None}
    ]


async def test_the_role_taken_back_ends_the_shift_and_retires_the_courier(
    db: Database, courier: Actor, admin: Actor, actor_of: ActorOf, events: Events
) -> None:
    await start_shift(db, courier)
    await revoke_role(db, admin, courier.telegram_id, Role.COURIER)
    await Relay(db).run_until_idle()
    application = await courier_application(db, admin, courier.telegram_id)
    assert application is not None
    assert application.status is ApplicationStatus.RETIRED
    assert application.courier.status is CourierStatus.OFFLINE
    [ended] = await events("workforce.shift_ended")
    assert ended["reason"] == "retired"
    shift = await my_shift(db, await actor_of(courier.telegram_id))
    assert not shift.courier.approved


async def test_a_waiting_applicant_invited_meanwhile_is_approved_by_the_profile(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, events: Events
) -> None:
    person = await new_person()
    applied = await register_courier(db, await actor_of(person), *profile())
    invited = await create_invitation(db, admin, Role.COURIER)
    await accept_invitation(db, invited.token, person, via=BotRole.COURIER)
    # The invitation's event has not reached workforce yet; the profile dialog comes first.
    done = await register_courier(db, await actor_of(person), *profile(Vehicle.CAR))
    assert done.status is ApplicationStatus.APPROVED
    assert done.applied_at == applied.applied_at  # it names the admins' alert
    assert await events("workforce.courier_approved") == [
        {"courier_id": person, "approved_by": None}
    ]
    await Relay(db).run_until_idle()
    assert len(await events("workforce.courier_approved")) == 1
