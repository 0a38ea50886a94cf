"""Which image a file is and how big, read from its first bytes; nothing is decoded."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from core.media.errors import MediaInvalid, MediaTypeUnsupported
from core.media.schemas import ImageType

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic
# coding conditioning) sit in the same range but are not frames.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers that stand alone, with no length after them.
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_VP8_START_CODE = b"\x9d\x01\x2a"
_VP8L_SIGNATURE = 0x2F


@dataclass(frozen=True, slots=True)
class Header:
    content_type: ImageType
    width: int
    height: int


def read_header(data: bytes) -> Header:
    """The type and size of a JPEG, PNG or WebP; ``MediaTypeUnsupported`` for anything else,
    ``MediaInvalid`` for one of those whose header is cut short or broken."""
    if data.startswith(_PNG_SIGNATURE):
        return _png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    raise MediaTypeUnsupported()


def _broken(what: str) -> MediaInvalid:
    return MediaInvalid(f"the {what} header is broken")


def _png(data: bytes) -> Header:
    # The first chunk must be IHDR, 13 bytes long, starting with width and height.
    if len(data) < 33 or data[8:16] != b"\x00\x00\x00\x0dIHDR":
        raise _broken("PNG")
    width, height = struct.unpack(">II", data[16:24])
    return Header(ImageType.PNG, width, height)


def _jpeg(data: bytes) -> Header:
    at = 2
    while at < len(data):
        if data[at] != 0xFF:
            raise _broken("JPEG")
        # Any number of 0xFF fill bytes may come before a marker.
        while at < len(data) and data[at] == 0xFF:
            at += 1
        if at >= len(data):
            break
        marker = data[at]
        at += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA):  # end of image, or scan data: no frame header came first
            break
        if at + 2 > len(data):
            break
        (length,) = struct.unpack(">H", data[at : at + 2])
        if length < 2:
            break
        if marker in _JPEG_FRAMES:
            if length < 7 or at + 7 > len(data):
                break
            height, width = struct.unpack(">HH", data[at + 3 : at + 7])
            return Header(ImageType.JPEG, width, height)
        at += length
    raise _broken("JPEG")


def _webp(data: bytes) -> Header:
    if len(data) < 30:
        raise _broken("WebP")
    chunk = data[12:16]
    if chunk == b"VP8 ":
        # A key frame: 3 bytes of frame tag, the start code, then 14-bit width and height.
        if data[23:26] != _VP8_START_CODE:
            raise _broken("WebP")
        width, height = struct.unpack("<HH", data[26:30])
        return Header(ImageType.WEBP, width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":
        if data[20] != _VP8L_SIGNATURE:
            raise _broken("WebP")
        (bits,) = struct.unpack("<I", data[21:25])
        return Header(ImageType.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        # The canvas size, each side minus one in 24 bits.
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return Header(ImageType.WEBP, width, height)
    raise _broken("WebP")
