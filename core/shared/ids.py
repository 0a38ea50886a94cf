"""Identifiers: time-ordered UUIDs (version 7) so that new rows land at the end of the index.

Within one process the ids are strictly increasing (RFC 9562, method 1: a counter seeded at
random each millisecond), so rows written in the same millisecond still sort in creation order
and a clock that steps back never makes an id sort before an earlier one.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_MILLIS_MASK = (1 << 48) - 1
_COUNTER_BITS = 42  # 12 bits of rand_a and the top 30 bits of rand_b
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1
_TAIL_BITS = 32  # the rest of rand_b stays random on every call

_lock = threading.Lock()
_last_millis = -1
_last_counter = 0


def _fresh_counter() -> int:
    # The top bit starts clear so a busy millisecond has 2**41 increments of room.
    return int.from_bytes(os.urandom(6), "big") >> (48 - _COUNTER_BITS + 1)


def new_id() -> uuid.UUID:
    """A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version, variant, counter, random."""
    global _last_millis, _last_counter
    now = time.time_ns() // 1_000_000
    with _lock:
        if now > _last_millis:
            millis, counter = now, _fresh_counter()
        else:
            millis, counter = _last_millis, _last_counter + 1
            if counter > _COUNTER_MAX:
                # Out of room in this millisecond: borrow the next one rather than repeat.
                millis, counter = millis + 1, _fresh_counter()
        _last_millis, _last_counter = millis, counter
    tail = int.from_bytes(os.urandom(4), "big")
    value = (
        ((millis & _MILLIS_MASK) << 80)
        | (0x7 << 76)
        | ((counter >> 30) << 64)
        | (0b10 << 62)
        | ((counter & ((1 << 30) - 1)) << _TAIL_BITS)
        | tail
    )
    return uuid.UUID(int=value)
