"""media commands and queries.

Anyone signed in may upload (``save_image`` takes their ``Actor`` to record who did); reading is
open, since the pictures are shown to everyone. References are ``media:<uuid>``.
"""

from __future__ import annotations

import hashlib
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import undefer

from core.auth.policy import Actor
from core.media._header import read_header
from core.media._models import MediaFile
from core.media.errors import MediaInvalid, MediaNotFound, MediaTooLarge
from core.media.schemas import ImageType, MediaOut
from core.shared.ids import new_id
from core.shared.uow import Transaction, command

__all__ = [
    "MAX_BYTES",
    "MAX_SIDE",
    "MIN_SIDE",
    "REF_PREFIX",
    "check_image",
    "describe_image",
    "get_image",
    "parse_ref",
    "ref_of",
    "save_image",
]

MAX_BYTES = 5 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 32, 6000
REF_PREFIX = "media:"


def ref_of(media_id: UUID) -> str:
    """The reference other modules store for an image: ``media:<uuid>``."""
    return f"{REF_PREFIX}{media_id}"


def parse_ref(ref: str | None) -> UUID | None:
    """The image id in a ``media:<uuid>`` reference; None for anything else."""
    if not isinstance(ref, str) or not ref.startswith(REF_PREFIX):
        return None
    text = ref[len(REF_PREFIX) :]
    # UUID() also takes braces, "urn:uuid:" and missing hyphens; a reference has one spelling.
    if len(text) != 36:
        return None
    try:
        media_id = UUID(text)
    except ValueError:
        return None
    return media_id if str(media_id) == text.lower() else None


def check_image(data: bytes) -> tuple[ImageType, int, int]:
    """The type, width and height of an acceptable image, or the error saying why not."""
    if len(data) > MAX_BYTES:
        raise MediaTooLarge(maximum_mb=MAX_BYTES // (1024 * 1024))
    if not data:
        raise MediaInvalid("the file is empty", minimum=MIN_SIDE, maximum=MAX_SIDE)
    try:
        header = read_header(data)
    except MediaInvalid as broken:  # the message people read names the size limits too
        raise MediaInvalid(broken.message, minimum=MIN_SIDE, maximum=MAX_SIDE) from None
    for side in (header.width, header.height):
        if not MIN_SIDE <= side <= MAX_SIDE:
            raise MediaInvalid(
                f"each side must be {MIN_SIDE}..{MAX_SIDE} px, got {header.width}x{header.height}",
                minimum=MIN_SIDE,
                maximum=MAX_SIDE,
            )
    return header.content_type, header.width, header.height


@command
async def save_image(tx: Transaction, actor: Actor, data: bytes) -> MediaOut:
    """Store an image (or find the same bytes stored before) and describe it."""
    data = bytes(data)
    content_type, width, height = check_image(data)
    digest = hashlib.sha256(data).hexdigest()
    # Same bytes, same row: a concurrent twin upload loses the insert and reads the winner's.
    await tx.session.execute(
        pg_insert(MediaFile)
        .values(
            id=new_id(),
            sha256=digest,
            content_type=content_type.value,
            width=width,
            height=height,
            size=len(data),
            data=data,
            uploaded_by=actor.telegram_id,
            created_at=tx.clock.now(),
        )
        .on_conflict_do_nothing(index_elements=[MediaFile.sha256])
    )
    row = (await tx.session.scalars(select(MediaFile).where(MediaFile.sha256 == digest))).one()
    return _out(row)


@command
async def describe_image(tx: Transaction, media_id: UUID) -> MediaOut:
    """An image's description, without its bytes."""
    row = await tx.session.get(MediaFile, media_id)
    if row is None:
        raise MediaNotFound(media_id=media_id)
    return _out(row)


@command
async def get_image(tx: Transaction, media_id: UUID) -> tuple[MediaOut, bytes]:
    """An image's description and its bytes."""
    # populate_existing: a row described earlier in this transaction has no bytes loaded.
    row = await tx.session.get(
        MediaFile, media_id, options=[undefer(MediaFile.data)], populate_existing=True
    )
    if row is None:
        raise MediaNotFound(media_id=media_id)
    return _out(row), row.data


def _out(row: MediaFile) -> MediaOut:
    return MediaOut(
        id=row.id,
        ref=ref_of(row.id),
        content_type=ImageType(row.content_type),
        width=row.width,
        height=row.height,
        size=row.size,
        sha256=row.sha256,
        uploaded_by=row.uploaded_by,
        created_at=row.created_at,
    )
