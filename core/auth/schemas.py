"""What the auth api takes and returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from core.auth.policy import Actor, Role
from core.shared.config import BotRole


@dataclass(frozen=True, slots=True)
class TelegramProfile:
    """A user as Telegram describes them in an update."""

    telegram_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True, slots=True)
class UserOut:
    telegram_id: int
    first_name: str
    last_name: str | None
    username: str | None
    language: str | None
    created_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class ShopRoleOut:
    shop_id: UUID
    role: Role


@dataclass(frozen=True, slots=True)
class RolesOut:
    """Everything a person is: platform roles (customer included) and their shops."""

    telegram_id: int
    roles: tuple[Role, ...]
    shops: tuple[ShopRoleOut, ...]


@dataclass(frozen=True, slots=True)
class StaffMemberOut:
    """One person on a shop's staff, and how they got there."""

    shop_id: UUID
    telegram_id: int
    role: Role
    first_name: str
    last_name: str | None
    username: str | None
    joined_at: datetime
    invited_by: int | None


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class InvitationOut:
    id: UUID
    role: Role
    shop_id: UUID | None
    label: str | None
    bot: BotRole
    status: InvitationStatus
    created_by: int | None
    created_at: datetime
    expires_at: datetime
    accepted_by: int | None
    accepted_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class InvitationCreated:
    """A new invitation and its secret token; the token is shown once and never stored."""

    invitation: InvitationOut
    token: str

    @property
    def start_parameter(self) -> str:
        """What follows ``?start=`` in the bot's deep link."""
        return f"inv_{self.token}"


@dataclass(frozen=True, slots=True)
class InvitationAccepted:
    """An accepted invitation: the role granted and who invited."""

    invitation_id: UUID
    telegram_id: int
    role: Role
    shop_id: UUID | None
    label: str | None
    invited_by: int | None


@dataclass(frozen=True, slots=True)
class WebAppLaunch:
    """What verified Mini App initData says: who opened it, from which bot, when."""

    user: TelegramProfile
    bot: BotRole
    auth_date: datetime
    query_id: str | None = None
    start_param: str | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A person signed in through a Mini App: their record and their roles."""

    user: UserOut
    actor: Actor


@dataclass(frozen=True, slots=True)
class SeenUser:
    """The person behind a bot update: their record and the roles they hold now."""

    user: UserOut
    actor: Actor


@dataclass(frozen=True, slots=True)
class SessionOut:
    """A Mini App session: send ``Authorization: Bearer <token>`` until ``expires_at``."""

    token: str
    telegram_id: int
    bot: BotRole | None
    expires_at: datetime
