"""Import aiogram with its Telegram models built on first use instead of all at import.

``aiogram.types`` ends with a loop that rebuilds every one of its ~400 pydantic models, although
they are declared ``defer_build=True``. Each build makes a standalone validator and serializer
that inline those of every type the model can reach (an inline query result holds a copy of most
of the Bot API), so the loop costs ~105 MB resident and ~2.5 s, for a process that only ever
validates ``Update`` and the few methods and keyboards it uses.

:func:`import_aiogram` lets that loop record the namespace the models' forward references need
(the names their modules import under ``TYPE_CHECKING`` only) instead of building, and teaches
aiogram's three model bases to use that namespace whenever pydantic builds one of their models
later. Nothing else changes: the schemas are the same, built by pydantic at the first
validation or serialization of each model. Every process calls it before anything imports
aiogram; when aiogram is in already (the test suite), it does nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

# aiogram's own models whose builds are deferred: the Telegram types (the eager loop's targets).
_TYPES_PACKAGE = "aiogram.types."


def import_aiogram() -> None:
    """Import aiogram, deferring its models' builds to their first use (once per process)."""
    if "aiogram" in sys.modules:
        return  # too late to defer, and building again would only cost time
    namespaces: list[Mapping[str, Any]] = []
    eager = BaseModel.__dict__["model_rebuild"]

    def record_namespace(
        cls: type[BaseModel], /, *, _types_namespace: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> bool | None:
        if _types_namespace is not None and cls.__module__.startswith(_TYPES_PACKAGE):
            if not namespaces:
                namespaces.append(_types_namespace)
            return None  # pydantic builds it when first used, in that namespace (below)
        result: bool | None = eager.__func__(cls, _types_namespace=_types_namespace, **options)
        return result

    BaseModel.model_rebuild = classmethod(record_namespace)  # type: ignore[method-assign,assignment]
    try:
        import aiogram  # noqa: F401  (the import is the point)
    finally:
        BaseModel.model_rebuild = eager  # type: ignore[method-assign]
    if not namespaces:
        return  # aiogram no longer rebuilds at import: nothing was deferred
    _build_in(dict(namespaces[0]))


def _build_in(namespace: Mapping[str, Any]) -> None:
    from aiogram.methods.base import Response, TelegramMethod
    from aiogram.types.base import TelegramObject

    eager = BaseModel.__dict__["model_rebuild"].__func__

    def rebuild(
        cls: type[BaseModel], /, *, _types_namespace: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> bool | None:
        # pydantic rebuilds a deferred model with the namespace of whatever frame touched it
        # first; the Telegram types' forward references resolve only in aiogram's namespace.
        names = namespace if _types_namespace is None else {**namespace, **_types_namespace}
        result: bool | None = eager(cls, _types_namespace=names, **options)
        return result

    # Methods and API responses hold Telegram types, so they are built in the same namespace.
    for base in (TelegramObject, TelegramMethod, Response):
        base.model_rebuild = classmethod(rebuild)  # type: ignore[method-assign,assignment]
