"""The Telegram Bot API, emulated: request parsing with Telegram's coercion, one module per
method family under ``methods/``, and the HTTP routes in ``dispatch``."""

from __future__ import annotations

from .dispatch import STATE_KEY, execute, setup_bot_api
from .params import Params

__all__ = ["STATE_KEY", "Params", "execute", "setup_bot_api"]
