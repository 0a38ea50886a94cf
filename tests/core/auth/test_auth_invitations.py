"""Invitations on real PostgreSQL: who may create them, single use under concurrency, expiry on
the frozen clock, revocation, the wrong bot, and what the inviter sees afterwards."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from auth_people import ActorOf, NewPerson
from sqlalchemy import select

from core.auth._models import Invitation
from core.auth.api import (
    DEFAULT_INVITATION_TTL,
    accept_invitation,
    create_invitation,
    grant_role,
    list_invitations,
    list_shop_staff,
    register_shop_owner,
    remove_staff,
    revoke_invitation,
)
from core.auth.errors import (
    AlreadyHasRole,
    InvitationExpired,
    InvitationNotFound,
    InvitationRevoked,
    InvitationTtlOutOfRange,
    InvitationUsed,
    InvitationWrongBot,
    PermissionDenied,
    RoleNotAllowed,
    UserNotFound,
)
from core.auth.policy import Actor, Role
from core.auth.schemas import InvitationStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database


async def test_an_owner_invites_a_picker_who_joins(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson,
    actor_of: ActorOf, clock: FrozenClock,
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id,
                                      label="  Зелёная   лавка ")
    assert created.start_parameter == f"inv_{created.token}"
    assert len(created.start_parameter) <= 64
    invitation = created.invitation
    assert (invitation.role, invitation.shop_id, invitation.bot, invitation.status) == (
        Role.PICKER, shop_id, BotRole.SELLER, InvitationStatus.PENDING)
    assert invitation.label == "Зелёная лавка"
    assert invitation.expires_at == clock.now() + DEFAULT_INVITATION_TTL == clock.now() + \
        timedelta(hours=72)

    picker = await new_person("Пётр")
    clock.advance(timedelta(hours=1))
    accepted = await accept_invitation(db, created.start_parameter, picker, via=BotRole.SELLER)

    assert (accepted.role, accepted.shop_id, accepted.label, accepted.invited_by) == (
        Role.PICKER, shop_id, "Зелёная лавка", owner.telegram_id)
    assert (await actor_of(picker)).role_in(shop_id) is Role.PICKER
    staff = await list_shop_staff(db, owner, shop_id)
    joined = next(m for m in staff if m.telegram_id == picker)
    assert (joined.role, joined.joined_at, joined.invited_by) == (
        Role.PICKER, clock.now(), owner.telegram_id)
    [listed] = await list_invitations(db, owner, shop_id=shop_id)
    assert (listed.status, listed.accepted_by, listed.accepted_at) == (
        InvitationStatus.ACCEPTED, picker, clock.now())


async def test_the_token_is_stored_only_as_a_hash(
    db: Database, owner: Actor, shop_id: uuid.UUID
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    async with db.sessionmaker() as session:
        row = await session.get(Invitation, created.invitation.id)
    assert row is not None
    assert created.token.encode() not in row.token_hash
    assert len(row.token_hash) == 32
    assert len(created.token) >= 22  # at least 16 random bytes, url-safe


async def test_tokens_are_unique(db: Database, owner: Actor, shop_id: uuid.UUID) -> None:
    tokens = {(await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)).token
              for _ in range(20)}
    assert len(tokens) == 20


async def test_two_people_racing_for_one_invitation_exactly_one_wins(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson
) -> None:
    created = await create_invitation(db, owner, Role.MANAGER, shop_id=shop_id)
    racers = [await new_person() for _ in range(4)]

    results = await asyncio.gather(
        *(accept_invitation(db, created.token, racer, via=BotRole.SELLER) for racer in racers),
        return_exceptions=True,
    )

    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(r, InvitationUsed) for r in losers), losers
    staff = await list_shop_staff(db, owner, shop_id)
    assert [m.telegram_id for m in staff if m.role is Role.MANAGER] == [winners[0].telegram_id]


async def test_a_used_invitation_cannot_be_used_again(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    first, second = await new_person(), await new_person()
    await accept_invitation(db, created.token, first, via=BotRole.SELLER)
    for person in (first, second):
        with pytest.raises(InvitationUsed) as caught:
            await accept_invitation(db, created.token, person, via=BotRole.SELLER)
        assert caught.value.code == "invitation_used"


async def test_an_invitation_expires(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, clock: FrozenClock
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id,
                                      ttl=timedelta(hours=2))
    person = await new_person()
    clock.advance(timedelta(hours=2))
    with pytest.raises(InvitationExpired):
        await accept_invitation(db, created.token, person, via=BotRole.SELLER)
    [listed] = await list_invitations(db, owner, shop_id=shop_id)
    assert listed.status is InvitationStatus.EXPIRED


async def test_just_before_expiry_it_still_works(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, clock: FrozenClock
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    clock.advance(DEFAULT_INVITATION_TTL - timedelta(seconds=1))
    accepted = await accept_invitation(db, created.token, await new_person(), via=BotRole.SELLER)
    assert accepted.role is Role.PICKER


async def test_a_revoked_invitation_is_refused_and_revoking_is_idempotent(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, clock: FrozenClock
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    revoked = await revoke_invitation(db, owner, created.invitation.id)
    assert (revoked.status, revoked.revoked_at) == (InvitationStatus.REVOKED, clock.now())
    again = await revoke_invitation(db, owner, created.invitation.id)
    assert again.revoked_at == revoked.revoked_at
    with pytest.raises(InvitationRevoked):
        await accept_invitation(db, created.token, await new_person(), via=BotRole.SELLER)


async def test_a_used_invitation_cannot_be_revoked_but_the_access_can(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    picker = await new_person()
    await accept_invitation(db, created.token, picker, via=BotRole.SELLER)
    with pytest.raises(InvitationUsed):
        await revoke_invitation(db, owner, created.invitation.id)
    await remove_staff(db, owner, shop_id, picker)
    assert (await actor_of(picker)).role_in(shop_id) is None


@pytest.mark.parametrize(("role", "right", "wrong"), [
    (Role.PICKER, BotRole.SELLER, BotRole.COURIER),
    (Role.OWNER, BotRole.SELLER, BotRole.CUSTOMER),
    (Role.COURIER, BotRole.COURIER, BotRole.SELLER),
])
async def test_an_invitation_opened_in_the_wrong_bot_is_refused_and_stays_usable(
    db: Database, admin: Actor, shop_id: uuid.UUID, new_person: NewPerson,
    role: Role, right: BotRole, wrong: BotRole,
) -> None:
    shop = None if role is Role.COURIER else shop_id
    created = await create_invitation(db, admin, role, shop_id=shop)
    person = await new_person()
    with pytest.raises(InvitationWrongBot) as caught:
        await accept_invitation(db, created.token, person, via=wrong)
    assert caught.value.params == {"bot": right.value}
    accepted = await accept_invitation(db, created.token, person, via=right)
    assert accepted.role is role


@pytest.mark.parametrize("token", ["", "short", "inv_", "x" * 65, "bad token with spaces!!",
                                   "AAAAAAAAAAAAAAAAAAAAAAAA"])
async def test_unknown_or_malformed_tokens_are_not_found(
    db: Database, new_person: NewPerson, token: str
) -> None:
    with pytest.raises(InvitationNotFound):
        await accept_invitation(db, token, await new_person(), via=BotRole.SELLER)


async def test_someone_already_on_the_staff_keeps_the_link_unused(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    with pytest.raises(AlreadyHasRole) as caught:
        await accept_invitation(db, created.token, owner.telegram_id, via=BotRole.SELLER)
    assert caught.value.params == {"role": "owner"}
    accepted = await accept_invitation(db, created.token, await new_person(), via=BotRole.SELLER)
    assert accepted.invitation_id == created.invitation.id


async def test_an_admin_invites_a_courier(
    db: Database, admin: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    created = await create_invitation(db, admin, Role.COURIER, label=None)
    assert created.invitation.bot is BotRole.COURIER
    courier = await new_person()
    accepted = await accept_invitation(db, created.token, courier, via=BotRole.COURIER)
    assert (accepted.role, accepted.shop_id) == (Role.COURIER, None)
    assert (await actor_of(courier)).has(Role.COURIER)
    [listed] = [i for i in await list_invitations(db, admin) if i.id == created.invitation.id]
    assert listed.status is InvitationStatus.ACCEPTED

    again = await create_invitation(db, admin, Role.COURIER)
    with pytest.raises(AlreadyHasRole):
        await accept_invitation(db, again.token, courier, via=BotRole.COURIER)


async def test_accepting_publishes_events(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    picker = await new_person()
    await accept_invitation(db, created.token, picker, via=BotRole.SELLER)
    async with db.sessionmaker() as session:
        rows = (await session.scalars(select(OutboxEvent).where(
            OutboxEvent.name.in_(["auth.invitation_accepted", "auth.staff_joined"])))).all()
    mine = {row.name: row.payload for row in rows if row.payload["telegram_id"] == picker}
    assert mine["auth.invitation_accepted"] == {
        "invitation_id": str(created.invitation.id), "telegram_id": picker, "role": "picker",
        "shop_id": str(shop_id), "invited_by": owner.telegram_id}
    assert mine["auth.staff_joined"]["role"] == "picker"


# -- who may invite --------------------------------------------------------------------------


async def _staff(db: Database, owner: Actor, shop_id: uuid.UUID, person: int, role: Role) -> None:
    created = await create_invitation(db, owner, role, shop_id=shop_id)
    await accept_invitation(db, created.token, person, via=BotRole.SELLER)


@pytest.mark.parametrize(("inviter_role", "role", "allowed"), [
    (Role.OWNER, Role.OWNER, True),
    (Role.OWNER, Role.MANAGER, True),
    (Role.OWNER, Role.PICKER, True),
    (Role.MANAGER, Role.PICKER, True),
    (Role.MANAGER, Role.MANAGER, False),
    (Role.MANAGER, Role.OWNER, False),
    (Role.PICKER, Role.PICKER, False),
])
async def test_who_may_invite_whom_into_a_shop(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf,
    inviter_role: Role, role: Role, allowed: bool,
) -> None:
    inviter = owner
    if inviter_role is not Role.OWNER:
        person = await new_person()
        await _staff(db, owner, shop_id, person, inviter_role)
        inviter = await actor_of(person)
    if allowed:
        created = await create_invitation(db, inviter, role, shop_id=shop_id)
        assert created.invitation.created_by == inviter.telegram_id
    else:
        with pytest.raises(PermissionDenied):
            await create_invitation(db, inviter, role, shop_id=shop_id)


async def test_nobody_invites_into_someone_elses_shop(
    db: Database, owner: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    with pytest.raises(PermissionDenied):
        await create_invitation(db, owner, Role.PICKER, shop_id=uuid.uuid4())


async def test_staff_cannot_revoke_or_list_another_shops_invitations(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    stranger = await new_person()
    await register_shop_owner(db, uuid.uuid4(), stranger)
    stranger_actor = await actor_of(stranger)
    with pytest.raises(PermissionDenied):
        await revoke_invitation(db, stranger_actor, created.invitation.id)
    with pytest.raises(PermissionDenied):
        await list_invitations(db, stranger_actor, shop_id=shop_id)


@pytest.mark.parametrize("granted", [None, Role.COURIER, Role.SUPPORT])
async def test_only_admins_invite_couriers(
    db: Database, admin: Actor, owner: Actor, new_person: NewPerson, actor_of: ActorOf,
    granted: Role | None,
) -> None:
    person = await new_person()
    if granted is not None:
        await grant_role(db, admin, person, granted)
    for who in (await actor_of(person), owner):
        with pytest.raises(PermissionDenied):
            await create_invitation(db, who, Role.COURIER)
        with pytest.raises(PermissionDenied):
            await list_invitations(db, who)


@pytest.mark.parametrize(("role", "shop"), [
    (Role.PICKER, False), (Role.COURIER, True), (Role.ADMIN, False), (Role.SUPPORT, False),
    (Role.CUSTOMER, False),
])
async def test_invitations_are_for_staff_with_a_shop_or_couriers_without(
    db: Database, admin: Actor, role: Role, shop: bool
) -> None:
    with pytest.raises(RoleNotAllowed):
        await create_invitation(db, admin, role, shop_id=uuid.uuid4() if shop else None)


@pytest.mark.parametrize("ttl", [timedelta(minutes=5), timedelta(days=31), timedelta(0)])
async def test_the_lifetime_is_bounded(
    db: Database, owner: Actor, shop_id: uuid.UUID, ttl: timedelta
) -> None:
    with pytest.raises(InvitationTtlOutOfRange):
        await create_invitation(db, owner, Role.PICKER, shop_id=shop_id, ttl=ttl)


async def test_an_invitee_must_be_known(db: Database, owner: Actor, shop_id: uuid.UUID) -> None:
    created = await create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    with pytest.raises(UserNotFound):
        await accept_invitation(db, created.token, 7_199_999_003, via=BotRole.SELLER)
