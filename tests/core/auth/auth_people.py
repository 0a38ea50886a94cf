"""Types of the auth test fixtures (conftest.py is not importable by name: several exist)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from core.auth.policy import Actor

NewPerson = Callable[..., Awaitable[int]]
ActorOf = Callable[[int], Awaitable[Actor]]
