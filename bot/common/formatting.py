"""Small text helpers for bot messages (sent with parse_mode=HTML)."""

from __future__ import annotations

from core.auth.schemas import UserOut


def display_name(user: UserOut | None, fallback: str = "") -> str:
    """How to address a person: first name, else @username, else ``fallback`` (not escaped)."""
    if user is None:
        return fallback
    if user.first_name:
        return user.first_name
    return f"@{user.username}" if user.username else fallback
