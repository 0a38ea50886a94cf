"""Invitation deep links, ``https://t.me/<bot>?start=inv_<token>``, shared by the seller bot
(staff of a shop) and the courier bot (couriers).

Opening the link sends ``/start inv_<token>``; core.auth decides whether the invitation is still
good and for this bot, and grants the role. The person is told the outcome in their language, and
the one who invited them hears who joined (best effort: they may have blocked the bot).
"""

from __future__ import annotations

import structlog
from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.common.formatting import display_name
from bot.common.i18n import Tr
from core.auth.api import INVITATION_PREFIX, accept_invitation, get_user
from core.auth.errors import INVITATION_ERRORS, AlreadyHasRole
from core.auth.policy import Role
from core.auth.schemas import InvitationAccepted, UserOut
from core.shared.config import BotRole, Settings
from core.shared.errors import CoreError
from core.shared.i18n import error_key
from core.shared.uow import Database

log = structlog.get_logger(__name__)

_REFUSALS: tuple[type[CoreError], ...] = (*INVITATION_ERRORS, AlreadyHasRole)

INVITATION_START = CommandStart(deep_link=True, magic=F.args.startswith(INVITATION_PREFIX))
"""``/start inv_...``: matches before a bot's plain /start handler when registered first."""


def welcome(t: Tr, accepted: InvitationAccepted) -> str:
    """What the newcomer is told once the role is theirs."""
    if accepted.role is Role.COURIER:
        return t("invitation-welcome-courier")
    role = t(f"role-{accepted.role.value}")
    if accepted.label:
        return t("invitation-welcome-staff", shop=accepted.label, role=role)
    return t("invitation-welcome-staff-unnamed", role=role)


async def on_invitation_link(
    message: Message,
    command: CommandObject,
    bot: Bot,
    db: Database,
    role: BotRole,
    settings: Settings,
    t: Tr,
    user: UserOut | None = None,
) -> None:
    """Accept the invitation in the link for the sender, or say why it cannot be accepted."""
    if message.from_user is None:
        return
    try:
        accepted = await accept_invitation(db, command.args or "", message.from_user.id, via=role)
    except _REFUSALS as refusal:
        log.info("bot.invitation_refused", bot=role.value, user_id=message.from_user.id,
                 error_code=refusal.code)
        await message.answer(t(error_key(refusal.code), **refusal.params))
        return
    log.info("bot.invitation_accepted", bot=role.value, user_id=message.from_user.id,
             role=accepted.role.value, shop_id=str(accepted.shop_id) if accepted.shop_id else None)
    await message.answer(welcome(t, accepted))
    name = display_name(user, message.from_user.first_name)
    if message.from_user.username:
        name = f"{name} (@{message.from_user.username})"
    await _tell_inviter(bot, db, settings, t, accepted, name)


async def _tell_inviter(
    bot: Bot, db: Database, settings: Settings, t: Tr, accepted: InvitationAccepted, name: str
) -> None:
    if accepted.invited_by is None:
        return
    inviter = await get_user(db, accepted.invited_by)
    told = t.using(inviter.language if inviter and inviter.language
                   else settings.default_language)
    text = told("invitation-joined-notice", name=name, role=told(f"role-{accepted.role.value}"))
    try:
        await bot.send_message(accepted.invited_by, text)
    except TelegramAPIError as exc:
        # The inviter may never have opened this bot, or blocked it; the staff list shows it too.
        log.info("bot.inviter_not_told", invited_by=accepted.invited_by, reason=str(exc))


def register_invitation_start(router: Router) -> None:
    """Take invitation links on ``router``; call it before registering the plain /start."""
    router.message.register(on_invitation_link, INVITATION_START)
