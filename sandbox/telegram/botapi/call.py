"""One Bot API call as methods see it: the emulator state, the calling bot, the parameters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ..models import BotAccount
from ..state import EmulatorState
from .params import Params


@dataclass
class Call:
    """A method invocation."""

    state: EmulatorState
    bot: BotAccount
    method: str
    params: Params


MethodHandler = Callable[[Call], Awaitable[Any]]
