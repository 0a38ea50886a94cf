"""auth commands and queries."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert

from core.auth._models import User
from core.auth.errors import UnsupportedLanguage, UserNotFound
from core.auth.schemas import TelegramProfile, UserOut
from core.shared.i18n import LANGUAGES
from core.shared.uow import Transaction, command

__all__ = ["get_user", "remember_user", "set_language"]


def _out(user: User) -> UserOut:
    return UserOut(
        telegram_id=user.telegram_id,
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        language=user.language,
        created_at=user.created_at,
        last_seen_at=user.last_seen_at,
    )


@command
async def remember_user(tx: Transaction, profile: TelegramProfile) -> UserOut:
    """Record or refresh a Telegram user; a language they chose is kept."""
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
    return _out(user)


@command
async def set_language(tx: Transaction, telegram_id: int, language: str) -> UserOut:
    """Store the user's chosen interface language (``ru`` or ``en``)."""
    if language not in LANGUAGES:
        raise UnsupportedLanguage(
            f"language must be one of {', '.join(LANGUAGES)}", language=language
        )
    statement = (
        update(User)
        .where(User.telegram_id == telegram_id)
        .values(language=language)
        .returning(User)
    )
    user = (
        await tx.session.scalars(statement, execution_options={"populate_existing": True})
    ).one_or_none()
    if user is None:
        raise UserNotFound(telegram_id=telegram_id)
    return _out(user)


@command
async def get_user(tx: Transaction, telegram_id: int) -> UserOut | None:
    """The user with this Telegram id, if they have ever talked to a bot."""
    user = await tx.session.get(User, telegram_id)
    return _out(user) if user is not None else None
