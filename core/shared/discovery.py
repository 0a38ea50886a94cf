"""Finds the domain modules, so that metadata, subscribers and tasks are complete everywhere."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from types import ModuleType

import core

# Public faces that register something when imported: tables (through api), subscribers, tasks.
_REGISTERING_FACES = ("api", "subscribers", "tasks")


def domain_modules() -> list[str]:
    """Names of the domain module packages (``core.orders``, ...), the kernel excluded."""
    return sorted(
        f"core.{info.name}"
        for info in pkgutil.iter_modules(core.__path__)
        if info.ispkg and info.name != "shared"
    )


def import_domain() -> list[ModuleType]:
    """Import every module's registering faces; returns what was imported."""
    imported = [importlib.import_module("core.shared.outbox")]
    for package in domain_modules():
        for face in _REGISTERING_FACES:
            name = f"{package}.{face}"
            if importlib.util.find_spec(name) is not None:
                imported.append(importlib.import_module(name))
    return imported
