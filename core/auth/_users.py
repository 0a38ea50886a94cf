"""Reading and writing users rows, shared by the auth commands."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import BigInteger, Table, bindparam, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert

from core.auth._models import ShopStaff, User, UserRole
from core.auth._roles import actor_for
from core.auth.errors import UserNotFound
from core.auth.policy import Actor, Role
from core.auth.schemas import SeenUser, TelegramProfile, UserOut
from core.shared.config import BotRole
from core.shared.uow import Transaction

# When a person was last seen matters to the minute at most, and their Telegram profile seldom
# changes: while both hold, an update from them only reads their row. Rewriting it on every
# update cost a row version and a WAL flush at commit per update.
SEEN_REFRESH = timedelta(minutes=5)


def user_out(user: User) -> UserOut:
    return UserOut(
        telegram_id=user.telegram_id,
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        language=user.language,
        created_at=user.created_at,
        last_seen_at=user.last_seen_at,
    )


async def upsert_user(
    tx: Transaction, profile: TelegramProfile, *, refresh: bool = True
) -> UserOut:
    """Insert the user, or refresh their Telegram profile (``refresh``) or leave it be."""
    now = tx.clock.now()
    # One statement, so two updates from the same new user racing each other both succeed.
    values = insert(User).values(
        telegram_id=profile.telegram_id,
        first_name=profile.first_name,
        last_name=profile.last_name,
        username=profile.username,
        created_at=now,
        last_seen_at=now,
    )
    if refresh:
        statement = values.on_conflict_do_update(
            index_elements=[User.telegram_id],
            set_={
                "first_name": values.excluded.first_name,
                "last_name": values.excluded.last_name,
                "username": values.excluded.username,
                "last_seen_at": values.excluded.last_seen_at,
            },
        ).returning(User)
        user = (
            await tx.session.scalars(statement, execution_options={"populate_existing": True})
        ).one()
        return user_out(user)
    known = await tx.session.get(User, profile.telegram_id)
    if known is None:
        await tx.session.execute(values.on_conflict_do_nothing(index_elements=[User.telegram_id]))
        known = await tx.session.get(User, profile.telegram_id, populate_existing=True)
    if known is None:  # inserted just now or by a racing request; gone only if deleted since
        raise UserNotFound(telegram_id=profile.telegram_id)
    return user_out(known)


# The user and every role they hold, in one statement built once (it runs on every update).
_USERS = cast(Table, User.__table__)
_ROLES = cast(Table, UserRole.__table__)
_STAFF = cast(Table, ShopStaff.__table__)
_WHO = bindparam("telegram_id", type_=BigInteger())
_USER_WITH_ROLES = select(
    *_USERS.c,
    select(func.array_agg(_ROLES.c.role)).where(_ROLES.c.telegram_id == _WHO)
    .scalar_subquery().label("platform_roles"),
    select(func.array_agg(aggregate_order_by(_STAFF.c.shop_id, _STAFF.c.shop_id)))
    .where(_STAFF.c.telegram_id == _WHO).scalar_subquery().label("staff_shops"),
    select(func.array_agg(aggregate_order_by(_STAFF.c.role, _STAFF.c.shop_id)))
    .where(_STAFF.c.telegram_id == _WHO).scalar_subquery().label("staff_roles"),
).where(_USERS.c.telegram_id == _WHO)


def _stale(stored: tuple[Any, ...], last_seen_at: datetime, profile: TelegramProfile,
           now: datetime) -> bool:
    """Whether the stored row needs rewriting: another profile, or last seen long ago (or in
    the future, when a test's clock went back)."""
    if stored != (profile.first_name, profile.last_name, profile.username):
        return True
    return not timedelta(0) <= now - last_seen_at < SEEN_REFRESH


async def see_user(tx: Transaction, profile: TelegramProfile, via: BotRole | None) -> SeenUser:
    """The person behind an update with the roles they hold now: one read while their row is
    current, the upsert of ``remember_user`` when it is not (or they are new)."""
    row = (await tx.session.execute(_USER_WITH_ROLES, {"telegram_id": profile.telegram_id})).first()
    if row is None or _stale(
        (row.first_name, row.last_name, row.username), row.last_seen_at, profile, tx.clock.now()
    ):
        user = await upsert_user(tx, profile)
        if row is None:  # new here, yet roles may wait for them (admins from the settings)
            return SeenUser(user, await actor_for(tx, profile.telegram_id, via))
    else:
        user = UserOut(
            telegram_id=row.telegram_id,
            first_name=row.first_name,
            last_name=row.last_name,
            username=row.username,
            language=row.language,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
        )
    actor = Actor(
        telegram_id=profile.telegram_id,
        platform_roles=frozenset(Role(role) for role in row.platform_roles or ()),
        shops={
            shop_id: Role(role)
            for shop_id, role in zip(row.staff_shops or (), row.staff_roles or (), strict=True)
        },
        via=via,
    )
    return SeenUser(user, actor)
