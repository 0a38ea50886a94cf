"""Storing uploaded pictures: formats by magic bytes, size limits, dedup, broken files."""

from __future__ import annotations

import struct
import uuid

import pytest
from image_bytes import jpeg_bytes, png_bytes, webp_bytes

from core.auth.policy import Actor
from core.media.api import (
    MAX_BYTES,
    describe_image,
    get_image,
    parse_ref,
    ref_of,
    save_image,
)
from core.media.errors import MediaInvalid, MediaNotFound, MediaTooLarge, MediaTypeUnsupported
from core.media.schemas import ImageType
from core.shared.uow import Database, Transaction

UPLOADER = Actor(7_830_000_001)
OTHER_UPLOADER = Actor(7_830_000_002)


def _vp8x(width: int, height: int) -> bytes:
    payload = b"\x00" * 4 + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _vp8(width: int, height: int) -> bytes:
    payload = b"\x10\x02\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\0" * 8
    body = b"WEBP" + b"VP8 " + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize(
    ("data", "kind", "width", "height"),
    [
        (png_bytes(64, 48), ImageType.PNG, 64, 48),
        (jpeg_bytes(40, 33), ImageType.JPEG, 40, 33),
        (webp_bytes(320, 200), ImageType.WEBP, 320, 200),
        (_vp8x(6000, 32), ImageType.WEBP, 6000, 32),
        (_vp8(100, 75), ImageType.WEBP, 100, 75),
    ],
    ids=["png", "jpeg", "webp-lossless", "webp-extended", "webp-lossy"],
)
async def test_each_format_is_read_from_its_header(
    db: Database, data: bytes, kind: ImageType, width: int, height: int
) -> None:
    saved = await save_image(db, UPLOADER, data)

    assert (saved.content_type, saved.width, saved.height) == (kind, width, height)
    assert saved.size == len(data)
    assert saved.ref == f"media:{saved.id}"
    assert saved.uploaded_by == UPLOADER.telegram_id
    described, stored = await get_image(db, saved.id)
    assert described == saved
    assert stored == data


async def test_the_same_bytes_are_stored_once(db: Database) -> None:
    data = png_bytes(77, 77, (1, 2, 3))

    first = await save_image(db, UPLOADER, data)
    second = await save_image(db, OTHER_UPLOADER, data)
    other = await save_image(db, UPLOADER, png_bytes(77, 77, (3, 2, 1)))

    assert second == first
    assert second.uploaded_by == UPLOADER.telegram_id  # who uploaded it first
    assert other.id != first.id
    assert other.sha256 != first.sha256


async def test_twin_uploads_in_one_transaction_share_a_row(db: Database) -> None:
    data = jpeg_bytes(64, 65)

    async def twice(tx: Transaction) -> tuple[uuid.UUID, uuid.UUID]:
        first = await save_image(db, UPLOADER, data)
        described = await describe_image(db, first.id)
        _, stored = await get_image(db, first.id)  # after a bytes-less read of the same row
        assert stored == data
        return first.id, described.id

    first_id, described_id = await db.run(twice)
    assert first_id == described_id
    assert (await save_image(db, UPLOADER, data)).id == first_id


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a" + struct.pack("<HH", 64, 64) + b"\0" * 20,
        b"%PDF-1.7\n" + b"\0" * 64,
        b"<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'/>",
        b"just some text, not a picture at all",
        b"RIFF\x10\x00\x00\x00WAVEfmt " + b"\0" * 40,
    ],
    ids=["gif", "pdf", "svg", "text", "wav"],
)
async def test_other_files_are_unsupported(db: Database, data: bytes) -> None:
    with pytest.raises(MediaTypeUnsupported):
        await save_image(db, UPLOADER, data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        png_bytes(64, 64)[:20],
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDX" + b"\0" * 30,
        jpeg_bytes(64, 64)[:30],
        b"\xff\xd8\xff\xd9" + b"\0" * 30,
        b"\xff\xd8\xff\xe0\x00\x01" + b"\0" * 30,
        webp_bytes(64, 64)[:24],
        webp_bytes(64, 64)[:20] + b"\x00" + webp_bytes(64, 64)[21:],
        _vp8(64, 64)[:23] + b"\0\0\0" + _vp8(64, 64)[26:],
        b"RIFF\x20\x00\x00\x00WEBPALPH" + b"\0" * 30,
    ],
    ids=[
        "empty",
        "png-cut",
        "png-no-ihdr",
        "jpeg-cut",
        "jpeg-no-frame",
        "jpeg-bad-length",
        "webp-cut",
        "vp8l-bad-signature",
        "vp8-bad-start-code",
        "webp-unknown-chunk",
    ],
)
async def test_broken_headers_are_invalid(db: Database, data: bytes) -> None:
    with pytest.raises(MediaInvalid) as raised:
        await save_image(db, UPLOADER, data)
    assert raised.value.params == {"minimum": 32, "maximum": 6000}


@pytest.mark.parametrize(
    ("width", "height"),
    [(31, 100), (100, 31), (6001, 100), (100, 6001), (0, 0)],
)
async def test_each_side_is_32_to_6000_pixels(db: Database, width: int, height: int) -> None:
    with pytest.raises(MediaInvalid) as raised:
        await save_image(db, UPLOADER, png_bytes(width, height))
    assert raised.value.params == {"minimum": 32, "maximum": 6000}


async def test_the_limits_themselves_are_accepted(db: Database) -> None:
    small = await save_image(db, UPLOADER, png_bytes(32, 32, (5, 5, 5)))
    tall = await save_image(db, UPLOADER, _vp8x(32, 6000))
    assert (small.width, small.height) == (32, 32)
    assert (tall.width, tall.height) == (32, 6000)


async def test_files_over_5_mb_are_too_large(db: Database) -> None:
    # A real header followed by padding: the size is checked, whatever the content.
    at_limit = png_bytes(64, 64, (7, 7, 7))
    at_limit += b"\0" * (MAX_BYTES - len(at_limit))
    saved = await save_image(db, UPLOADER, at_limit)
    assert saved.size == MAX_BYTES

    with pytest.raises(MediaTooLarge) as raised:
        await save_image(db, UPLOADER, at_limit + b"\0")
    assert raised.value.params == {"maximum_mb": 5}


async def test_unknown_ids_are_not_found(db: Database) -> None:
    with pytest.raises(MediaNotFound):
        await get_image(db, uuid.uuid4())
    with pytest.raises(MediaNotFound):
        await describe_image(db, uuid.uuid4())


def test_references_round_trip_and_reject_other_spellings() -> None:
    media_id = uuid.uuid4()
    assert parse_ref(ref_of(media_id)) == media_id
    assert parse_ref(f"media:{str(media_id).upper()}") == media_id
    for other in [
        None,
        "",
        "media:",
        f"media:{media_id.hex}",
        f"media:{{{media_id}}}",
        f"https://example.com/{media_id}",
        str(media_id),
        "AgACAgIAAxkBAAIB",
        f"MEDIA:{media_id}",
        f"media:{media_id} ",
    ]:
        assert parse_ref(other) is None, other
