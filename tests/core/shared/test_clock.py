"""The injectable clock: UTC-aware always; the frozen one moves only when told to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from core.shared.clock import Clock, FrozenClock, SystemClock

MOSCOW = timezone(timedelta(hours=3))


def test_system_clock_is_utc_aware() -> None:
    clock: Clock = SystemClock()
    before = datetime.now(UTC)
    now = clock.now()
    after = datetime.now(UTC)
    assert now.tzinfo is UTC
    assert now.utcoffset() == timedelta(0)
    assert before <= now <= after


def test_frozen_clock_stands_still() -> None:
    clock: Clock = FrozenClock(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    assert clock.now() == clock.now() == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_frozen_clock_has_an_aware_default() -> None:
    now = FrozenClock().now()
    assert now.tzinfo is UTC


def test_frozen_clock_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FrozenClock(datetime(2026, 1, 1, 9, 0))  # noqa: DTZ001 - the point of the test
    clock = FrozenClock()
    with pytest.raises(ValueError, match="timezone-aware"):
        clock.set(datetime(2026, 1, 1, 9, 0))  # noqa: DTZ001 - the point of the test
    assert clock.now() == FrozenClock().now()


def test_frozen_clock_converts_other_zones_to_utc() -> None:
    clock = FrozenClock(datetime(2026, 1, 1, 12, 0, tzinfo=MOSCOW))
    assert clock.now() == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    clock.set(datetime(2026, 6, 1, 3, 0, tzinfo=MOSCOW))
    assert clock.now() == datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC


def test_frozen_clock_advances_and_sets() -> None:
    clock = FrozenClock(datetime(2026, 1, 1, 9, 0, tzinfo=UTC))
    clock.advance(timedelta(minutes=90))
    assert clock.now() == datetime(2026, 1, 1, 10, 30, tzinfo=UTC)
    clock.advance(timedelta(days=1))
    assert clock.now() == datetime(2026, 1, 2, 10, 30, tzinfo=UTC)
    clock.set(datetime(2025, 12, 31, 23, 59, tzinfo=UTC))
    assert clock.now() == datetime(2025, 12, 31, 23, 59, tzinfo=UTC)
    assert clock.now().tzinfo is UTC


def test_frozen_clocks_are_independent() -> None:
    a, b = FrozenClock(), FrozenClock()
    a.advance(timedelta(hours=1))
    assert a.now() - b.now() == timedelta(hours=1)
