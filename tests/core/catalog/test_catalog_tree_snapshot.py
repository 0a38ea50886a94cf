"""The category tree's snapshot: changes made in this process show at once, a change rolled back
never shows, and one made by another process shows by id at once and in lists within the TTL."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from catalog_factories import ADMIN, new_category
from sqlalchemy import text

from core.catalog import _snapshot
from core.catalog import api as catalog
from core.catalog.errors import CategoryNotFound
from core.catalog.schemas import CategoryForm, CategoryOut
from core.shared.uow import Database, Transaction


def _form(category: CategoryOut, **changes: object) -> CategoryForm:
    form = CategoryForm(
        slug=category.slug, name_ru=category.name_ru, name_en=category.name_en,
        parent_id=category.parent_id, emoji=category.emoji, photo=category.photo,
        position=category.position,
    )
    return dataclasses.replace(form, **changes)


async def _root_ids(db: Database) -> list[uuid.UUID]:
    return [category.id for category in await catalog.list_categories(db)]


async def test_changes_made_here_are_read_at_once(db: Database) -> None:
    fruit = await new_category(db)
    await _root_ids(db)  # the snapshot is taken now
    citrus = await new_category(db, parent=fruit)

    assert await catalog.get_category(db, citrus.id) == citrus
    assert [c.id for c in await catalog.list_categories(db, fruit.id)] == [citrus.id]
    assert await catalog.subcategory_ids(db, fruit.id) == [fruit.id, citrus.id]

    renamed = await catalog.update_category(db, ADMIN, citrus.id,
                                            _form(citrus, name_ru="Цитрусы", parent_id=None))
    assert (await catalog.get_category(db, citrus.id)).name_ru == "Цитрусы"
    assert await catalog.subcategory_ids(db, fruit.id) == [fruit.id]
    assert citrus.id in await _root_ids(db)
    tree = {node.category.id: node.category for node in await catalog.category_tree(db)}
    assert tree[citrus.id] == renamed

    await catalog.delete_category(db, ADMIN, citrus.id)
    with pytest.raises(CategoryNotFound):
        await catalog.get_category(db, citrus.id)
    assert citrus.id not in await _root_ids(db)


async def test_a_change_rolled_back_never_shows(db: Database) -> None:
    made: list[CategoryOut] = []

    async def change_then_fail(tx: Transaction) -> None:
        made.append(await new_category(tx.db))
        # The transaction reads its own change, and no snapshot keeps it.
        assert made[0].id in await _root_ids(tx.db)
        raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await db.run(change_then_fail)
    assert made[0].id not in await _root_ids(db)
    with pytest.raises(CategoryNotFound):
        await catalog.get_category(db, made[0].id)


async def test_a_category_made_elsewhere_is_found_by_id_at_once_and_listed_within_the_ttl(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = await new_category(db)
    await _root_ids(db)  # the snapshot is taken now
    elsewhere = uuid.uuid4()
    async with db.engine.begin() as conn:  # as another process would
        await conn.execute(
            text(
                "INSERT INTO categories (id, parent_id, slug, name_ru, name_en, position, "
                "created_at, updated_at) VALUES (:id, :parent, :slug, 'Новая', 'New', 0, "
                "now(), now())"
            ),
            {"id": elsewhere, "parent": parent.id, "slug": f"elsewhere-{elsewhere.hex[:12]}"},
        )

    assert (await catalog.get_category(db, elsewhere)).name_en == "New"
    assert await catalog.subcategory_ids(db, elsewhere) == [elsewhere]
    monkeypatch.setattr(_snapshot, "TTL_SECONDS", 0.0)  # the TTL has passed
    assert [c.id for c in await catalog.list_categories(db, parent.id)] == [elsewhere]
    assert await catalog.subcategory_ids(db, parent.id) == [parent.id, elsewhere]
