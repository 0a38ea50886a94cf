"""The demo catalog: categories, ~50 products of fruit, berries, vegetables and greens, and the
offers of the demo shops (different ranges and prices: one sells fruit and berries, the other
vegetables and greens from farms near Moscow).

Prices are in kopecks, per kilogram for weight goods and per piece (a bunch, a punnet) for piece
goods, typical of Moscow greengrocers. Seeding is idempotent item by item: a category is known by
its slug, a platform product by its Russian name, an offer by its shop and product; what exists
is left alone, so the sandbox can seed on every start and new demo items appear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

import structlog

from core.auth import api as auth
from core.auth.policy import Actor, Role
from core.catalog import api as catalog
from core.catalog.schemas import CategoryForm, ProductForm, Tag, Unit
from core.inventory import api as inventory
from core.shared.money import Money
from core.shared.uow import Database, Transaction
from core.storefront import api as storefront
from core.storefront.schemas import OfferForm

log = structlog.get_logger(__name__)

SEASONAL, LOCAL, ORGANIC = Tag.SEASONAL, Tag.LOCAL, Tag.ORGANIC


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name_ru: str
    name_en: str
    emoji: str


@dataclass(frozen=True)
class DemoProduct:
    category: str  # slug
    name_ru: str
    name_en: str
    description_ru: str
    description_en: str
    unit: Unit
    step_grams: int | None  # weight goods only
    piece_grams: int | None
    tags: frozenset[Tag]
    # Kopecks per kg or per piece in each demo shop (fruktgo.demo.DEMO_SHOPS order), and the
    # struck-through old price if any; None: that shop does not sell it.
    prices: tuple[tuple[int, int | None] | None, ...]


DEMO_CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory("fruit", "Фрукты", "Fruit", "🍎"),
    DemoCategory("berries", "Ягоды", "Berries", "🍓"),
    DemoCategory("vegetables", "Овощи", "Vegetables", "🥕"),
    DemoCategory("greens", "Зелень", "Greens", "🌿"),
)


def _kg(
    category: str, ru: str, en: str, about_ru: str, about_en: str, step: int, piece: int | None,
    *prices: tuple[int, int | None] | None, tags: Sequence[Tag] = (),
) -> DemoProduct:
    return DemoProduct(category, ru, en, about_ru, about_en, Unit.WEIGHT, step, piece,
                       frozenset(tags), prices)


def _pc(
    category: str, ru: str, en: str, about_ru: str, about_en: str, piece: int | None,
    *prices: tuple[int, int | None] | None, tags: Sequence[Tag] = (),
) -> DemoProduct:
    return DemoProduct(category, ru, en, about_ru, about_en, Unit.PIECE, None, piece,
                       frozenset(tags), prices)


DEMO_PRODUCTS: tuple[DemoProduct, ...] = (
    # -- fruit ---------------------------------------------------------------------------------
    _kg("fruit", "Яблоки Гала", "Gala apples",
        "Сладкие хрустящие яблоки с тонкой кожицей.", "Sweet, crisp apples with a thin skin.",
        100, 180, (18900, 21900), (16900, None)),
    _kg("fruit", "Яблоки Гренни Смит", "Granny Smith apples",
        "Зелёные яблоки с кислинкой, хороши для шарлотки.",
        "Tart green apples, good for baking.",
        100, 200, (22900, None), (21900, None)),
    _kg("fruit", "Яблоки Антоновка", "Antonovka apples",
        "Ароматные осенние яблоки из подмосковных садов.",
        "Fragrant autumn apples from orchards near Moscow.",
        100, 170, None, (12900, None), tags=(LOCAL, SEASONAL)),
    _kg("fruit", "Груши Конференция", "Conference pears",
        "Сочные сладкие груши.", "Juicy, sweet pears.",
        100, 200, (28900, None), (27900, None)),
    _kg("fruit", "Бананы", "Bananas",
        "Спелые бананы из Эквадора.", "Ripe bananas from Ecuador.",
        100, 180, (15900, None), (14900, None)),
    _kg("fruit", "Апельсины", "Oranges",
        "Сочные апельсины для свежевыжатого сока.", "Juicy oranges for fresh juice.",
        100, 250, (21900, 24900), None),
    _kg("fruit", "Мандарины абхазские", "Abkhazian mandarins",
        "Сладкие мандарины с листиками.", "Sweet mandarins with their leaves.",
        100, 90, (24900, None), (22900, None), tags=(SEASONAL,)),
    _pc("fruit", "Лимоны", "Lemons",
        "Ароматные лимоны к чаю и рыбе.", "Fragrant lemons for tea and fish.",
        130, (5900, None), (6500, None)),
    _pc("fruit", "Лаймы", "Limes",
        "Для лимонадов и азиатской кухни.", "For lemonades and Asian cooking.",
        70, (4900, None), None),
    _kg("fruit", "Грейпфруты", "Grapefruits",
        "Красные грейпфруты с горчинкой.", "Ruby grapefruits, pleasantly bitter.",
        100, 400, (23900, None), None),
    _pc("fruit", "Киви", "Kiwi fruit",
        "Спелые киви, можно есть сразу.", "Ripe kiwi, ready to eat.",
        80, (3500, None), None),
    _kg("fruit", "Виноград кишмиш белый", "White seedless grapes",
        "Сладкий виноград без косточек.", "Sweet grapes without seeds.",
        100, None, (39900, None), None),
    _kg("fruit", "Виноград Ред Глоуб", "Red Globe grapes",
        "Крупный красный виноград с косточками.", "Large red grapes with seeds.",
        100, None, (34900, None), None),
    _pc("fruit", "Ананас", "Pineapple",
        "Спелый ананас из Коста-Рики.", "A ripe pineapple from Costa Rica.",
        1500, (29900, None), None),
    _pc("fruit", "Манго", "Mango",
        "Спелое манго из Перу.", "A ripe mango from Peru.",
        350, (19900, 22900), None),
    _kg("fruit", "Хурма королёк", "Sharon persimmons",
        "Сладкая хурма, не вяжет.", "Sweet persimmons that never pucker.",
        100, 200, (32900, None), None, tags=(SEASONAL,)),
    _kg("fruit", "Гранаты", "Pomegranates",
        "Крупные гранаты из Азербайджана.", "Large pomegranates from Azerbaijan.",
        100, 350, (38900, None), None),
    _pc("fruit", "Авокадо Хасс", "Hass avocados",
        "Авокадо для тостов и гуакамоле.", "Avocados for toast and guacamole.",
        200, (12900, None), (13900, None)),
    # -- berries -------------------------------------------------------------------------------
    _kg("berries", "Клубника", "Strawberries",
        "Сладкая ароматная клубника.", "Sweet, fragrant strawberries.",
        250, 20, (99000, None), None, tags=(SEASONAL,)),
    _pc("berries", "Черника, 125 г", "Wild blueberries, 125 g",
        "Лесная ягода из Карелии, лоток 125 г.", "Forest berries from Karelia, a 125 g punnet.",
        125, (34900, None), None, tags=(LOCAL,)),
    _pc("berries", "Голубика, 125 г", "Blueberries, 125 g",
        "Крупная садовая ягода, родственница черники.",
        "Large cultivated berries, cousins of bilberries.",
        125, (29900, 34900), None),
    _pc("berries", "Малина, 125 г", "Raspberries, 125 g",
        "Нежная сладкая малина.", "Tender, sweet raspberries.",
        125, (34900, None), None),
    _pc("berries", "Ежевика, 125 г", "Blackberries, 125 g",
        "Крупная чёрная ягода.", "Large dark berries.",
        125, (32900, None), None),
    _pc("berries", "Смородина красная, 200 г", "Redcurrants, 200 g",
        "Кисло-сладкая ягода для морсов.", "Sweet-and-sour berries for fruit drinks.",
        200, (24900, None), (22900, None), tags=(LOCAL, SEASONAL)),
    _kg("berries", "Крыжовник", "Gooseberries",
        "Зелёный крыжовник с дачных участков.", "Green gooseberries from country gardens.",
        100, None, None, (39900, None), tags=(LOCAL, SEASONAL)),
    _kg("berries", "Клюква", "Cranberries",
        "Болотная клюква из Вологодской области.", "Bog cranberries from the Vologda region.",
        100, None, (69900, None), (59900, None), tags=(LOCAL,)),
    _kg("berries", "Брусника", "Lingonberries",
        "Лесная брусника для варенья и морса.", "Forest lingonberries for jam and drinks.",
        100, None, None, (74900, None), tags=(LOCAL,)),
    _kg("berries", "Черешня", "Sweet cherries",
        "Тёмная сладкая черешня.", "Dark, sweet cherries.",
        100, None, (79900, None), None, tags=(SEASONAL,)),
    _kg("berries", "Вишня", "Sour cherries",
        "Кислая вишня для пирогов и вареников.", "Sour cherries for pies and dumplings.",
        100, None, None, (59900, None), tags=(LOCAL, SEASONAL)),
    # -- vegetables ----------------------------------------------------------------------------
    _pc("vegetables", "Томаты черри, 250 г", "Cherry tomatoes, 250 g",
        "Сладкие маленькие томаты на ветке.", "Sweet little tomatoes on the vine.",
        250, (19900, None), (17900, None)),
    _kg("vegetables", "Томаты розовые", "Pink tomatoes",
        "Мясистые розовые томаты для салата.", "Meaty pink tomatoes for salads.",
        100, 200, (44900, None), (39900, 45900)),
    _kg("vegetables", "Огурцы короткоплодные", "Short cucumbers",
        "Хрустящие огурцы из подмосковной теплицы.",
        "Crunchy cucumbers from a greenhouse near Moscow.",
        100, 120, (25900, None), (22900, None), tags=(LOCAL,)),
    _kg("vegetables", "Картофель молодой", "New potatoes",
        "Молодой картофель с тонкой кожурой.", "New potatoes with a thin skin.",
        500, 120, None, (8900, None), tags=(LOCAL, SEASONAL)),
    _kg("vegetables", "Морковь", "Carrots",
        "Сладкая морковь, вымытая.", "Sweet carrots, washed.",
        100, 120, None, (6900, None), tags=(LOCAL, ORGANIC)),
    _kg("vegetables", "Лук репчатый", "Yellow onions",
        "Золотистый лук для супов и жарки.", "Golden onions for soups and frying.",
        100, 120, None, (5900, None), tags=(LOCAL,)),
    _kg("vegetables", "Перец сладкий красный", "Red bell peppers",
        "Мясистый сладкий перец.", "Meaty sweet peppers.",
        100, 200, (39900, None), (36900, None)),
    _kg("vegetables", "Капуста белокочанная", "White cabbage",
        "Плотные кочаны для щей и салатов.", "Firm heads for cabbage soup and slaw.",
        100, 1500, None, (4900, None), tags=(LOCAL,)),
    _kg("vegetables", "Свёкла", "Beetroot",
        "Свёкла для борща и винегрета.", "Beetroot for borscht and salads.",
        100, 250, None, (6900, None), tags=(LOCAL, ORGANIC)),
    _kg("vegetables", "Кабачки", "Courgettes",
        "Молодые кабачки (цукини).", "Young courgettes (zucchini).",
        100, 300, None, (14900, None)),
    _kg("vegetables", "Баклажаны", "Aubergines",
        "Глянцевые баклажаны для запекания.", "Glossy aubergines (eggplants) for roasting.",
        100, 300, None, (24900, None)),
    _pc("vegetables", "Чеснок", "Garlic",
        "Головка молодого чеснока.", "A head of young garlic.",
        50, None, (2900, None), tags=(LOCAL,)),
    _kg("vegetables", "Брокколи", "Broccoli",
        "Свежие соцветия брокколи.", "Fresh broccoli florets.",
        100, 400, None, (34900, None)),
    # -- greens --------------------------------------------------------------------------------
    _pc("greens", "Укроп", "Dill",
        "Пучок свежего укропа.", "A bunch of fresh dill.",
        50, (5900, None), (4900, None), tags=(LOCAL,)),
    _pc("greens", "Петрушка", "Parsley",
        "Пучок кудрявой петрушки.", "A bunch of curly parsley.",
        50, (5900, None), (4900, None), tags=(LOCAL,)),
    _pc("greens", "Базилик зелёный", "Green basil",
        "Ароматный базилик к томатам и моцарелле.",
        "Fragrant basil for tomatoes and mozzarella.",
        30, (8900, None), (7900, None)),
    _pc("greens", "Кинза", "Coriander",
        "Пучок кинзы (кориандра).", "A bunch of coriander (cilantro).",
        50, None, (6900, None)),
    _pc("greens", "Лук зелёный", "Spring onions",
        "Пучок зелёного лука.", "A bunch of spring onions.",
        50, None, (5900, None), tags=(LOCAL,)),
    _pc("greens", "Мята", "Mint",
        "Пучок мяты для чая и мохито.", "A bunch of mint for tea and mojitos.",
        30, (8900, None), None),
    _pc("greens", "Руккола, 125 г", "Rocket, 125 g",
        "Пряная руккола для салатов.", "Peppery rocket (arugula) for salads.",
        125, (17900, None), (16900, None)),
    _pc("greens", "Шпинат, 125 г", "Spinach, 125 g",
        "Нежные листья молодого шпината.", "Tender baby spinach leaves.",
        125, None, (19900, None), tags=(ORGANIC,)),
)


async def _categories(db: Database, admin: Actor) -> dict[str, UUID]:
    ids: dict[str, UUID] = {}
    for position, category in enumerate(DEMO_CATEGORIES):
        found = await catalog.category_by_slug(db, category.slug)
        if found is None:
            found = await catalog.create_category(db, admin, CategoryForm(
                slug=category.slug, name_ru=category.name_ru, name_en=category.name_en,
                emoji=category.emoji, position=position,
            ))
        ids[category.slug] = found.id
    return ids


async def _platform_products(db: Database, categories: dict[str, UUID]) -> dict[str, UUID]:
    known: dict[str, UUID] = {}
    for category_id in categories.values():
        offset = 0
        while True:
            page = await catalog.list_products(
                db, category_id=category_id, include_archived=True, limit=200, offset=offset
            )
            known.update({product.name_ru: product.id for product in page})
            if len(page) < 200:
                break
            offset += len(page)
    return known


async def _products(db: Database, admin: Actor, categories: dict[str, UUID]) -> list[UUID]:
    known = await _platform_products(db, categories)
    ids = []
    for item in DEMO_PRODUCTS:
        product_id = known.get(item.name_ru)
        if product_id is None:
            product_id = (await catalog.create_product(db, admin, ProductForm(
                category_id=categories[item.category], name_ru=item.name_ru,
                name_en=item.name_en, description_ru=item.description_ru,
                description_en=item.description_en, unit=item.unit,
                step_grams=item.step_grams, piece_grams=item.piece_grams, tags=item.tags,
            ))).id
        ids.append(product_id)
    return ids


async def _offered(db: Database, owner: Actor, shop_id: UUID) -> set[UUID]:
    offered: set[UUID] = set()
    offset: int | None = 0
    while offset is not None:
        page = await storefront.shop_offers(db, owner, shop_id, offset=offset, limit=100)
        offered.update(view.offer.product_id for view in page.items)
        offset = page.next_offset
    return offered


async def _offers(
    db: Database, shop_index: int, owner: Actor, shop_id: UUID, product_ids: list[UUID]
) -> int:
    offered = await _offered(db, owner, shop_id)
    created = 0
    for position, (item, product_id) in enumerate(zip(DEMO_PRODUCTS, product_ids, strict=True)):
        price = item.prices[shop_index] if shop_index < len(item.prices) else None
        if price is None or product_id in offered:
            continue
        amount, old = price
        offer = await storefront.create_offer(db, owner, shop_id, OfferForm(
            product_id=product_id, price=Money(amount),
            old_price=None if old is None else Money(old), position=position,
        ))
        on_hand, threshold = demo_stock(item, position + shop_index)
        await inventory.set_stock(db, owner, offer.id, on_hand, note="demo")
        if on_hand > threshold:
            # Only above it: a threshold already reached would alert the owner at every start.
            await inventory.set_low_stock_threshold(db, owner, offer.id, threshold)
        created += 1
    return created


def demo_stock(item: DemoProduct, n: int) -> tuple[int, int]:
    """A believable count on hand and low-stock threshold for the ``n``-th offer: 4–25 kg or
    6–40 pieces, with every 13th offer sold out and every 7th nearly so, so that the sandbox
    shows "sold out" and low-stock alerts too."""
    if item.unit is Unit.WEIGHT:
        step = item.step_grams or 100
        threshold = 2_000
        on_hand = (4 + n * 7 % 22) * 1_000
        nearly = 3 * step
    else:
        threshold = 3
        on_hand = 6 + n * 11 % 35
        nearly = 2
    if n % 13 == 12:
        return 0, threshold
    if n % 7 == 6:
        return nearly, threshold
    return on_hand, threshold


async def seed_catalog(db: Database, admin_id: int, owner_ids: Sequence[int]) -> None:
    """The demo catalog (as admin ``admin_id``) and the offers of the shops the owners own, in
    the order of ``owner_ids`` (each owner's first shop), all in one transaction."""

    async def body(tx: Transaction) -> int:
        admin = await auth.load_actor(db, admin_id)
        categories = await _categories(db, admin)
        product_ids = await _products(db, admin, categories)
        created = 0
        for index, owner_id in enumerate(owner_ids):
            owner = await auth.load_actor(db, owner_id)
            shop_id = next(
                (shop for shop, role in owner.shops.items() if role is Role.OWNER), None
            )
            if shop_id is not None:
                created += await _offers(db, index, owner, shop_id, product_ids)
        return created

    created = await db.run(body)
    log.info("demo.catalog_seeded", products=len(DEMO_PRODUCTS), offers_created=created)
