"""A person blocks the bot: Telegram says so at once (``my_chat_member``, status ``kicked``).

Without this the first we would hear of it is a 403 on the next send; with it, what is queued
for them in this bot fails without a try and nothing more is queued. Unblocking needs no handler:
the unblock is an update from them, and ``UserContextMiddleware`` makes whoever writes to a bot
reachable in it again.
"""

from __future__ import annotations

import structlog
from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from core.communications.api import mark_unreachable
from core.shared.config import BotRole
from core.shared.uow import Database

log = structlog.get_logger(__name__)

BLOCKED_REASON = "blocked the bot"


def create_router() -> Router:
    """The router every bot includes for its private chats' membership changes."""
    router = Router(name="membership")
    router.my_chat_member.filter(F.chat.type == ChatType.PRIVATE)
    router.my_chat_member.register(blocked, ChatMemberUpdatedFilter(KICKED))
    return router


async def blocked(event: ChatMemberUpdated, db: Database, role: BotRole) -> None:
    """Mark the person unreachable in this bot; there is nobody to answer."""
    await mark_unreachable(db, event.from_user.id, role, BLOCKED_REASON)
    log.info("bot.blocked_by_person", bot=role.value, user_id=event.from_user.id)
