"""Events: names, the registry, JSON payloads both ways, subscriber registration."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Any

import pytest

from core.shared.events import (
    Event,
    event_type,
    find_subscription,
    from_payload,
    require_event,
    subscriber,
    subscribers_for,
    to_payload,
)
from core.shared.money import Money


class Colour(StrEnum):
    RED = "red"
    GREEN = "green"


class Size(IntEnum):
    SMALL = 1
    LARGE = 2


@dataclass(frozen=True)
class Line:
    sku: str
    grams: int
    price: Money


@dataclass(frozen=True)
class Everything(Event, name="events_test.everything_happened"):
    order_id: uuid.UUID
    at: datetime
    on: date
    count: int
    label: str
    flag: bool
    colour: Colour
    size: Size
    lines: list[Line]
    tags: tuple[str, ...]
    scores: dict[str, int]
    total: Money
    ratio: Decimal
    latitude: float
    note: str | None = None
    parent_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Pinged(Event, name="events_test.pinged"):
    target_id: uuid.UUID


def _everything() -> Everything:
    return Everything(
        order_id=uuid.uuid4(),
        at=datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=3))),
        on=date(2026, 3, 1),
        count=3,
        label="яблоки",
        flag=True,
        colour=Colour.GREEN,
        size=Size.LARGE,
        lines=[Line("apple", 1620, Money.rub(199, 90)), Line("pear", 500, Money(12345))],
        tags=("fresh", "local"),
        scores={"taste": 5},
        total=Money.rub(400),
        ratio=Decimal("1.10"),
        latitude=55.75,
        parent_id=uuid.uuid4(),
    )


def test_payload_round_trips_through_json() -> None:
    event = _everything()
    payload = json.loads(json.dumps(to_payload(event)))
    occurred = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

    back = from_payload(
        "events_test.everything_happened", payload, event_id=event.event_id, occurred_at=occurred
    )

    assert back == event
    assert isinstance(back, Everything)
    assert back.event_id == event.event_id
    assert back.occurred_at == occurred
    assert isinstance(back.lines[0].price, Money)
    assert back.colour is Colour.GREEN
    assert back.size is Size.LARGE
    assert back.at.utcoffset() == timedelta(hours=3)
    assert back.note is None


def test_payload_leaves_the_envelope_out_and_uses_plain_json() -> None:
    event = _everything()
    payload = to_payload(event)

    assert "event_id" not in payload
    assert "occurred_at" not in payload
    assert payload["order_id"] == str(event.order_id)
    assert payload["colour"] == "green"
    assert payload["size"] == 2
    assert payload["lines"][0] == {"sku": "apple", "grams": 1620,
                                   "price": {"minor": 19990, "currency": "RUB"}}
    assert payload["ratio"] == "1.10"


def test_naive_datetimes_are_refused() -> None:
    event = Pinged(target_id=uuid.uuid4())
    naive = {**to_payload(_everything()), "at": "2026-03-01T12:30:00"}

    with pytest.raises(ValueError, match="timezone"):
        from_payload("events_test.everything_happened", naive, event_id=event.event_id,
                     occurred_at=datetime.now(UTC))
    with pytest.raises(ValueError, match="timezone-aware"):
        to_payload(replace(_everything(), at=datetime(2026, 1, 1)))  # noqa: DTZ001


def test_wrong_payload_types_are_refused() -> None:
    payload = {**to_payload(_everything()), "count": "3"}

    with pytest.raises(TypeError, match="count"):
        from_payload("events_test.everything_happened", payload, event_id=uuid.uuid4(),
                     occurred_at=datetime.now(UTC))


def test_unsupported_values_are_refused() -> None:
    weird: Any = object()

    with pytest.raises(TypeError, match="label"):
        to_payload(replace(_everything(), label=weird))


def test_equality_ignores_the_envelope() -> None:
    target = uuid.uuid4()

    assert Pinged(target_id=target) == Pinged(target_id=target)
    assert Pinged(target_id=target).event_id != Pinged(target_id=target).event_id


def test_registry_finds_events_by_name() -> None:
    assert event_type("events_test.pinged") is Pinged
    assert Pinged.event_name == "events_test.pinged"
    with pytest.raises(KeyError):
        event_type("events_test.never_happened")


def test_an_event_needs_a_well_formed_unique_name() -> None:
    with pytest.raises(TypeError, match="needs a name"):

        class Nameless(Event):
            pass

    with pytest.raises(ValueError, match="must look like"):

        class BadName(Event, name="Orders Placed"):
            pass

    with pytest.raises(ValueError, match="taken by"):

        class Impostor(Event, name="events_test.pinged"):
            pass

    assert event_type("events_test.pinged") is Pinged


def test_events_must_be_frozen_dataclasses() -> None:
    with pytest.raises(TypeError):

        @dataclass
        class Thawed(Event, name="events_test.thawed"):
            value: int

    class Undecorated(Event, name="events_test.undecorated"):
        pass

    with pytest.raises(TypeError, match="frozen"):
        require_event(Undecorated())
    with pytest.raises(TypeError, match="not an Event"):
        require_event(object())


async def _on_pinged(tx: Any, event: Pinged) -> None:
    pass


async def _also_on_pinged(tx: Any, event: Pinged) -> None:
    pass


def test_subscribers_are_registered_by_module_and_function_name() -> None:
    subscriber(Pinged)(_on_pinged)
    subscriber(Pinged, name="events_test.explicit")(_also_on_pinged)

    names = {s.name for s in subscribers_for("events_test.pinged")}
    found = find_subscription("events_test.pinged", f"{__name__}._on_pinged")

    assert names == {f"{__name__}._on_pinged", "events_test.explicit"}
    assert found is not None
    assert found.handler is _on_pinged
    assert found.event_type is Pinged
    assert subscribers_for("events_test.everything_happened") == []


def test_a_subscriber_name_belongs_to_one_function() -> None:
    subscriber(Pinged, name="events_test.owned")(_on_pinged)

    with pytest.raises(ValueError, match="taken by"):
        subscriber(Pinged, name="events_test.owned")(_also_on_pinged)
    with pytest.raises(TypeError):
        subscriber(Event)
    with pytest.raises(TypeError):
        subscriber(Line)  # type: ignore[type-var]

