"""The category tree: order, nesting rules, slugs, deletion and who may change it."""

from __future__ import annotations

import dataclasses

import pytest
from catalog_factories import ADMIN, SellerShop, new_category, person, piece_form

from core.auth.errors import PermissionDenied
from core.auth.policy import Role
from core.catalog import api as catalog
from core.catalog.errors import (
    CategoryCycle,
    CategoryNotEmpty,
    CategoryNotFound,
    CategoryTooDeep,
    InvalidEmoji,
    InvalidSlug,
    SlugTaken,
)
from core.catalog.schemas import CategoryForm, CategoryOut
from core.shared.uow import Database


def _form(category: CategoryOut, **changes: object) -> CategoryForm:
    form = CategoryForm(
        slug=category.slug, name_ru=category.name_ru, name_en=category.name_en,
        parent_id=category.parent_id, emoji=category.emoji, photo=category.photo,
        position=category.position,
    )
    return dataclasses.replace(form, **changes)


async def test_children_come_in_position_order_and_the_tree_nests_them(db: Database) -> None:
    second = await new_category(db, position=2)
    first = await new_category(db, position=1)
    late = await new_category(db, parent=first, position=5)
    early = await new_category(db, parent=first, position=0)
    grandchild = await new_category(db, parent=late)

    children = await catalog.list_categories(db, first.id)
    assert [c.id for c in children] == [early.id, late.id]

    tree = await catalog.category_tree(db)
    roots = [node.category.id for node in tree]
    assert roots.index(first.id) < roots.index(second.id)
    node = next(node for node in tree if node.category.id == first.id)
    assert [child.category.id for child in node.children] == [early.id, late.id]
    assert [c.id for c in node.walk()] == [first.id, early.id, late.id, grandchild.id]
    assert set(await catalog.subcategory_ids(db, first.id)) == {
        first.id, early.id, late.id, grandchild.id
    }


async def test_names_in_both_languages_and_a_lookup_by_slug(db: Database) -> None:
    fruit = await new_category(db, name_ru="Цитрусовые", name_en="Citrus fruit", emoji="🍋")
    assert fruit.name("ru") == "Цитрусовые"
    assert fruit.name("en") == "Citrus fruit"
    assert fruit.name(None) == "Цитрусовые"
    found = await catalog.category_by_slug(db, fruit.slug.upper())
    assert found is not None
    assert found.id == fruit.id
    assert await catalog.category_by_slug(db, "no-such-category") is None


async def test_a_category_cannot_move_under_itself_or_its_descendants(db: Database) -> None:
    top = await new_category(db)
    child = await new_category(db, parent=top)
    with pytest.raises(CategoryCycle):
        await catalog.update_category(db, ADMIN, top.id, _form(top, parent_id=child.id))
    with pytest.raises(CategoryCycle):
        await catalog.update_category(db, ADMIN, top.id, _form(top, parent_id=top.id))
    assert (await catalog.get_category(db, top.id)).parent_id is None


async def test_nesting_stops_at_three_levels(db: Database) -> None:
    one = await new_category(db)
    two = await new_category(db, parent=one)
    three = await new_category(db, parent=two)
    with pytest.raises(CategoryTooDeep):
        await new_category(db, parent=three)

    # Moving a two-level branch under a second-level category would make four levels.
    branch = await new_category(db)
    await new_category(db, parent=branch)
    with pytest.raises(CategoryTooDeep):
        await catalog.update_category(db, ADMIN, branch.id, _form(branch, parent_id=two.id))
    moved = await catalog.update_category(db, ADMIN, branch.id, _form(branch, parent_id=one.id))
    assert moved.parent_id == one.id


async def test_slugs_are_checked_and_unique(db: Database) -> None:
    taken = await new_category(db)
    with pytest.raises(InvalidSlug):
        await new_category(db, slug="Фрукты")
    with pytest.raises(InvalidSlug):
        await new_category(db, slug="double--hyphen")
    with pytest.raises(SlugTaken):
        await new_category(db, slug=taken.slug)
    other = await new_category(db)
    with pytest.raises(SlugTaken):
        await catalog.update_category(db, ADMIN, other.id, _form(other, slug=taken.slug))
    with pytest.raises(InvalidEmoji):
        await new_category(db, emoji="Ф")


async def test_only_an_empty_category_can_be_deleted(db: Database) -> None:
    parent = await new_category(db)
    child = await new_category(db, parent=parent)
    with pytest.raises(CategoryNotEmpty):
        await catalog.delete_category(db, ADMIN, parent.id)
    await catalog.create_product(db, ADMIN, piece_form(child.id))
    with pytest.raises(CategoryNotEmpty):
        await catalog.delete_category(db, ADMIN, child.id)

    empty = await new_category(db)
    await catalog.delete_category(db, ADMIN, empty.id)
    with pytest.raises(CategoryNotFound):
        await catalog.get_category(db, empty.id)


async def test_only_admins_manage_categories(db: Database, shop: SellerShop) -> None:
    form = CategoryForm(slug="sellers-own-category", name_ru="Моя", name_en="Mine")
    for actor in (shop.owner, shop.staff(Role.MANAGER), person()):
        with pytest.raises(PermissionDenied):
            await catalog.create_category(db, actor, form)
    existing = await new_category(db)
    with pytest.raises(PermissionDenied):
        await catalog.update_category(db, shop.owner, existing.id, _form(existing, position=9))
    with pytest.raises(PermissionDenied):
        await catalog.delete_category(db, shop.owner, existing.id)
