"""The sending port: what the sender needs from Telegram, and what can come of it.

core never talks to Telegram itself; the process that runs the sender hands it a
``MessageSender`` (bot.common.sender.AiogramSender in production, a test double in tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from core.shared.config import BotRole


@dataclass(frozen=True, slots=True)
class Sent:
    """Telegram took the message."""

    message_id: int


@dataclass(frozen=True, slots=True)
class Blocked:
    """403: the person blocked the bot or never started it; retrying will not help."""

    description: str


@dataclass(frozen=True, slots=True)
class RetryAfter:
    """429: Telegram asks to wait this many seconds before trying again."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Failed:
    """Anything else. ``permanent`` when the same request can never succeed (a bad request)."""

    error: str
    permanent: bool = False


@dataclass(frozen=True, slots=True)
class Gone:
    """The message to edit is not there any more or can no longer be edited: send a new one."""

    description: str


SendResult = Sent | Blocked | RetryAfter | Failed
EditResult = Sent | Gone | Blocked | RetryAfter | Failed


class MessageSender(Protocol):
    """Sends one text message through one of the four bots, or edits one it sent."""

    async def send(
        self,
        bot: BotRole,
        chat_id: int,
        text: str,
        *,
        reply_markup: dict[str, Any] | None = None,
    ) -> SendResult:
        """Send ``text`` (Telegram HTML) to ``chat_id``; report the outcome, never raise."""
        ...

    async def edit(
        self,
        bot: BotRole,
        chat_id: int,
        message_id: int,
        text: str,
        *,
        reply_markup: dict[str, Any] | None = None,
    ) -> EditResult:
        """Replace the text (and inline keyboard: None removes it) of a message the bot sent.

        An edit that changes nothing is ``Sent``; a message that cannot be edited is ``Gone``.
        """
        ...
