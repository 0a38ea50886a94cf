"""Platform roles, shop staff and the actor built from them."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert

from core.auth._models import ShopStaff, User, UserRole
from core.auth.errors import (
    AlreadyHasRole,
    LastAdmin,
    LastOwner,
    RoleNotAllowed,
    RoleNotHeld,
    StaffMemberNotFound,
    UserNotFound,
)
from core.auth.events import RoleGranted, RoleRevoked, StaffJoined, StaffRemoved, StaffRoleChanged
from core.auth.policy import (
    MANAGE_ROLE,
    PLATFORM_ROLES,
    STAFF_ROLES,
    Actor,
    Permission,
    Role,
    allows,
    require,
)
from core.auth.schemas import RolesOut, ShopRoleOut, StaffMemberOut
from core.shared.config import BotRole
from core.shared.uow import Transaction

_ROLE_ORDER = {role: index for index, role in enumerate(Role)}
# Any of these lets someone into a shop's staff management at all; which staff member they may
# touch is then decided by that member's role (MANAGE_ROLE).
_STAFF_MANAGEMENT = frozenset(MANAGE_ROLE[role] for role in STAFF_ROLES)


async def actor_for(tx: Transaction, telegram_id: int, via: BotRole | None = None) -> Actor:
    """The actor with the roles stored right now (two indexed reads)."""
    platform = await tx.session.scalars(
        select(UserRole.role).where(UserRole.telegram_id == telegram_id)
    )
    shops = await tx.session.execute(
        select(ShopStaff.shop_id, ShopStaff.role).where(ShopStaff.telegram_id == telegram_id)
    )
    return Actor(
        telegram_id=telegram_id,
        platform_roles=frozenset(Role(role) for role in platform),
        shops={shop_id: Role(role) for shop_id, role in shops},
        via=via,
    )


async def roles_of(tx: Transaction, telegram_id: int) -> RolesOut:
    actor = await actor_for(tx, telegram_id)
    return RolesOut(
        telegram_id=telegram_id,
        roles=tuple(sorted({Role.CUSTOMER, *actor.platform_roles}, key=_ROLE_ORDER.__getitem__)),
        shops=tuple(ShopRoleOut(shop_id, role) for shop_id, role in sorted(actor.shops.items())),
    )


async def require_user(tx: Transaction, telegram_id: int) -> User:
    user = await tx.session.get(User, telegram_id)
    if user is None:
        raise UserNotFound(telegram_id=telegram_id)
    return user


async def ensure_admins(tx: Transaction, telegram_ids: Iterable[int]) -> list[int]:
    ids = sorted(set(telegram_ids))
    if not ids:
        return []
    now = tx.clock.now()
    statement = (
        insert(UserRole)
        .values([{"telegram_id": telegram_id, "role": Role.ADMIN.value, "granted_at": now,
                  "granted_by": None} for telegram_id in ids])
        .on_conflict_do_nothing(index_elements=[UserRole.telegram_id, UserRole.role])
        .returning(UserRole.telegram_id)
    )
    made = sorted((await tx.session.scalars(statement)).all())
    for telegram_id in made:
        await tx.publish(RoleGranted(telegram_id=telegram_id, role=Role.ADMIN, granted_by=None))
    return made


async def holders_of(tx: Transaction, role: Role) -> list[int]:
    statement = (
        select(UserRole.telegram_id)
        .where(UserRole.role == _platform_role(role).value)
        .order_by(UserRole.telegram_id)
    )
    return list((await tx.session.scalars(statement)).all())


def _platform_role(role: Role) -> Role:
    if role not in PLATFORM_ROLES:
        raise RoleNotAllowed(f"{role.value} is not a platform role", role=role.value)
    return role


async def grant_role(tx: Transaction, actor: Actor, telegram_id: int, role: Role) -> RolesOut:
    require(actor, MANAGE_ROLE[_platform_role(role)])
    await require_user(tx, telegram_id)
    statement = (
        insert(UserRole)
        .values(telegram_id=telegram_id, role=role.value, granted_at=tx.clock.now(),
                granted_by=actor.telegram_id)
        .on_conflict_do_nothing(index_elements=[UserRole.telegram_id, UserRole.role])
        .returning(UserRole.role)
    )
    if (await tx.session.scalars(statement)).one_or_none() is None:
        raise AlreadyHasRole(f"already {role.value}", role=role.value)
    await tx.publish(RoleGranted(telegram_id=telegram_id, role=role, granted_by=actor.telegram_id))
    return await roles_of(tx, telegram_id)


async def revoke_role(tx: Transaction, actor: Actor, telegram_id: int, role: Role) -> RolesOut:
    require(actor, MANAGE_ROLE[_platform_role(role)])
    if role is Role.ADMIN:
        # Locked in id order so two admins revoking each other at once cannot both succeed.
        admins = (await tx.session.scalars(
            select(UserRole.telegram_id)
            .where(UserRole.role == Role.ADMIN.value)
            .order_by(UserRole.telegram_id)
            .with_for_update()
        )).all()
        if admins == [telegram_id]:
            raise LastAdmin("the platform must keep at least one admin")
    removed = (await tx.session.scalars(
        delete(UserRole)
        .where(UserRole.telegram_id == telegram_id, UserRole.role == role.value)
        .returning(UserRole.role)
    )).one_or_none()
    if removed is None:
        raise RoleNotHeld(f"not {role.value}", role=role.value)
    await tx.publish(RoleRevoked(telegram_id=telegram_id, role=role, revoked_by=actor.telegram_id))
    return await roles_of(tx, telegram_id)


async def list_roles(tx: Transaction, actor: Actor, telegram_id: int) -> RolesOut:
    require(actor, Permission.VIEW_PERSON, subject_id=telegram_id)
    return await roles_of(tx, telegram_id)


def _staff_out(member: ShopStaff, user: User) -> StaffMemberOut:
    return StaffMemberOut(
        shop_id=member.shop_id,
        telegram_id=member.telegram_id,
        role=Role(member.role),
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        joined_at=member.joined_at,
        invited_by=member.invited_by,
    )


async def _member(tx: Transaction, shop_id: UUID, telegram_id: int) -> StaffMemberOut:
    row = (await tx.session.execute(
        select(ShopStaff, User)
        .join(User, User.telegram_id == ShopStaff.telegram_id)
        .where(ShopStaff.shop_id == shop_id, ShopStaff.telegram_id == telegram_id)
        .execution_options(populate_existing=True)
    )).one_or_none()
    if row is None:
        raise StaffMemberNotFound(shop_id=shop_id, telegram_id=telegram_id)
    return _staff_out(*row)


async def add_staff(
    tx: Transaction,
    shop_id: UUID,
    telegram_id: int,
    role: Role,
    *,
    invited_by: int | None,
    invitation_id: UUID | None = None,
) -> StaffMemberOut:
    """Put a person on a shop's staff; one role per person and shop."""
    if role not in STAFF_ROLES:
        raise RoleNotAllowed(f"{role.value} is not a staff role", role=role.value)
    await require_user(tx, telegram_id)
    statement = (
        insert(ShopStaff)
        .values(shop_id=shop_id, telegram_id=telegram_id, role=role.value,
                joined_at=tx.clock.now(), invited_by=invited_by, invitation_id=invitation_id)
        .on_conflict_do_nothing(index_elements=[ShopStaff.shop_id, ShopStaff.telegram_id])
        .returning(ShopStaff.role)
    )
    if (await tx.session.scalars(statement)).one_or_none() is None:
        held = (await tx.session.scalars(
            select(ShopStaff.role).where(ShopStaff.shop_id == shop_id,
                                         ShopStaff.telegram_id == telegram_id)
        )).one()
        raise AlreadyHasRole(f"already {held} in this shop", role=held)
    await tx.publish(StaffJoined(shop_id=shop_id, telegram_id=telegram_id, role=role,
                                 invited_by=invited_by))
    return await _member(tx, shop_id, telegram_id)


async def register_shop_owner(tx: Transaction, shop_id: UUID, telegram_id: int) -> StaffMemberOut:
    return await add_staff(tx, shop_id, telegram_id, Role.OWNER, invited_by=None)


async def list_shop_staff(tx: Transaction, actor: Actor, shop_id: UUID) -> list[StaffMemberOut]:
    require(actor, Permission.VIEW_SHOP_STAFF, shop_id=shop_id)
    rows = (await tx.session.execute(
        select(ShopStaff, User)
        .join(User, User.telegram_id == ShopStaff.telegram_id)
        .where(ShopStaff.shop_id == shop_id)
    )).all()
    members = [_staff_out(member, user) for member, user in rows]
    return sorted(members, key=lambda m: (_ROLE_ORDER[m.role], m.joined_at, m.telegram_id))


async def staff_ids(tx: Transaction, shop_id: UUID, roles: Iterable[Role]) -> list[int]:
    statement = (
        select(ShopStaff.telegram_id)
        .where(ShopStaff.shop_id == shop_id, ShopStaff.role.in_([r.value for r in roles]))
        .order_by(ShopStaff.telegram_id)
    )
    return list((await tx.session.scalars(statement)).all())


def _require_staff_management(actor: Actor, shop_id: UUID) -> None:
    if not any(allows(actor, permission, shop_id=shop_id) for permission in _STAFF_MANAGEMENT):
        require(actor, Permission.MANAGE_SHOP_STAFF, shop_id=shop_id)  # raises, naming it


async def _lock_owners(tx: Transaction, shop_id: UUID) -> list[int]:
    # Every change that may leave a shop without an owner takes these locks first, in id order,
    # so two owners removing each other at once cannot both succeed.
    return list((await tx.session.scalars(
        select(ShopStaff.telegram_id)
        .where(ShopStaff.shop_id == shop_id, ShopStaff.role == Role.OWNER.value)
        .order_by(ShopStaff.telegram_id)
        .with_for_update()
    )).all())


async def _locked_member(tx: Transaction, shop_id: UUID, telegram_id: int) -> ShopStaff:
    member = (await tx.session.scalars(
        select(ShopStaff)
        .where(ShopStaff.shop_id == shop_id, ShopStaff.telegram_id == telegram_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )).one_or_none()
    if member is None:
        raise StaffMemberNotFound(shop_id=shop_id, telegram_id=telegram_id)
    return member


async def change_staff_role(
    tx: Transaction, actor: Actor, shop_id: UUID, telegram_id: int, role: Role
) -> StaffMemberOut:
    if role not in STAFF_ROLES:
        raise RoleNotAllowed(f"{role.value} is not a staff role", role=role.value)
    require(actor, MANAGE_ROLE[role], shop_id=shop_id)
    owners = await _lock_owners(tx, shop_id)
    member = await _locked_member(tx, shop_id, telegram_id)
    current = Role(member.role)
    require(actor, MANAGE_ROLE[current], shop_id=shop_id)
    if current is role:
        return await _member(tx, shop_id, telegram_id)
    if current is Role.OWNER and owners == [telegram_id]:
        raise LastOwner("a shop must keep at least one owner")
    await tx.session.execute(
        update(ShopStaff)
        .where(ShopStaff.shop_id == shop_id, ShopStaff.telegram_id == telegram_id)
        .values(role=role.value)
    )
    await tx.publish(StaffRoleChanged(shop_id=shop_id, telegram_id=telegram_id, old_role=current,
                                      new_role=role, changed_by=actor.telegram_id))
    return await _member(tx, shop_id, telegram_id)


async def remove_staff(tx: Transaction, actor: Actor, shop_id: UUID, telegram_id: int) -> None:
    leaving = telegram_id == actor.telegram_id
    if not leaving:
        _require_staff_management(actor, shop_id)
    owners = await _lock_owners(tx, shop_id)
    member = await _locked_member(tx, shop_id, telegram_id)
    current = Role(member.role)
    if not leaving:
        require(actor, MANAGE_ROLE[current], shop_id=shop_id)
    if current is Role.OWNER and owners == [telegram_id]:
        raise LastOwner("a shop must keep at least one owner")
    await tx.session.execute(
        delete(ShopStaff).where(ShopStaff.shop_id == shop_id, ShopStaff.telegram_id == telegram_id)
    )
    await tx.publish(StaffRemoved(shop_id=shop_id, telegram_id=telegram_id, role=current,
                                  removed_by=actor.telegram_id))
