"""What the media api returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class ImageType(StrEnum):
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"


@dataclass(frozen=True, slots=True)
class MediaOut:
    """A stored image without its bytes; ``ref`` is what other modules keep."""

    id: UUID
    ref: str
    content_type: ImageType
    width: int
    height: int
    size: int
    sha256: str
    uploaded_by: int
    created_at: datetime
