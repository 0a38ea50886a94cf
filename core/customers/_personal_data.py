"""The personal-data export: a JSON document each module adds its own section to."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from core.shared.uow import Transaction

ExportSection = Callable[[Transaction, int], Awaitable[Any]]
"""``async def section(tx, customer_id)``: what this module stores about the person."""

EXPORT_FORMAT = "fruktgo.personal-data.v1"

_SECTIONS: dict[str, ExportSection] = {}


def register_section(name: str, section: ExportSection) -> None:
    """Add ``section`` to every export under ``name``; a name belongs to one function."""
    known = _SECTIONS.get(name)
    if known is not None and _qualified(known) != _qualified(section):
        raise ValueError(f"export section {name!r} is taken by {_qualified(known)}")
    _SECTIONS[name] = section


def sections() -> Mapping[str, ExportSection]:
    return dict(_SECTIONS)


def _qualified(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


async def build_export(tx: Transaction, customer_id: int) -> dict[str, Any]:
    """Every registered section, in name order, as JSON-ready values."""
    content = {
        name: jsonable(await _SECTIONS[name](tx, customer_id)) for name in sorted(_SECTIONS)
    }
    return {
        "format": EXPORT_FORMAT,
        "generated_at": tx.clock.now().isoformat(),
        "customer_id": customer_id,
        "sections": content,
    }


def jsonable(value: Any) -> Any:
    """Dataclasses, enums, ids, times and decimals turned into plain JSON values."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    raise TypeError(f"cannot export a {type(value).__name__}")
