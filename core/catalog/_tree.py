"""The category tree: ordering, building nodes, and keeping it a tree when categories move."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import BindParameter, Uuid, bindparam, func, literal, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import CTE

from core.catalog._models import Category
from core.catalog._rows import category_out
from core.catalog.errors import CategoryCycle, CategoryNotFound, CategoryTooDeep
from core.catalog.schemas import CategoryNode, CategoryOut
from core.shared.uow import Transaction

# Fruit > Citrus > Lemons is as deep as a shopper will click.
MAX_DEPTH = 3
# Serializes moves in the tree: two admins moving A under B and B under A at once would
# otherwise both pass the cycle check.
_TREE_LOCK = 0x6361_7467  # "catg"

ORDER = (Category.position, Category.name_ru, Category.id)


async def lock_tree(tx: Transaction) -> None:
    """Hold the tree's lock until the transaction ends."""
    await tx.session.execute(select(func.pg_advisory_xact_lock(_TREE_LOCK)))


async def all_categories(tx: Transaction) -> list[CategoryOut]:
    """Every category, in display order (parents not necessarily first)."""
    rows = (await tx.session.scalars(select(Category).order_by(*ORDER))).all()
    return [category_out(row) for row in rows]


def build_tree(categories: Sequence[CategoryOut]) -> list[CategoryNode]:
    """Nest ``categories`` (in display order) under their parents; the roots, in order."""
    children: dict[UUID | None, list[CategoryOut]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)

    def node(category: CategoryOut) -> CategoryNode:
        return CategoryNode(category, tuple(node(c) for c in children.get(category.id, ())))

    return [node(root) for root in children.get(None, ())]


def subtree_ids(category_id: UUID | BindParameter[UUID]) -> CTE:
    """A recursive CTE of ``category_id`` and every category below it."""
    tree = (
        select(Category.id.label("id"))
        .where(Category.id == category_id)
        .cte("category_subtree", recursive=True)
    )
    child = aliased(Category)
    return tree.union_all(select(child.id).where(child.parent_id == tree.c.id))


# ``subtree_ids`` for any category, built once: building it costs more than running it.
_SUBTREE = subtree_ids(bindparam("subtree_root", type_=Uuid()))
_SUBTREE_IDS = select(_SUBTREE.c.id)


async def ids_below(tx: Transaction, category_id: UUID) -> list[UUID]:
    """``category_id`` and the ids below it; empty if there is no such category."""
    return list((await tx.session.scalars(_SUBTREE_IDS, {"subtree_root": category_id})).all())


async def depth_of(tx: Transaction, category_id: UUID) -> int:
    """1 for a root, 2 for its child, ...; raises if the category does not exist."""
    ancestors = (
        select(Category.id.label("id"), Category.parent_id.label("parent_id"),
               literal(1).label("depth"))
        .where(Category.id == category_id)
        .cte("ancestors", recursive=True)
    )
    parent = aliased(Category)
    ancestors = ancestors.union_all(
        select(parent.id, parent.parent_id, ancestors.c.depth + 1)
        .where(parent.id == ancestors.c.parent_id, ancestors.c.depth <= MAX_DEPTH + 1)
    )
    depth = await tx.session.scalar(select(func.max(ancestors.c.depth)))
    if depth is None:
        raise CategoryNotFound(category_id=category_id)
    return int(depth)


async def height_of(tx: Transaction, category_id: UUID) -> int:
    """1 for a leaf, 2 if it has children but no grandchildren, ..."""
    below = (
        select(Category.id.label("id"), literal(1).label("level"))
        .where(Category.id == category_id)
        .cte("below", recursive=True)
    )
    child = aliased(Category)
    below = below.union_all(
        select(child.id, below.c.level + 1)
        .where(child.parent_id == below.c.id, below.c.level <= MAX_DEPTH + 1)
    )
    return int(await tx.session.scalar(select(func.max(below.c.level))) or 1)


async def is_below(tx: Transaction, candidate: UUID, category_id: UUID) -> bool:
    """Whether ``candidate`` is ``category_id`` or one of its descendants."""
    tree = subtree_ids(category_id)
    found = await tx.session.scalar(select(tree.c.id).where(tree.c.id == candidate).limit(1))
    return found is not None


async def check_placement(
    tx: Transaction, category_id: UUID | None, parent_id: UUID | None
) -> None:
    """Refuse a parent that makes a cycle or nests deeper than ``MAX_DEPTH`` levels."""
    parent_depth = 0 if parent_id is None else await depth_of(tx, parent_id)
    height = 1
    if category_id is not None:
        if parent_id is not None and await is_below(tx, parent_id, category_id):
            raise CategoryCycle(category_id=category_id, parent_id=parent_id)
        height = await height_of(tx, category_id)
    if parent_depth + height > MAX_DEPTH:
        raise CategoryTooDeep(maximum=MAX_DEPTH)
