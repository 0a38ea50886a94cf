"""An offline Telegram: a Bot API emulator that aiogram bots run against unchanged
(``AiohttpSession(api=TelegramAPIServer.from_base(url))``), the /sim API that plays the
people, and the chat UI at /. See README.md in this folder for the sim API contract."""

from __future__ import annotations

from .server import BotCredentials, EmulatorHandle, create_emulator_app, start_emulator
from .state import EmulatorOptions, EmulatorState

__all__ = [
    "BotCredentials",
    "EmulatorHandle",
    "EmulatorOptions",
    "EmulatorState",
    "create_emulator_app",
    "start_emulator",
]
