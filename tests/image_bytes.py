"""Tiny images built byte by byte for tests: `png_bytes(w, h)` and `jpeg_bytes(w, h)` are
complete files a browser can decode; `webp_bytes(w, h)` is a lossless WebP whose header is right
(enough for anything that reads sizes) but whose pixels are not meant to be decoded."""

from __future__ import annotations

import struct
import zlib

__all__ = ["jpeg_bytes", "png_bytes", "webp_bytes"]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bytes(width: int, height: int, rgb: tuple[int, int, int] = (120, 200, 80)) -> bytes:
    """A valid single-colour 8-bit RGB PNG of the given size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + bytes(rgb) * width  # filter byte 0 (none) then the pixels
    pixels = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_bytes(width: int, height: int) -> bytes:
    """A valid baseline greyscale JPEG (mid grey) of the given size."""
    # One Huffman code of length 1 per table: DC "difference 0" and AC "end of block" are both
    # the bit 0, so every 8x8 block is two zero bits.
    one_symbol = bytes([1] + [0] * 15) + b"\x00"
    dqt = _jpeg_segment(0xDB, b"\x00" + bytes([1] * 64))
    sof0 = _jpeg_segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    dht = _jpeg_segment(0xC4, b"\x00" + one_symbol + b"\x10" + one_symbol)
    sos = _jpeg_segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    blocks = -(-width // 8) * -(-height // 8)
    bits = 2 * blocks
    data = bytearray(bits // 8)
    if bits % 8:
        data.append((1 << (8 - bits % 8)) - 1)  # decoders expect one-bits as the padding
    jfif = _jpeg_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    return b"\xff\xd8" + jfif + dqt + sof0 + dht + sos + bytes(data) + b"\xff\xd9"


def webp_bytes(width: int, height: int) -> bytes:
    """A lossless (VP8L) WebP container with the given size in its header."""
    bits = (width - 1) | ((height - 1) << 14)  # alpha flag and version stay 0
    payload = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 11
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    body = b"WEBP" + chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body
