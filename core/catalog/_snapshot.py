"""The category tree as the shop windows read it: one snapshot per process, a few seconds old.

Every catalog page asks for a category and the ids below it, and the Mini App for the whole
tree, while the tree changes a few times a month, by an admin. A snapshot read in one query
serves those reads for ``TTL_SECONDS``. That age is safe: a category renamed, moved or added
in another process shows up at most that late, and nothing is decided on it (a category has no
price or stock; an order never names one). In this process a change is seen at once: the
commands that change the tree drop the snapshot, and a transaction that changed the tree reads
the tables until it ends, so no snapshot holds what it might yet roll back.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID
from weakref import WeakSet

from core.catalog._tree import all_categories
from core.catalog.schemas import CategoryOut
from core.shared.uow import Transaction

TTL_SECONDS = 10.0


@dataclass(frozen=True)
class TreeSnapshot:
    """Every category, by id and under its parent (None: the roots), in display order."""

    ordered: tuple[CategoryOut, ...]
    by_id: Mapping[UUID, CategoryOut]
    children: Mapping[UUID | None, tuple[CategoryOut, ...]]

    @classmethod
    def of(cls, categories: Sequence[CategoryOut]) -> TreeSnapshot:
        children: dict[UUID | None, list[CategoryOut]] = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)
        return cls(
            ordered=tuple(categories),
            by_id={category.id: category for category in categories},
            children={parent: tuple(found) for parent, found in children.items()},
        )

    def subtree(self, category_id: UUID) -> list[UUID]:
        """``category_id`` and every id below it, the category first (it must be known)."""
        ids = [category_id]
        for current in ids:  # grows as it goes: breadth first
            ids.extend(child.id for child in self.children.get(current, ()))
        return ids


_snapshot: tuple[float, TreeSnapshot] | None = None
# Bumped by every change, so a snapshot read while the tree changed is not kept.
_generation = 0
_changing: WeakSet[Transaction] = WeakSet()


def forget() -> None:
    """Drop the snapshot: the next read takes a new one."""
    global _snapshot, _generation
    _snapshot = None
    _generation += 1


def tree_changed(tx: Transaction) -> None:
    """Called by every command changing categories, before it changes them."""
    forget()
    if tx not in _changing:
        _changing.add(tx)

        async def after_commit() -> None:
            forget()  # a snapshot taken meanwhile may predate the commit

        tx.after_commit(after_commit)


async def snapshot(tx: Transaction) -> TreeSnapshot | None:
    """The process's snapshot, taken anew when older than ``TTL_SECONDS``; None inside a
    transaction that changed the tree (it reads the tables instead)."""
    global _snapshot
    if tx in _changing:
        return None
    now = time.monotonic()
    if _snapshot is not None and now - _snapshot[0] < TTL_SECONDS:
        return _snapshot[1]
    generation = _generation
    taken = TreeSnapshot.of(await all_categories(tx))
    if generation == _generation:
        _snapshot = (now, taken)
    return taken
