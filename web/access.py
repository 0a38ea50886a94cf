"""Who is who, over the API: platform roles, shop staff and invitations.

Every endpoint needs a signed-in person (web.auth) and hands their actor to core.auth.api, whose
commands check core.auth.policy: a stranger gets 403 ``permission_denied``. Invitation links need
the bots' usernames, which only the process running the bots knows; it provides them through
``BOT_DIRECTORY_KEY``. Without it the answer carries the start parameter and no link.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Protocol
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, Field

from core.auth.api import (
    change_staff_role,
    create_invitation,
    grant_role,
    list_invitations,
    list_roles,
    list_shop_staff,
    remove_staff,
    revoke_invitation,
    revoke_role,
)
from core.auth.policy import Role
from core.auth.schemas import InvitationOut, InvitationStatus, RolesOut, StaffMemberOut
from core.shared.config import BotRole
from core.shared.errors import ValidationFailed
from web.auth import SIGNED_IN, ShopRoleView, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model


class BotDirectory(Protocol):
    """Where the bots can be reached: their public usernames."""

    async def username(self, role: BotRole) -> str | None:
        """The bot's @username without the @, or None if it cannot be told now."""
        ...


BOT_DIRECTORY_KEY = web.AppKey("bot_directory", BotDirectory)


def deep_link(username: str, start_parameter: str) -> str:
    """The t.me link that opens a bot with ``/start <start_parameter>``."""
    return f"https://t.me/{username}?start={start_parameter}"


routes = ApiRoutes()


def _telegram_id(request: web.Request) -> int:
    raw = request.match_info["telegram_id"]
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        raise ValidationFailed("telegram_id: expected a Telegram user id")
    return int(raw)


def _uuid(request: web.Request, name: str) -> UUID:
    try:
        return UUID(request.match_info[name])
    except ValueError:
        raise ValidationFailed(f"{name}: expected a UUID") from None


# -- platform roles --------------------------------------------------------------------------


class RolesView(BaseModel):
    telegram_id: int
    roles: list[Role]
    shops: list[ShopRoleView]


class RoleChoice(BaseModel):
    role: Role


def _roles_view(roles: RolesOut) -> RolesView:
    return RolesView(telegram_id=roles.telegram_id, roles=list(roles.roles),
                     shops=[ShopRoleView(shop_id=s.shop_id, role=s.role) for s in roles.shops])


@routes.get("/users/{telegram_id}/roles", summary="A person's roles and shops",
            security=SIGNED_IN, response=RolesView, errors=(403,), tags=("access",),
            description="Your own, or anyone's for support agents and admins.")
async def get_user_roles(request: web.Request) -> web.Response:
    """A person's roles."""
    roles = await list_roles(request.app[DB_KEY], actor_of(request), _telegram_id(request))
    return model_response(_roles_view(roles))


@routes.post("/users/{telegram_id}/roles", summary="Grant a platform role",
             security=SIGNED_IN, request=RoleChoice, response=RolesView,
             errors=(403, 404, 409), tags=("access",),
             description="courier, support or admin; admins only.")
async def post_user_role(request: web.Request) -> web.Response:
    """Grant a platform role to a known person."""
    choice = await read_model(request, RoleChoice)
    roles = await grant_role(request.app[DB_KEY], actor_of(request), _telegram_id(request),
                             choice.role)
    return model_response(_roles_view(roles))


@routes.delete("/users/{telegram_id}/roles/{role}", summary="Revoke a platform role",
               security=SIGNED_IN, response=RolesView, errors=(403, 404, 409),
               tags=("access",))
async def delete_user_role(request: web.Request) -> web.Response:
    """Take a platform role back."""
    try:
        role = Role(request.match_info["role"])
    except ValueError:
        raise ValidationFailed("role: expected one of " + ", ".join(Role)) from None
    roles = await revoke_role(request.app[DB_KEY], actor_of(request), _telegram_id(request), role)
    return model_response(_roles_view(roles))


# -- shop staff ------------------------------------------------------------------------------


class StaffMemberView(BaseModel):
    telegram_id: int
    role: Role
    first_name: str
    last_name: str | None
    username: str | None
    joined_at: datetime
    invited_by: int | None


class StaffView(BaseModel):
    shop_id: UUID
    staff: list[StaffMemberView]


def _member_view(member: StaffMemberOut) -> StaffMemberView:
    return StaffMemberView(telegram_id=member.telegram_id, role=member.role,
                           first_name=member.first_name, last_name=member.last_name,
                           username=member.username, joined_at=member.joined_at,
                           invited_by=member.invited_by)


@routes.get("/shops/{shop_id}/staff", summary="A shop's staff, who joined when",
            security=SIGNED_IN, response=StaffView, errors=(403,), tags=("access",))
async def get_shop_staff(request: web.Request) -> web.Response:
    """Owners, managers and pickers of a shop."""
    shop_id = _uuid(request, "shop_id")
    staff = await list_shop_staff(request.app[DB_KEY], actor_of(request), shop_id)
    return model_response(StaffView(shop_id=shop_id, staff=[_member_view(m) for m in staff]))


@routes.put("/shops/{shop_id}/staff/{telegram_id}", summary="Change a staff member's role",
            security=SIGNED_IN, request=RoleChoice, response=StaffMemberView,
            errors=(403, 404, 409), tags=("access",))
async def put_staff_role(request: web.Request) -> web.Response:
    """Make a staff member owner, manager or picker."""
    choice = await read_model(request, RoleChoice)
    member = await change_staff_role(request.app[DB_KEY], actor_of(request),
                                     _uuid(request, "shop_id"), _telegram_id(request),
                                     choice.role)
    return model_response(_member_view(member))


@routes.delete("/shops/{shop_id}/staff/{telegram_id}", summary="Remove someone from the staff",
               security=SIGNED_IN, status=HTTPStatus.NO_CONTENT, errors=(403, 404, 409),
               tags=("access",), description="Also how a staff member leaves a shop.")
async def delete_staff_member(request: web.Request) -> web.Response:
    """Take a person's access to a shop away."""
    await remove_staff(request.app[DB_KEY], actor_of(request), _uuid(request, "shop_id"),
                       _telegram_id(request))
    return web.Response(status=HTTPStatus.NO_CONTENT)


# -- invitations -----------------------------------------------------------------------------


class NewInvitation(BaseModel):
    role: Role
    shop_id: UUID | None = None
    label: str | None = Field(default=None, max_length=200,
                              description="What the invitee joins, e.g. the shop's name")
    ttl_hours: float = Field(default=72, gt=0, le=720)


class InvitationView(BaseModel):
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


class InvitationCreatedView(BaseModel):
    invitation: InvitationView
    start_parameter: str = Field(description="`/start <this>` in the invitation's bot")
    link: str | None = Field(description="t.me deep link, when the bot's username is known")


class InvitationsView(BaseModel):
    invitations: list[InvitationView]


def _invitation_view(invitation: InvitationOut) -> InvitationView:
    return InvitationView(
        id=invitation.id, role=invitation.role, shop_id=invitation.shop_id,
        label=invitation.label, bot=invitation.bot, status=invitation.status,
        created_by=invitation.created_by, created_at=invitation.created_at,
        expires_at=invitation.expires_at, accepted_by=invitation.accepted_by,
        accepted_at=invitation.accepted_at, revoked_at=invitation.revoked_at,
    )


async def _link(request: web.Request, bot: BotRole, start_parameter: str) -> str | None:
    directory = request.app.get(BOT_DIRECTORY_KEY)
    username = await directory.username(bot) if directory is not None else None
    return deep_link(username, start_parameter) if username else None


@routes.post("/invitations", summary="Invite someone into a role",
             security=SIGNED_IN, request=NewInvitation, response=InvitationCreatedView,
             status=HTTPStatus.CREATED, errors=(403,), tags=("access",),
             description="Staff of a shop (owners invite anyone, managers pickers) or couriers "
             "(admins). The link is single-use; the token is shown only in this answer.")
async def post_invitation(request: web.Request) -> web.Response:
    """Create a single-use invitation link."""
    body = await read_model(request, NewInvitation)
    created = await create_invitation(
        request.app[DB_KEY], actor_of(request), body.role, shop_id=body.shop_id,
        label=body.label, ttl=timedelta(hours=body.ttl_hours),
    )
    view = InvitationCreatedView(
        invitation=_invitation_view(created.invitation),
        start_parameter=created.start_parameter,
        link=await _link(request, created.invitation.bot, created.start_parameter),
    )
    return model_response(view, status=HTTPStatus.CREATED)


@routes.get("/shops/{shop_id}/invitations", summary="A shop's invitations, newest first",
            security=SIGNED_IN, response=InvitationsView, errors=(403,), tags=("access",))
async def get_shop_invitations(request: web.Request) -> web.Response:
    """Invitations into a shop with their status."""
    invitations = await list_invitations(request.app[DB_KEY], actor_of(request),
                                         shop_id=_uuid(request, "shop_id"))
    return model_response(InvitationsView(invitations=[_invitation_view(i) for i in invitations]))


@routes.get("/courier-invitations", summary="Courier invitations, newest first",
            security=SIGNED_IN, response=InvitationsView, errors=(403,), tags=("access",))
async def get_courier_invitations(request: web.Request) -> web.Response:
    """Invitations for couriers with their status (admins)."""
    invitations = await list_invitations(request.app[DB_KEY], actor_of(request))
    return model_response(InvitationsView(invitations=[_invitation_view(i) for i in invitations]))


@routes.delete("/invitations/{invitation_id}", summary="Withdraw an unused invitation",
               security=SIGNED_IN, response=InvitationView, errors=(403, 404, 409),
               tags=("access",))
async def delete_invitation(request: web.Request) -> web.Response:
    """Make an invitation unusable."""
    invitation = await revoke_invitation(request.app[DB_KEY], actor_of(request),
                                         _uuid(request, "invitation_id"))
    return model_response(_invitation_view(invitation))
