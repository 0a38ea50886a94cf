"""Reading and writing users rows, shared by the auth commands."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert

from core.auth._models import User
from core.auth.errors import UserNotFound
from core.auth.schemas import TelegramProfile, UserOut
from core.shared.uow import Transaction


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
