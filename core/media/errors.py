"""Errors of the media module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import NotFound, ValidationFailed


class MediaTooLarge(ValidationFailed):
    """The file is bigger than ``maximum_mb`` megabytes (the web answers 413)."""

    code = "media_too_large"


class MediaTypeUnsupported(ValidationFailed):
    """The bytes are not a JPEG, PNG or WebP image (the web answers 415)."""

    code = "media_type_unsupported"


class MediaInvalid(ValidationFailed):
    """The header is broken, or a side is outside ``minimum``..``maximum`` pixels."""

    code = "media_invalid"


class MediaNotFound(NotFound):
    code = "media_not_found"
