"""new_id: RFC 9562 version 7 UUIDs, ordered by time and strictly increasing within a process."""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace

import pytest

from core.shared import ids
from core.shared.ids import new_id


class FakeTime:
    """Stands in for the ``time`` module inside core.shared.ids, in milliseconds."""

    def __init__(self, millis: int) -> None:
        self.millis = millis

    def time_ns(self) -> int:
        return self.millis * 1_000_000 + 123_456


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime(1_767_258_000_000)  # 2026-01-01 09:00 UTC
    monkeypatch.setattr(ids, "time", SimpleNamespace(time_ns=fake.time_ns))
    # Start from a clean slate and put the real state back afterwards.
    monkeypatch.setattr(ids, "_last_millis", -1)
    monkeypatch.setattr(ids, "_last_counter", 0)
    return fake


def millis_of(value: uuid.UUID) -> int:
    return value.int >> 80


def test_version_and_variant_bits() -> None:
    for _ in range(1000):
        value = new_id()
        assert value.version == 7
        assert value.variant == uuid.RFC_4122
        assert (value.int >> 76) & 0xF == 7
        assert (value.int >> 62) & 0b11 == 0b10


def test_timestamp_is_the_current_unix_millisecond() -> None:
    before = time.time_ns() // 1_000_000
    value = new_id()
    after = time.time_ns() // 1_000_000
    assert before <= millis_of(value) <= after


def test_timestamp_follows_the_clock(fake_time: FakeTime) -> None:
    assert millis_of(new_id()) == fake_time.millis
    fake_time.millis += 5000
    assert millis_of(new_id()) == fake_time.millis


def test_ids_sort_by_millisecond(fake_time: FakeTime) -> None:
    generated = []
    for _ in range(200):
        generated.append(new_id())
        fake_time.millis += 1
    assert generated == sorted(generated)
    assert [millis_of(v) for v in generated] == list(
        range(millis_of(generated[0]), millis_of(generated[0]) + 200)
    )


def test_ids_within_one_millisecond_are_strictly_increasing(fake_time: FakeTime) -> None:
    generated = [new_id() for _ in range(5000)]
    assert all(a < b for a, b in zip(generated, generated[1:], strict=False))
    assert {millis_of(v) for v in generated} == {fake_time.millis}


def test_a_clock_stepping_back_does_not_break_the_order(fake_time: FakeTime) -> None:
    first = new_id()
    fake_time.millis -= 10_000
    second = new_id()
    assert second > first
    assert millis_of(second) == millis_of(first)


def test_an_exhausted_millisecond_borrows_the_next(
    fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = new_id()
    monkeypatch.setattr(ids, "_last_counter", ids._COUNTER_MAX)
    second = new_id()
    assert second > first
    assert millis_of(second) == fake_time.millis + 1
    assert second.version == 7
    assert second.variant == uuid.RFC_4122


def test_unique_and_increasing_over_many() -> None:
    generated = [new_id() for _ in range(100_000)]
    assert len(set(generated)) == len(generated)
    assert generated == sorted(generated)
    assert all(value.version == 7 for value in generated)


def test_random_bits_differ_between_milliseconds(fake_time: FakeTime) -> None:
    # The counter is reseeded at random each millisecond, so ids are not guessable from time.
    seen = set()
    for _ in range(50):
        seen.add(new_id().int & ((1 << 76) - 1))
        fake_time.millis += 1
    assert len(seen) == 50
