"""Domain events and their subscribers: the in-process half of the event bus.

An event is a frozen dataclass named ``<module>.<past tense>`` that carries ids and facts::

    @dataclass(frozen=True)
    class OrderPlaced(Event, name="orders.placed"):
        order_id: UUID
        total: Money

A module reacts to another module's events in its ``subscribers.py``::

    @subscriber(OrderPlaced)
    async def reserve_stock(tx: Transaction, event: OrderPlaced) -> None: ...

``tx.publish(event)`` stores the event in the outbox inside the running transaction
(core.shared.outbox); the relay later calls each subscriber inside the transaction that marks
its delivery done, so a subscriber's effect happens exactly once. Payloads are JSON built from
the dataclass fields, and read back by their type hints.
"""

from __future__ import annotations

import dataclasses
import re
import types
import uuid
from collections import abc
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import (
    Any,
    ClassVar,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from core.shared.ids import new_id

_EVENT_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
# Set by the publisher and stored in their own outbox columns, not in the payload.
_ENVELOPE = frozenset({"event_id", "occurred_at"})


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every domain event: ``class X(Event, name="module.happened")``.

    ``event_id`` is a UUIDv7 made with the event; ``occurred_at`` is stamped from the
    transaction's clock when the event is published and is always set on delivered events.
    Neither takes part in equality: two events with the same facts are equal.
    """

    event_name: ClassVar[str]

    event_id: uuid.UUID = field(default_factory=new_id, compare=False)
    occurred_at: datetime | None = field(default=None, compare=False)

    def __init_subclass__(cls, name: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if name is None:
            raise TypeError(
                f"event {cls.__qualname__} needs a name: class {cls.__name__}(Event, "
                'name="<module>.<past tense>")'
            )
        if not _EVENT_NAME.fullmatch(name):
            raise ValueError(f"event name {name!r} must look like 'orders.placed'")
        known = _EVENTS.get(name)
        if known is not None and _qualified(known) != _qualified(cls):
            raise ValueError(f"event name {name!r} is taken by {_qualified(known)}")
        cls.event_name = name
        _EVENTS[name] = cls


E = TypeVar("E", bound=Event)
# The first parameter is a core.shared.uow.Transaction; uow imports this module (for the Event
# type), so it is not named here to keep the kernel free of import cycles.
Handler = Callable[[Any, E], Awaitable[None]]

_EVENTS: dict[str, type[Event]] = {}


def _qualified(obj: Any) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def event_type(name: str) -> type[Event]:
    """The event class registered under ``name``; KeyError when none is."""
    try:
        return _EVENTS[name]
    except KeyError:
        raise KeyError(f"no event is registered under {name!r}") from None


def event_types() -> Mapping[str, type[Event]]:
    """Every registered event class by name."""
    return types.MappingProxyType(_EVENTS)


def require_event(event: object) -> Event:
    """Check that ``event`` is an instance of a registered, frozen event dataclass."""
    if not isinstance(event, Event):
        raise TypeError(f"{event!r} is not an Event")
    params = type(event).__dict__.get("__dataclass_params__")
    if params is None or not params.frozen:
        raise TypeError(f"event {_qualified(type(event))} must be a @dataclass(frozen=True)")
    if _EVENTS.get(type(event).event_name) is not type(event):
        raise TypeError(f"event {_qualified(type(event))} is not the registered class for "
                        f"{type(event).event_name!r}")
    return event


# -- subscribers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    """One subscriber of one event; ``name`` is what its deliveries are recorded under."""

    name: str
    event_type: type[Event]
    handler: Callable[[Any, Any], Awaitable[None]]


_SUBSCRIPTIONS: dict[str, dict[str, Subscription]] = {}


def subscriber(
    event_cls: type[E], *, name: str | None = None
) -> Callable[[Handler[E]], Handler[E]]:
    """Register ``async def f(tx, event)`` for ``event_cls`` under ``<module>.<function>``.

    The name is stored with every delivery, so renaming or moving a subscriber starts it afresh
    (old pending deliveries wait for the old name); pass ``name`` to keep it stable.
    """
    if not (isinstance(event_cls, type) and issubclass(event_cls, Event)) or event_cls is Event:
        raise TypeError(f"@subscriber needs an Event subclass, got {event_cls!r}")

    def register(handler: Handler[E]) -> Handler[E]:
        sub_name = name or f"{handler.__module__}.{handler.__qualname__}"
        by_name = _SUBSCRIPTIONS.setdefault(event_cls.event_name, {})
        known = by_name.get(sub_name)
        if known is not None and _qualified(known.handler) != _qualified(handler):
            taken_by = _qualified(known.handler)
            raise ValueError(f"subscriber name {sub_name!r} is taken by {taken_by}")
        by_name[sub_name] = Subscription(sub_name, event_cls, handler)
        return handler

    return register


def subscribers_for(event_name: str) -> list[Subscription]:
    """The subscribers registered in this process for ``event_name``."""
    return list(_SUBSCRIPTIONS.get(event_name, {}).values())


def find_subscription(event_name: str, subscriber_name: str) -> Subscription | None:
    """The subscriber ``subscriber_name`` of ``event_name``, if this process has it."""
    return _SUBSCRIPTIONS.get(event_name, {}).get(subscriber_name)


def subscriber_names() -> set[str]:
    """Names of every subscriber registered in this process."""
    return {name for by_name in _SUBSCRIPTIONS.values() for name in by_name}


# -- JSON payloads -------------------------------------------------------------------------


def to_payload(event: Event) -> dict[str, Any]:
    """The event's facts as JSON-ready values (the envelope fields are stored apart)."""
    require_event(event)
    return {
        f.name: _encode(getattr(event, f.name), f.name)
        for f in dataclasses.fields(event)
        if f.name not in _ENVELOPE
    }


def from_payload(
    name: str, payload: Mapping[str, Any], *, event_id: uuid.UUID, occurred_at: datetime
) -> Event:
    """Rebuild the event registered as ``name`` from its payload and envelope."""
    cls = event_type(name)
    values = _decode_fields(cls, payload)
    return cls(event_id=event_id, occurred_at=occurred_at, **values)


def _encode(value: Any, where: str) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Enum):  # before int/str: StrEnum and IntEnum are both
        return _encode(value.value, where)
    if isinstance(value, int | float):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{where}: datetimes in events must be timezone-aware")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _encode(getattr(value, f.name), f"{where}.{f.name}")
            for f in dataclasses.fields(value)
        }
    if isinstance(value, list | tuple | frozenset | set):
        return [_encode(item, f"{where}[]") for item in value]
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise TypeError(f"{where}: mappings in events need string keys")
        return {key: _encode(item, f"{where}.{key}") for key, item in value.items()}
    raise TypeError(f"{where}: cannot put {type(value).__name__} into an event payload")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = get_type_hints(cls)
    return hints


def _decode_fields(cls: type, payload: Mapping[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    return {
        f.name: _decode(hints[f.name], payload[f.name], f"{cls.__name__}.{f.name}")
        for f in dataclasses.fields(cls)
        if f.init and f.name not in _ENVELOPE and f.name in payload
    }


def _decode(tp: Any, value: Any, where: str) -> Any:
    origin, args = get_origin(tp), get_args(tp)
    if tp is Any:
        return value
    if origin is Union or origin is types.UnionType:
        if value is None and type(None) in args:
            return None
        errors = []
        for option in (arg for arg in args if arg is not type(None)):
            try:
                return _decode(option, value, where)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise ValueError(f"{where}: {value!r} fits none of {tp}: {'; '.join(errors)}")
    if origin is Literal:
        if value not in args:
            raise ValueError(f"{where}: {value!r} is not one of {args}")
        return value
    if origin in (list, tuple, set, frozenset, abc.Sequence, abc.Set):
        if not isinstance(value, list):
            raise TypeError(f"{where}: expected a list, got {value!r}")
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(args) != len(value):
                raise ValueError(f"{where}: expected {len(args)} items, got {len(value)}")
            return tuple(_decode(a, v, f"{where}[]") for a, v in zip(args, value, strict=True))
        items = [_decode(args[0] if args else Any, v, f"{where}[]") for v in value]
        if origin is tuple:
            return tuple(items)
        if origin is set:
            return set(items)
        if origin in (frozenset, abc.Set):
            return frozenset(items)
        return items
    if origin in (dict, abc.Mapping):
        if not isinstance(value, dict):
            raise TypeError(f"{where}: expected an object, got {value!r}")
        item_type = args[1] if len(args) == 2 else Any
        return {k: _decode(item_type, v, f"{where}.{k}") for k, v in value.items()}
    if not isinstance(tp, type):
        raise TypeError(f"{where}: cannot read {tp!r} from an event payload")
    return _decode_scalar(tp, value, where)


def _decode_scalar(tp: type, value: Any, where: str) -> Any:
    if issubclass(tp, Enum):
        return tp(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise TypeError(f"{where}: expected a boolean, got {value!r}")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{where}: expected an integer, got {value!r}")
        return value
    if tp is float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise TypeError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise TypeError(f"{where}: expected a string, got {value!r}")
        return value
    if tp is uuid.UUID:
        return uuid.UUID(value)
    if tp is datetime:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(f"{where}: {value!r} has no timezone")
        return moment
    if tp is date:
        return date.fromisoformat(value)
    if tp is Decimal:
        return Decimal(value)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"{where}: expected an object, got {value!r}")
        return tp(**_decode_fields(tp, value))
    raise TypeError(f"{where}: cannot read {tp.__name__} from an event payload")
