"""getMe, logOut, close."""

from __future__ import annotations

from typing import Any

from ..call import Call
from ..registry import method


@method("getMe")
async def get_me(call: Call) -> dict[str, Any]:
    """The bot's own User object with its capabilities."""
    return {
        **call.bot.user_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("logOut")
async def log_out(call: Call) -> bool:
    """Log out from the cloud Bot API (nothing to do in the emulator)."""
    return True


@method("close")
async def close(call: Call) -> bool:
    """Close the bot instance (nothing to do in the emulator)."""
    return True
