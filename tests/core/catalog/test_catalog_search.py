"""Search over the demo catalog: Russian and English word forms, typos, and ranking."""

from __future__ import annotations

import pytest

from core.catalog import api as catalog
from core.shared.uow import Database
from fruktgo.demo_catalog import DEMO_CATEGORIES, DEMO_PRODUCTS

pytestmark = pytest.mark.usefixtures("demo")

APPLES = {"Яблоки Гала", "Яблоки Гренни Смит", "Яблоки Антоновка"}


async def found(db: Database, query: str) -> list[str]:
    """Russian names of the demo products the query finds, best first.

    Each demo category is searched on its own and the hits merged by score, so products other
    tests put in the session's database (in categories of their own) never crowd them out."""
    hits = []
    for category in DEMO_CATEGORIES:
        known = await catalog.category_by_slug(db, category.slug)
        assert known is not None
        hits += await catalog.search_products(db, query, category_id=known.id)
    hits.sort(key=lambda hit: (-hit.rank, -hit.similarity, hit.product_id))
    products = await catalog.get_products(db, [hit.product_id for hit in hits])
    return [products[hit.product_id].name_ru for hit in hits]


@pytest.mark.parametrize("query", ["яблоко", "яблоки", "Яблок", "ЯБЛОКАМИ"])
async def test_russian_word_forms_find_the_apples(db: Database, query: str) -> None:
    assert set((await found(db, query))[:3]) == APPLES


@pytest.mark.parametrize("query", ["apple", "apples", "Apples"])
async def test_english_word_forms_find_the_apples(db: Database, query: str) -> None:
    assert set((await found(db, query))[:3]) == APPLES


@pytest.mark.parametrize("query", ["ябоко", "яблки", "aple", "appels"])
async def test_typos_still_find_the_apples(db: Database, query: str) -> None:
    assert set((await found(db, query))[:3]) == APPLES


@pytest.mark.parametrize(("query", "first"), [
    ("клубника", "Клубника"),
    ("strawberry", "Клубника"),
    ("клубнека", "Клубника"),
    ("strawbery", "Клубника"),
    ("малину", "Малина, 125 г"),
    ("raspberry", "Малина, 125 г"),
    ("свекла", "Свёкла"),
    ("укроп", "Укроп"),
    ("dill", "Укроп"),
    ("петрушка", "Петрушка"),
    ("базилик", "Базилик зелёный"),
    ("basil", "Базилик зелёный"),
    ("картошка молодая", "Картофель молодой"),
])
async def test_either_language_finds_the_product_first(
    db: Database, query: str, first: str
) -> None:
    assert (await found(db, query))[:1] == [first]


async def test_the_exact_product_ranks_first(db: Database) -> None:
    assert (await found(db, "яблоки гала"))[0] == "Яблоки Гала"
    assert (await found(db, "gala apples"))[0] == "Яблоки Гала"
    assert (await found(db, "гренни смит"))[0] == "Яблоки Гренни Смит"
    # A name match outranks a mention in a description: basil goes "with tomatoes".
    tomatoes = await found(db, "томаты")
    assert set(tomatoes[:2]) == {"Томаты черри, 250 г", "Томаты розовые"}
    assert "Базилик зелёный" in tomatoes[2:]
    # Blueberries are "cousins of bilberries" (черника) in their description only.
    assert (await found(db, "черника"))[:2] == ["Черника, 125 г", "Голубика, 125 г"]
    assert (await found(db, "голубика"))[0] == "Голубика, 125 г"


async def test_words_of_two_products_find_both(db: Database) -> None:
    onions = await found(db, "лук")
    assert set(onions[:2]) == {"Лук репчатый", "Лук зелёный"}
    cherries = await found(db, "cherries")
    assert {"Черешня", "Вишня"} <= set(cherries[:3])


async def test_tags_are_searchable_in_both_languages(db: Database) -> None:
    organic = {p.name_ru for p in DEMO_PRODUCTS if "organic" in p.tags}
    assert organic
    assert set(await found(db, "органические")) >= organic
    assert set((await found(db, "organic"))[: len(organic)]) == organic


async def test_nothing_matches_nonsense_or_an_empty_query(db: Database) -> None:
    assert await found(db, "   ") == []
    assert await found(db, "ъъъъ") == []
    assert await found(db, "компьютер") == []
