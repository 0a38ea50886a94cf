"""Errors of the auth module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import NotFound, ValidationFailed


class UnsupportedLanguage(ValidationFailed):
    code = "unsupported_language"


class UserNotFound(NotFound):
    code = "user_not_found"
