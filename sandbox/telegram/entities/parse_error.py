"""The error a formatted text raises; the Bot API words it "can't parse entities: <reason>"."""

from __future__ import annotations


class EntityParseError(ValueError):
    """Formatted text Telegram would refuse; the message is Telegram's own reason."""
