"""auth commands and queries.

Who may do what is decided in ``core.auth.policy``; the commands here that act for a person take
their ``Actor`` and check it there. ``register_shop_owner`` and ``ensure_admins`` take none: they
are for the business module creating a shop for its applicant and for start-up, not for adapters
to call on a person's say-so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from uuid import UUID

from redis.asyncio import Redis
from sqlalchemy import select, update

from core.auth import _invitations, _roles
from core.auth._init_data import verify_init_data
from core.auth._invitations import BOT_FOR_ROLE
from core.auth._invitations import DEFAULT_TTL as DEFAULT_INVITATION_TTL
from core.auth._invitations import TOKEN_PREFIX as INVITATION_PREFIX
from core.auth._models import User
from core.auth._sessions import DEFAULT_TTL as DEFAULT_SESSION_TTL
from core.auth._sessions import close_session, open_session, resolve_session
from core.auth._users import SEEN_REFRESH, see_user, upsert_user, user_out
from core.auth.errors import SessionInvalid, UnsupportedLanguage, UserNotFound
from core.auth.policy import Actor, Role
from core.auth.schemas import (
    InvitationAccepted,
    InvitationCreated,
    InvitationOut,
    RolesOut,
    SeenUser,
    SessionOut,
    SignedIn,
    StaffMemberOut,
    TelegramProfile,
    UserOut,
)
from core.shared.config import BotRole
from core.shared.i18n import LANGUAGES
from core.shared.uow import Database, Transaction, command

__all__ = [
    "BOT_FOR_ROLE",
    "DEFAULT_INVITATION_TTL",
    "DEFAULT_SESSION_TTL",
    "INVITATION_PREFIX",
    "SEEN_REFRESH",
    "accept_invitation",
    "anonymise_user",
    "change_staff_role",
    "close_session",
    "create_invitation",
    "ensure_admins",
    "get_user",
    "grant_role",
    "known_user_ids",
    "list_invitations",
    "list_roles",
    "list_shop_staff",
    "load_actor",
    "open_session",
    "register_shop_owner",
    "remember_user",
    "remove_staff",
    "resolve_session",
    "revoke_invitation",
    "revoke_role",
    "set_language",
    "shop_staff_ids",
    "sign_in_web_app",
    "sign_in_with_session",
    "user_seen",
    "verify_init_data",
]


# -- users -----------------------------------------------------------------------------------


@command
async def remember_user(tx: Transaction, profile: TelegramProfile) -> UserOut:
    """Record or refresh a Telegram user; a language they chose is kept."""
    return await upsert_user(tx, profile)


@command
async def user_seen(
    tx: Transaction, profile: TelegramProfile, *, via: BotRole | None = None
) -> SeenUser:
    """A person wrote to a bot (``via``): their record, refreshed only when their Telegram
    profile changed or they were last seen over ``SEEN_REFRESH`` ago, and the roles they hold
    right now, read together (what every bot update starts with)."""
    return await see_user(tx, profile, via)


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
    return user_out(user)


@command
async def get_user(tx: Transaction, telegram_id: int) -> UserOut | None:
    """The user with this Telegram id, if they have ever talked to a bot."""
    user = await tx.session.get(User, telegram_id)
    return user_out(user) if user is not None else None


@command
async def anonymise_user(tx: Transaction, telegram_id: int) -> UserOut:
    """Blank the person's names, username and language, keeping the row for what points at it."""
    statement = (
        update(User)
        .where(User.telegram_id == telegram_id)
        .values(first_name="", last_name=None, username=None, language=None)
        .returning(User)
    )
    user = (
        await tx.session.scalars(statement, execution_options={"populate_existing": True})
    ).one_or_none()
    if user is None:
        raise UserNotFound(telegram_id=telegram_id)
    return user_out(user)


# -- actors and roles ------------------------------------------------------------------------


@command
async def load_actor(tx: Transaction, telegram_id: int, *, via: BotRole | None = None) -> Actor:
    """The person with every role they hold now, for ``core.auth.policy`` checks."""
    return await _roles.actor_for(tx, telegram_id, via)


@command
async def ensure_admins(tx: Transaction, telegram_ids: Iterable[int]) -> list[int]:
    """Make these Telegram ids admins (FRUKTGO_ADMIN_IDS at start-up); returns the new ones."""
    return await _roles.ensure_admins(tx, telegram_ids)


@command
async def holders_of(tx: Transaction, role: Role) -> list[int]:
    """Telegram ids of everyone holding a platform role (for system notifications)."""
    return await _roles.holders_of(tx, role)


@command
async def grant_role(tx: Transaction, actor: Actor, telegram_id: int, role: Role) -> RolesOut:
    """Make a known person a courier, support agent or admin (admins do this)."""
    return await _roles.grant_role(tx, actor, telegram_id, role)


@command
async def revoke_role(tx: Transaction, actor: Actor, telegram_id: int, role: Role) -> RolesOut:
    """Take a platform role back; the last admin stays."""
    return await _roles.revoke_role(tx, actor, telegram_id, role)


@command
async def list_roles(tx: Transaction, actor: Actor, telegram_id: int) -> RolesOut:
    """A person's roles and shops (their own, or anyone's for support and admins)."""
    return await _roles.list_roles(tx, actor, telegram_id)


# -- shop staff ------------------------------------------------------------------------------


@command
async def register_shop_owner(tx: Transaction, shop_id: UUID, telegram_id: int) -> StaffMemberOut:
    """Make a person the first owner of a shop the business module is creating for them."""
    return await _roles.register_shop_owner(tx, shop_id, telegram_id)


@command
async def list_shop_staff(tx: Transaction, actor: Actor, shop_id: UUID) -> list[StaffMemberOut]:
    """A shop's staff, owners first, with who invited them and when they joined."""
    return await _roles.list_shop_staff(tx, actor, shop_id)


@command
async def shop_staff_ids(tx: Transaction, shop_id: UUID, roles: Iterable[Role]) -> list[int]:
    """Telegram ids of a shop's staff holding one of ``roles`` (for system notifications)."""
    return await _roles.staff_ids(tx, shop_id, roles)


@command
async def change_staff_role(
    tx: Transaction, actor: Actor, shop_id: UUID, telegram_id: int, role: Role
) -> StaffMemberOut:
    """Give a staff member another role in the shop; the last owner stays an owner."""
    return await _roles.change_staff_role(tx, actor, shop_id, telegram_id, role)


@command
async def remove_staff(tx: Transaction, actor: Actor, shop_id: UUID, telegram_id: int) -> None:
    """Take a person's access to a shop away (or leave it oneself); the last owner stays."""
    await _roles.remove_staff(tx, actor, shop_id, telegram_id)


# -- invitations -----------------------------------------------------------------------------


@command
async def create_invitation(
    tx: Transaction,
    actor: Actor,
    role: Role,
    *,
    shop_id: UUID | None = None,
    label: str | None = None,
    ttl: timedelta | None = None,
) -> InvitationCreated:
    """A single-use link into a role: staff of a shop (owners; managers for pickers) or courier
    (admins). Expires after ``ttl`` (72 hours by default)."""
    return await _invitations.create_invitation(tx, actor, role, shop_id=shop_id, label=label,
                                                ttl=ttl)


@command
async def accept_invitation(
    tx: Transaction, token: str, telegram_id: int, *, via: BotRole
) -> InvitationAccepted:
    """Take the role an invitation offers; ``via`` is the bot it was opened in."""
    return await _invitations.accept_invitation(tx, token, telegram_id, via=via)


@command
async def revoke_invitation(tx: Transaction, actor: Actor, invitation_id: UUID) -> InvitationOut:
    """Make an unused invitation unusable (idempotent)."""
    return await _invitations.revoke_invitation(tx, actor, invitation_id)


@command
async def list_invitations(
    tx: Transaction, actor: Actor, *, shop_id: UUID | None = None
) -> list[InvitationOut]:
    """A shop's invitations, or the courier invitations without ``shop_id``; newest first."""
    return await _invitations.list_invitations(tx, actor, shop_id=shop_id)


# -- Mini App sign-in ------------------------------------------------------------------------


@command
async def sign_in_web_app(
    tx: Transaction,
    init_data: str,
    *,
    bot_tokens: Mapping[BotRole, str],
    max_age: timedelta,
    refresh_profile: bool = False,
) -> SignedIn:
    """Verify Mini App initData and load the person behind it, recording them if new."""
    launch = verify_init_data(init_data, bot_tokens, now=tx.clock.now(), max_age=max_age)
    user = await upsert_user(tx, launch.user, refresh=refresh_profile)
    actor = await _roles.actor_for(tx, user.telegram_id, launch.bot)
    return SignedIn(user=user, actor=actor)


async def sign_in_with_session(db: Database, redis: Redis, token: str) -> SignedIn:
    """The person behind a live session token, with the roles they hold now."""
    session: SessionOut = await resolve_session(redis, db.clock, token)

    async def load(tx: Transaction) -> SignedIn:
        user = await tx.session.get(User, session.telegram_id)
        if user is None:
            raise SessionInvalid("the session's user no longer exists; sign in again")
        actor = await _roles.actor_for(tx, session.telegram_id, session.bot)
        return SignedIn(user=user_out(user), actor=actor)

    return await db.run(load)


@command
async def known_user_ids(tx: Transaction, *, after: int = 0, limit: int = 1000) -> list[int]:
    """Telegram ids of everyone who ever wrote to a bot, above ``after``, ascending."""
    rows = await tx.session.scalars(
        select(User.telegram_id)
        .where(User.telegram_id > after)
        .order_by(User.telegram_id)
        .limit(limit)
    )
    return list(rows)
