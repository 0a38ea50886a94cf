"""Platform roles and shop staff on real PostgreSQL: granting, listing, changing, removing, and the
guards that keep a shop an owner and the platform an admin."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from auth_people import ActorOf, NewPerson
from sqlalchemy import delete, select

from core.auth._models import UserRole
from core.auth.api import (
    accept_invitation,
    change_staff_role,
    create_invitation,
    ensure_admins,
    grant_role,
    list_roles,
    list_shop_staff,
    load_actor,
    register_shop_owner,
    remove_staff,
    revoke_role,
)
from core.auth.errors import (
    AlreadyHasRole,
    LastAdmin,
    LastOwner,
    PermissionDenied,
    RoleNotAllowed,
    RoleNotHeld,
    StaffMemberNotFound,
    UserNotFound,
)
from core.auth.policy import Actor, Role
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database, Transaction


async def _join(db: Database, owner: Actor, shop_id: uuid.UUID, telegram_id: int,
                role: Role) -> None:
    """Put someone on a shop's staff the way it really happens: through an invitation."""
    created = await create_invitation(db, owner, role, shop_id=shop_id)
    await accept_invitation(db, created.token, telegram_id, via=BotRole.SELLER)


async def _events(db: Database, name: str) -> list[dict[str, object]]:
    async with db.sessionmaker() as session:
        rows = (await session.scalars(select(OutboxEvent).where(OutboxEvent.name == name))).all()
    return [row.payload for row in rows]


async def test_everyone_is_a_customer(db: Database, new_person: NewPerson,
                                      actor_of: ActorOf) -> None:
    person = await actor_of(await new_person())
    roles = await list_roles(db, person, person.telegram_id)
    assert roles.roles == (Role.CUSTOMER,)
    assert roles.shops == ()
    assert person.roles == {Role.CUSTOMER}


async def test_admins_from_the_settings_are_made_once(
    db: Database, new_person: NewPerson, actor_of: ActorOf
) -> None:
    first, second = await new_person(), await new_person()
    assert await ensure_admins(db, [second, first, first]) == sorted([first, second])
    assert await ensure_admins(db, [first, second]) == []
    assert (await actor_of(first)).has(Role.ADMIN)
    granted = [p for p in await _events(db, "auth.role_granted") if p["telegram_id"] == first]
    assert granted == [{"telegram_id": first, "role": "admin", "granted_by": None}]


async def test_admins_can_be_named_before_they_ever_write(db: Database) -> None:
    never_seen = 7_199_999_001
    await ensure_admins(db, [never_seen])
    assert (await load_actor(db, never_seen)).has(Role.ADMIN)


@pytest.mark.parametrize("role", [Role.COURIER, Role.SUPPORT, Role.ADMIN])
async def test_an_admin_grants_and_revokes_platform_roles(
    db: Database, admin: Actor, new_person: NewPerson, actor_of: ActorOf, role: Role
) -> None:
    person = await new_person()
    roles = await grant_role(db, admin, person, role)
    assert roles.roles == (Role.CUSTOMER, role)
    assert (await actor_of(person)).has(role)
    with pytest.raises(AlreadyHasRole):
        await grant_role(db, admin, person, role)

    roles = await revoke_role(db, admin, person, role)
    assert roles.roles == (Role.CUSTOMER,)
    assert not (await actor_of(person)).has(role)
    with pytest.raises(RoleNotHeld):
        await revoke_role(db, admin, person, role)


@pytest.mark.parametrize("granter_role", [None, Role.COURIER, Role.SUPPORT])
@pytest.mark.parametrize("role", [Role.COURIER, Role.SUPPORT, Role.ADMIN])
async def test_only_admins_grant_platform_roles(
    db: Database, admin: Actor, new_person: NewPerson, actor_of: ActorOf,
    granter_role: Role | None, role: Role,
) -> None:
    granter = await new_person()
    if granter_role is not None:
        await grant_role(db, admin, granter, granter_role)
    person = await new_person()
    with pytest.raises(PermissionDenied):
        await grant_role(db, await actor_of(granter), person, role)
    await grant_role(db, admin, person, role)
    with pytest.raises(PermissionDenied):
        await revoke_role(db, await actor_of(granter), person, role)


@pytest.mark.parametrize("role", [Role.CUSTOMER, Role.OWNER, Role.PICKER])
async def test_staff_and_customer_are_not_platform_grants(
    db: Database, admin: Actor, new_person: NewPerson, role: Role
) -> None:
    with pytest.raises(RoleNotAllowed):
        await grant_role(db, admin, await new_person(), role)


async def test_granting_to_an_unknown_person_fails(db: Database, admin: Actor) -> None:
    with pytest.raises(UserNotFound):
        await grant_role(db, admin, 7_199_999_002, Role.SUPPORT)


async def test_the_last_admin_stays(db: Database, admin: Actor) -> None:
    class Rollback(Exception):
        pass

    async def alone(tx: Transaction) -> None:
        # Every other admin of this shared test database is removed, inside a transaction that
        # is rolled back afterwards; the command joins it and sees one admin left.
        await tx.session.execute(delete(UserRole).where(UserRole.role == "admin",
                                                        UserRole.telegram_id != admin.telegram_id))
        with pytest.raises(LastAdmin):
            await revoke_role(tx.db, admin, admin.telegram_id, Role.ADMIN)
        raise Rollback

    with pytest.raises(Rollback):
        await db.run(alone)
    assert (await load_actor(db, admin.telegram_id)).has(Role.ADMIN)


async def test_an_admin_may_step_down_while_another_remains(
    db: Database, admin: Actor, new_person: NewPerson, actor_of: ActorOf
) -> None:
    other = await new_person()
    await grant_role(db, admin, other, Role.ADMIN)
    await revoke_role(db, admin, admin.telegram_id, Role.ADMIN)
    assert not (await actor_of(admin.telegram_id)).has(Role.ADMIN)


async def test_a_shop_owner_is_registered_and_listed(
    db: Database, owner: Actor, shop_id: uuid.UUID, clock: FrozenClock
) -> None:
    assert owner.role_in(shop_id) is Role.OWNER
    [member] = await list_shop_staff(db, owner, shop_id)
    assert (member.telegram_id, member.role, member.first_name) == (owner.telegram_id,
                                                                    Role.OWNER, "Ольга")
    assert member.joined_at == clock.now()
    assert member.invited_by is None
    roles = await list_roles(db, owner, owner.telegram_id)
    assert [(s.shop_id, s.role) for s in roles.shops] == [(shop_id, Role.OWNER)]


async def test_registering_an_owner_twice_is_refused(
    db: Database, owner: Actor, shop_id: uuid.UUID
) -> None:
    with pytest.raises(AlreadyHasRole) as caught:
        await register_shop_owner(db, shop_id, owner.telegram_id)
    assert caught.value.params == {"role": "owner"}


async def test_staff_list_is_ordered_by_seniority_and_shows_who_invited(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, clock: FrozenClock
) -> None:
    picker, manager = await new_person("Пётр"), await new_person("Мария")
    await _join(db, owner, shop_id, picker, Role.PICKER)
    clock.advance(timedelta(minutes=5))
    await _join(db, owner, shop_id, manager, Role.MANAGER)

    staff = await list_shop_staff(db, owner, shop_id)

    assert [(m.first_name, m.role) for m in staff] == [
        ("Ольга", Role.OWNER), ("Мария", Role.MANAGER), ("Пётр", Role.PICKER)]
    assert {m.invited_by for m in staff[1:]} == {owner.telegram_id}
    assert staff[1].joined_at == staff[2].joined_at + timedelta(minutes=5)


async def test_the_owner_changes_roles_and_the_manager_cannot(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    picker, manager = await new_person(), await new_person()
    await _join(db, owner, shop_id, picker, Role.PICKER)
    await _join(db, owner, shop_id, manager, Role.MANAGER)
    manager_actor = await actor_of(manager)

    with pytest.raises(PermissionDenied):
        await change_staff_role(db, manager_actor, shop_id, picker, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        await change_staff_role(db, manager_actor, shop_id, manager, Role.OWNER)

    changed = await change_staff_role(db, owner, shop_id, picker, Role.MANAGER)
    assert changed.role is Role.MANAGER
    assert (await actor_of(picker)).role_in(shop_id) is Role.MANAGER
    assert [p for p in await _events(db, "auth.staff_role_changed")
            if p["telegram_id"] == picker] == [{
                "shop_id": str(shop_id), "telegram_id": picker, "old_role": "picker",
                "new_role": "manager", "changed_by": owner.telegram_id}]
    unchanged = await change_staff_role(db, owner, shop_id, picker, Role.MANAGER)
    assert unchanged.role is Role.MANAGER


async def test_staff_of_another_shop_cannot_manage_this_one(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    other_shop = uuid.uuid4()
    stranger = await new_person()
    await register_shop_owner(db, other_shop, stranger)
    stranger_actor = await actor_of(stranger)
    with pytest.raises(PermissionDenied):
        await list_shop_staff(db, stranger_actor, shop_id)
    with pytest.raises(PermissionDenied):
        await remove_staff(db, stranger_actor, shop_id, owner.telegram_id)
    with pytest.raises(PermissionDenied):
        await change_staff_role(db, stranger_actor, shop_id, owner.telegram_id, Role.PICKER)


async def test_a_manager_removes_pickers_but_not_managers(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    picker, manager, other_manager = await new_person(), await new_person(), await new_person()
    for person, role in ((picker, Role.PICKER), (manager, Role.MANAGER),
                         (other_manager, Role.MANAGER)):
        await _join(db, owner, shop_id, person, role)
    manager_actor = await actor_of(manager)

    with pytest.raises(PermissionDenied):
        await remove_staff(db, manager_actor, shop_id, other_manager)
    await remove_staff(db, manager_actor, shop_id, picker)

    assert (await actor_of(picker)).role_in(shop_id) is None
    assert [p["telegram_id"] for p in await _events(db, "auth.staff_removed")
            if p["shop_id"] == str(shop_id)] == [picker]
    with pytest.raises(StaffMemberNotFound):
        await remove_staff(db, owner, shop_id, picker)


async def test_a_picker_cannot_remove_anyone_but_may_leave(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    picker, other = await new_person(), await new_person()
    await _join(db, owner, shop_id, picker, Role.PICKER)
    await _join(db, owner, shop_id, other, Role.PICKER)
    picker_actor = await actor_of(picker)
    with pytest.raises(PermissionDenied):
        await remove_staff(db, picker_actor, shop_id, other)
    await remove_staff(db, picker_actor, shop_id, picker)
    assert (await actor_of(picker)).role_in(shop_id) is None


async def test_the_last_owner_can_neither_leave_nor_be_demoted(
    db: Database, owner: Actor, shop_id: uuid.UUID, admin: Actor, new_person: NewPerson
) -> None:
    with pytest.raises(LastOwner):
        await remove_staff(db, owner, shop_id, owner.telegram_id)
    with pytest.raises(LastOwner):
        await change_staff_role(db, admin, shop_id, owner.telegram_id, Role.MANAGER)
    partner = await new_person()
    await _join(db, owner, shop_id, partner, Role.OWNER)
    await remove_staff(db, owner, shop_id, owner.telegram_id)
    staff = await list_shop_staff(db, admin, shop_id)
    assert [(m.telegram_id, m.role) for m in staff] == [(partner, Role.OWNER)]


async def test_two_owners_removing_each_other_at_once_leave_one(
    db: Database, owner: Actor, shop_id: uuid.UUID, new_person: NewPerson, actor_of: ActorOf
) -> None:
    partner = await new_person()
    await _join(db, owner, shop_id, partner, Role.OWNER)
    partner_actor = await actor_of(partner)

    results = await asyncio.gather(
        remove_staff(db, owner, shop_id, partner),
        remove_staff(db, partner_actor, shop_id, owner.telegram_id),
        return_exceptions=True,
    )

    assert sorted(type(r).__name__ for r in results) == ["LastOwner", "NoneType"]
    admin_view = Actor(0, platform_roles=frozenset({Role.ADMIN}))
    assert len(await list_shop_staff(db, admin_view, shop_id)) == 1


async def test_staff_roles_only(db: Database, owner: Actor, shop_id: uuid.UUID) -> None:
    with pytest.raises(RoleNotAllowed):
        await change_staff_role(db, owner, shop_id, owner.telegram_id, Role.COURIER)
