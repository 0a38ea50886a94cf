"""media tables: image files with their bytes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from core.media.schemas import ImageType
from core.shared.db import Base, uuid_pk

TYPES_SQL = ", ".join(f"'{kind.value}'" for kind in ImageType)


class MediaFile(Base):
    __tablename__ = "media_files"
    __table_args__ = (
        Index("uq_media_files_sha256", "sha256", unique=True),
        CheckConstraint(f"content_type IN ({TYPES_SQL})", name="known_type"),
        CheckConstraint("size = octet_length(data) AND size > 0", name="size_matches"),
        CheckConstraint("width > 0 AND height > 0", name="positive_sides"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    sha256: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    # Loaded only when asked for: most reads want the description, not megabytes of bytes.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    uploaded_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
