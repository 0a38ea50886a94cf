"""Invitations: single-use, expiring deep links (``/start inv_<token>``) that grant a role.

Only a SHA-256 of the token is stored. Accepting is one conditional UPDATE (still unused, not
revoked, not expired, opened in the right bot), so of several people racing for one link exactly
one wins; the others find it used. Granting the role happens in the same transaction, and a person
who already has it rolls the acceptance back, leaving the link for someone else.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from uuid import UUID

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.dialects.postgresql import insert

from core.auth._models import Invitation, UserRole
from core.auth._roles import add_staff, require_user
from core.auth.errors import (
    AlreadyHasRole,
    InvitationExpired,
    InvitationNotFound,
    InvitationRevoked,
    InvitationTtlOutOfRange,
    InvitationUsed,
    InvitationWrongBot,
    RoleNotAllowed,
)
from core.auth.events import InvitationAccepted as InvitationAcceptedEvent
from core.auth.events import RoleGranted
from core.auth.policy import MANAGE_ROLE, Actor, Permission, Role, require
from core.auth.schemas import InvitationAccepted, InvitationCreated, InvitationOut, InvitationStatus
from core.shared.config import BotRole
from core.shared.errors import CoreError, ValidationFailed
from core.shared.uow import Transaction

TOKEN_PREFIX = "inv_"
DEFAULT_TTL = timedelta(hours=72)
MIN_TTL = timedelta(minutes=10)
MAX_TTL = timedelta(days=30)
LABEL_MAX_LENGTH = 200
LIST_LIMIT = 200

# Which bot accepts an invitation into each role: staff join in the seller bot, couriers in theirs.
BOT_FOR_ROLE: Mapping[Role, BotRole] = MappingProxyType({
    Role.COURIER: BotRole.COURIER,
    Role.OWNER: BotRole.SELLER,
    Role.MANAGER: BotRole.SELLER,
    Role.PICKER: BotRole.SELLER,
})
# 18 random bytes (144 bits) make 24 url-safe characters; with the prefix well inside Telegram's
# 64-character limit for a start parameter.
_TOKEN_BYTES = 18
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(_TOKEN_BYTES)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def status_of(invitation: Invitation, now: datetime) -> InvitationStatus:
    if invitation.accepted_at is not None:
        return InvitationStatus.ACCEPTED
    if invitation.revoked_at is not None:
        return InvitationStatus.REVOKED
    if invitation.expires_at <= now:
        return InvitationStatus.EXPIRED
    return InvitationStatus.PENDING


def _out(invitation: Invitation, now: datetime) -> InvitationOut:
    role = Role(invitation.role)
    return InvitationOut(
        id=invitation.id,
        role=role,
        shop_id=invitation.shop_id,
        label=invitation.label,
        bot=BOT_FOR_ROLE[role],
        status=status_of(invitation, now),
        created_by=invitation.created_by,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
        accepted_by=invitation.accepted_by,
        accepted_at=invitation.accepted_at,
        revoked_at=invitation.revoked_at,
    )


def _check_target(role: Role, shop_id: UUID | None) -> None:
    if role not in BOT_FOR_ROLE:
        raise RoleNotAllowed(f"no invitations for {role.value}", role=role.value)
    if role is Role.COURIER and shop_id is not None:
        raise RoleNotAllowed("courier invitations are not for a shop", role=role.value)
    if role is not Role.COURIER and shop_id is None:
        raise RoleNotAllowed(f"a {role.value} invitation needs a shop", role=role.value)


def _clean_label(label: str | None) -> str | None:
    if label is None or not label.strip():
        return None
    label = " ".join(label.split())
    if len(label) > LABEL_MAX_LENGTH:
        raise ValidationFailed(f"label: at most {LABEL_MAX_LENGTH} characters")
    return label


async def create_invitation(
    tx: Transaction,
    actor: Actor,
    role: Role,
    *,
    shop_id: UUID | None = None,
    label: str | None = None,
    ttl: timedelta | None = None,
) -> InvitationCreated:
    _check_target(role, shop_id)
    require(actor, MANAGE_ROLE[role], shop_id=shop_id)
    ttl = DEFAULT_TTL if ttl is None else ttl
    if not MIN_TTL <= ttl <= MAX_TTL:
        raise InvitationTtlOutOfRange(
            f"an invitation lives between {MIN_TTL} and {MAX_TTL}",
            min_hours=MIN_TTL / timedelta(hours=1), max_days=MAX_TTL.days,
        )
    await require_user(tx, actor.telegram_id)
    now = tx.clock.now()
    token = new_token()
    invitation = Invitation(
        token_hash=token_hash(token),
        role=role.value,
        shop_id=shop_id,
        label=_clean_label(label),
        created_by=actor.telegram_id,
        created_at=now,
        expires_at=now + ttl,
    )
    tx.session.add(invitation)
    await tx.session.flush()
    return InvitationCreated(invitation=_out(invitation, now), token=token)


async def accept_invitation(
    tx: Transaction, token: str, telegram_id: int, *, via: BotRole
) -> InvitationAccepted:
    token = token.removeprefix(TOKEN_PREFIX)
    if not _TOKEN_SHAPE.fullmatch(token):
        raise InvitationNotFound("no such invitation")
    await require_user(tx, telegram_id)
    digest = token_hash(token)
    now = tx.clock.now()
    roles_here = [role.value for role, bot in BOT_FOR_ROLE.items() if bot is via]
    claimed = (await tx.session.scalars(
        update(Invitation)
        .where(
            Invitation.token_hash == digest,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
            Invitation.role.in_(roles_here),
        )
        .values(accepted_by=telegram_id, accepted_at=now)
        .returning(Invitation),
        execution_options={"populate_existing": True},
    )).one_or_none()
    if claimed is None:
        raise await _refusal(tx, digest, now)
    role = Role(claimed.role)
    if claimed.shop_id is not None:
        await add_staff(tx, claimed.shop_id, telegram_id, role, invited_by=claimed.created_by,
                        invitation_id=claimed.id)
    else:
        await _grant_courier(tx, telegram_id, claimed)
    await tx.publish(InvitationAcceptedEvent(
        invitation_id=claimed.id, telegram_id=telegram_id, role=role, shop_id=claimed.shop_id,
        invited_by=claimed.created_by,
    ))
    return InvitationAccepted(
        invitation_id=claimed.id,
        telegram_id=telegram_id,
        role=role,
        shop_id=claimed.shop_id,
        label=claimed.label,
        invited_by=claimed.created_by,
    )


async def _grant_courier(tx: Transaction, telegram_id: int, invitation: Invitation) -> None:
    granted = (await tx.session.scalars(
        insert(UserRole)
        .values(telegram_id=telegram_id, role=Role.COURIER.value, granted_at=tx.clock.now(),
                granted_by=invitation.created_by, invitation_id=invitation.id)
        .on_conflict_do_nothing(index_elements=[UserRole.telegram_id, UserRole.role])
        .returning(UserRole.role)
    )).one_or_none()
    if granted is None:
        raise AlreadyHasRole("already a courier", role=Role.COURIER.value)
    await tx.publish(RoleGranted(telegram_id=telegram_id, role=Role.COURIER,
                                 granted_by=invitation.created_by))


async def _refusal(tx: Transaction, digest: bytes, now: datetime) -> CoreError:
    """Why an invitation could not be claimed."""
    invitation = (await tx.session.scalars(
        select(Invitation).where(Invitation.token_hash == digest),
        execution_options={"populate_existing": True},
    )).one_or_none()
    if invitation is None:
        return InvitationNotFound("no such invitation")
    status = status_of(invitation, now)
    if status is InvitationStatus.REVOKED:
        return InvitationRevoked("this invitation was revoked")
    if status is InvitationStatus.ACCEPTED:
        return InvitationUsed("this invitation has been used already")
    if status is InvitationStatus.EXPIRED:
        return InvitationExpired("this invitation has expired")
    bot = BOT_FOR_ROLE[Role(invitation.role)]
    return InvitationWrongBot(f"open this invitation in the {bot.value} bot", bot=bot.value)


async def revoke_invitation(tx: Transaction, actor: Actor, invitation_id: UUID) -> InvitationOut:
    invitation = (await tx.session.scalars(
        select(Invitation).where(Invitation.id == invitation_id).with_for_update(),
        execution_options={"populate_existing": True},
    )).one_or_none()
    if invitation is None:
        raise InvitationNotFound("no such invitation")
    require(actor, MANAGE_ROLE[Role(invitation.role)], shop_id=invitation.shop_id)
    now = tx.clock.now()
    if invitation.accepted_at is not None:
        # The link is spent; taking the access back is remove_staff / revoke_role.
        raise InvitationUsed("this invitation has been used already")
    if invitation.revoked_at is None:
        invitation.revoked_at = now
        invitation.revoked_by = actor.telegram_id
        await tx.session.flush()
    return _out(invitation, now)


async def list_invitations(
    tx: Transaction, actor: Actor, *, shop_id: UUID | None = None
) -> list[InvitationOut]:
    where: ColumnElement[bool]
    if shop_id is None:
        require(actor, Permission.MANAGE_COURIERS)
        where = Invitation.shop_id.is_(None)
    else:
        require(actor, Permission.VIEW_SHOP_STAFF, shop_id=shop_id)
        where = Invitation.shop_id == shop_id
    invitations = (await tx.session.scalars(
        select(Invitation).where(where).order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(LIST_LIMIT)
    )).all()
    now = tx.clock.now()
    return [_out(invitation, now) for invitation in invitations]
