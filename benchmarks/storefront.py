"""Storefront benchmark: a category page and product search over 100k offers.

Sets up 100 shops around Moscow's centre (most deliver there), a tree of 30 categories, 20k
platform products with Russian and English names built from produce words, varieties, origins and
lot numbers, and 100k offers (1000 per shop) with stock. Then, at the centre, through the same
api the bots and the Mini App call (``core.storefront.api`` with inventory's availability):

- a primary-key SELECT of one offer through the same ``Database`` and transaction: the baseline;
- ``get_offer`` (the offer and its product), for reference;
- ``list_offers``: the first page of each category in turn;
- ``search``: Russian, English and misspelt queries in turn.

It prints p50 and p95 of each and, last, the listing's p95 as a ratio to the baseline's p95.
The goal is a ratio of at least 0.1: a category page costs no more than ten primary-key reads.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from datetime import time as clock_time
from typing import Any
from uuid import UUID

from sqlalchemy import Row, select

from benchmarks._harness import (
    Scratch,
    Timings,
    Transcript,
    measure_each,
    open_shops,
    result_line,
    run,
    scratch_database,
)
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.schemas import (
    BusinessApplication,
    DayHours,
    ShopForm,
    TaxSystem,
    TimeRange,
    WeeklyHours,
)
from core.catalog import api as catalog
from core.catalog.schemas import CategoryForm, Tag, Unit
from core.geo import api as geo
from core.geo.schemas import Point, Zone
from core.inventory.api import availability
from core.shared.clock import FrozenClock
from core.shared.db import Base
from core.shared.ids import new_id
from core.shared.money import Money
from core.shared.uow import Database, Transaction, command
from core.storefront import api as storefront

NAME = "storefront listing p95"
BASELINE = "primary-key select p95"

CENTRE = Point(55.7558, 37.6173)
# A Wednesday, 13:00 in Moscow: inside most shops' hours, outside a few.
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
ADMIN = Actor(9_400_000_001, platform_roles=frozenset({Role.ADMIN}))
OWNER_ID = 9_400_000_002

SEARCHES = (
    "яблоко",
    "ябоко",
    "apple",
    "томаты черри",
    "клубника",
    "banana",
    "картошка",
    "орехи",
)


@dataclass(frozen=True)
class Plan:
    """How much data and how many timed runs; the defaults are the benchmark's."""

    shops: int = 100
    products: int = 20_000
    offers: int = 100_000
    key_iterations: int = 1_000
    listing_iterations: int = 300
    search_iterations: int = 200
    warmup: int = 20
    seed: int = 5


@dataclass(frozen=True)
class Report:
    """What a run measured: the report's lines, the result line, and what the measured calls
    returned (offers listed, offers found) so a test can see they did real work."""

    lines: tuple[str, ...]
    result: str
    timings: tuple[Timings, ...]
    listed: int
    found: int


# -- the catalog ----------------------------------------------------------------------------

Words = tuple[tuple[str, str], ...]  # (Russian, English)


@dataclass(frozen=True)
class Leaf:
    slug: str
    name: tuple[str, str]
    unit: Unit
    bases: Words
    varieties: Words


@dataclass(frozen=True)
class Root:
    slug: str
    name: tuple[str, str]
    emoji: str
    leaves: tuple[Leaf, ...]


# The category tree as text, to keep it readable: a root is "slug | Русский/English | emoji";
# a leaf under it is indented, "slug | name | unit | base products | varieties", where a list
# is "Русский/English" pairs separated by commas (a backslash continues a line). Products are
# base + variety + origin + lot.
TREE_TEXT = """
fruit | Фрукты/Fruit | 🍎
  apples | Яблоки/Apples | weight | Яблоки/Apples | Гала/Gala, Фуджи/Fuji, Голден/Golden, \
    Гренни Смит/Granny Smith, Антоновка/Antonovka, Симиренко/Simirenko, Ред Чиф/Red Chief, \
    Пинк Леди/Pink Lady
  pears | Груши/Pears | weight | Груши/Pears | Конференция/Conference, Вильямс/Williams, \
    Форель/Forelle, Абате/Abate, Лесная красавица/Forest Beauty
  citrus | Цитрусовые/Citrus | weight | Апельсины/Oranges, Мандарины/Mandarins, \
    Лимоны/Lemons, Грейпфруты/Grapefruits | Навел/Navel, Валенсия/Valencia, красные/red, \
    сладкие/sweet
  tropical | Тропические фрукты/Tropical fruit | weight | Бананы/Bananas, Манго/Mango, \
    Ананасы/Pineapples, Киви/Kiwi, Авокадо/Avocado | спелые/ripe, мини/mini, Хасс/Hass, \
    золотые/golden
  stone-fruit | Косточковые/Stone fruit | weight | Персики/Peaches, Абрикосы/Apricots, \
    Сливы/Plums, Нектарины/Nectarines | плоские/flat, жёлтые/yellow, Венгерка/Vengerka, \
    красные/red
  exotic | Экзотические фрукты/Exotic fruit | piece | Личи/Lychee, Маракуйя/Passion fruit, \
    Питахайя/Pitahaya, Гранаты/Pomegranates | отборные/select, крупные/large, спелые/ripe
vegetables | Овощи/Vegetables | 🥕
  tomatoes | Томаты/Tomatoes | weight | Томаты/Tomatoes | черри/cherry, \
    Бычье сердце/Oxheart, сливовидные/plum, розовые/pink, на ветке/on the vine
  cucumbers | Огурцы/Cucumbers | weight | Огурцы/Cucumbers | короткоплодные/short, \
    длинноплодные/long, корнишоны/gherkins, грунтовые/field-grown
  potatoes | Картофель/Potatoes | weight | Картофель/Potatoes | молодой/new, Гала/Gala, \
    Ред Скарлетт/Red Scarlett, беби/baby, Синеглазка/Sineglazka
  roots | Корнеплоды/Root vegetables | weight | Морковь/Carrots, Свёкла/Beetroot, \
    Редис/Radishes, Дайкон/Daikon | мытая/washed, молодая/young, сладкая/sweet
  cabbage | Капуста/Cabbage | weight | Капуста белокочанная/White cabbage, \
    Брокколи/Broccoli, Цветная капуста/Cauliflower, Пекинская капуста/Chinese cabbage \
    | ранняя/early, поздняя/late
  peppers | Перец/Peppers | weight | Перец сладкий/Sweet peppers, Перец чили/Chili peppers \
    | красный/red, жёлтый/yellow, зелёный/green, Рамиро/Ramiro
  melons | Бахчевые/Melons | piece | Арбузы/Watermelons, Дыни/Melons | \
    астраханские/Astrakhan, Торпеда/Torpedo, Колхозница/Kolkhoznitsa
berries | Ягоды/Berries | 🍓
  strawberries | Клубника/Strawberries | piece | Клубника/Strawberries, \
    Земляника/Wild strawberries | Альбион/Albion, Клери/Clery, Виктория/Victoria
  grapes | Виноград/Grapes | weight | Виноград/Grapes | Кишмиш/Kishmish, Изабелла/Isabella, \
    Дамский пальчик/Lady Finger, Ред Глоуб/Red Globe
  forest-berries | Лесные ягоды/Forest berries | piece | Черника/Blueberries, \
    Малина/Raspberries, Ежевика/Blackberries, Брусника/Lingonberries, Клюква/Cranberries \
    | лесная/wild, садовая/garden, крупная/large
  currants | Смородина/Currants | piece | Смородина/Currants, Крыжовник/Gooseberries | \
    чёрная/black, красная/red, белая/white
greens | Зелень/Greens | 🌿
  herbs | Пряные травы/Herbs | piece | Укроп/Dill, Петрушка/Parsley, Кинза/Coriander, \
    Базилик/Basil, Мята/Mint | пучок/bunch, фиолетовый/purple, в горшке/potted
  salads | Салаты/Salads | piece | Салат/Lettuce, Руккола/Rocket, Шпинат/Spinach, \
    Айсберг/Iceberg | Романо/Romaine, листовой/leaf, беби/baby
  onions | Лук и чеснок/Onions and garlic | weight | Лук репчатый/Onions, \
    Лук зелёный/Spring onions, Чеснок/Garlic, Лук-порей/Leeks | молодой/young, красный/red, \
    белый/white
nuts-and-dried-fruit | Орехи и сухофрукты/Nuts and dried fruit | 🥜
  nuts | Орехи/Nuts | weight | Грецкие орехи/Walnuts, Миндаль/Almonds, Фундук/Hazelnuts, \
    Кешью/Cashews | очищенные/shelled, жареные/roasted, в скорлупе/in shell
  dried-fruit | Сухофрукты/Dried fruit | weight | Курага/Dried apricots, Изюм/Raisins, \
    Финики/Dates, Чернослив/Prunes | без косточки/pitted, королевские/royal, светлые/golden
mushrooms | Грибы/Mushrooms | 🍄
  cultivated-mushrooms | Шампиньоны и вёшенки/Cultivated mushrooms | weight | \
    Шампиньоны/Button mushrooms, Вёшенки/Oyster mushrooms, Шиитаке/Shiitake | белые/white, \
    королевские/royal, мини/mini
  forest-mushrooms | Лесные грибы/Forest mushrooms | weight | Белые грибы/Porcini, \
    Лисички/Chanterelles, Опята/Honey fungus | свежие/fresh, отборные/select
"""

ORIGINS_TEXT = (
    "из Краснодара/from Krasnodar, из Астрахани/from Astrakhan, из Узбекистана/from Uzbekistan, "
    "из Турции/from Turkey, из Египта/from Egypt, из Подмосковья/from the Moscow region, "
    "из Азербайджана/from Azerbaijan, из Марокко/from Morocco, из Эквадора/from Ecuador, "
    "из Сербии/from Serbia, из Армении/from Armenia, из Дагестана/from Dagestan"
)


def _pair(text: str) -> tuple[str, str]:
    ru, en = text.split("/")
    return ru.strip(), en.strip()


def _words(text: str) -> Words:
    return tuple(_pair(item) for item in text.split(","))


def parse_tree(text: str) -> tuple[Root, ...]:
    """The roots and leaves written in ``TREE_TEXT``'s notation."""
    roots: list[Root] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("|")]
        if not line.startswith(" "):
            slug, name, emoji = fields
            roots.append(Root(slug, _pair(name), emoji, ()))
            continue
        slug, name, unit, bases, varieties = fields
        leaf = Leaf(slug, _pair(name), Unit(unit), _words(bases), _words(varieties))
        roots[-1] = replace(roots[-1], leaves=(*roots[-1].leaves, leaf))
    return tuple(roots)


TREE = parse_tree(TREE_TEXT)
ORIGINS = _words(ORIGINS_TEXT)
LOCAL_ORIGIN = ORIGINS[5]


# -- setting up -----------------------------------------------------------------------------


def _company_inn(rng: random.Random) -> str:
    # A valid legal entity's INN: nine digits and the tax service's check digit.
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    digits = [7, 7] + [rng.randrange(10) for _ in range(7)]
    check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


def _offset(rng: random.Random, max_m: float) -> Point:
    # A uniformly spread place within ``max_m`` metres of the centre (flat-earth is plenty).
    distance = max_m * rng.random() ** 0.5
    bearing = rng.uniform(0, 2 * math.pi)
    lat = CENTRE.lat + distance * math.cos(bearing) / 111_320
    lon = CENTRE.lon + distance * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
    return Point(round(lat, 6), round(lon, 6))


def _zone(rng: random.Random, where: Point, number: int) -> Zone:
    radius = rng.randrange(4_000, 12_001, 500)
    if number % 4:
        return geo.radius_zone(where, radius)
    # Every fourth shop draws its zone: a square, so polygon zones are checked too.
    half_lat = radius / 111_320
    half_lon = radius / 63_800  # metres per degree of longitude at Moscow's latitude
    return geo.zone_from_points(
        [
            (where.lat + half_lat, where.lon - half_lon),
            (where.lat + half_lat, where.lon + half_lon),
            (where.lat - half_lat, where.lon + half_lon),
            (where.lat - half_lat, where.lon - half_lon),
        ]
    )


def _hours(number: int) -> WeeklyHours:
    if number % 10 == 9:  # an evening shop, closed at the benchmark's hour
        return WeeklyHours.every_day(DayHours(clock_time(16), clock_time(23, 30)))
    lunch = (TimeRange(clock_time(15), clock_time(15, 30)),) if number % 3 == 0 else ()
    return WeeklyHours.every_day(DayHours(clock_time(8), clock_time(22), lunch))


def _shop_form(rng: random.Random, number: int) -> ShopForm:
    where = _offset(rng, 9_000)
    return ShopForm(
        name=f"Овощи и фрукты №{number + 1}",
        address=f"Москва, ул. Садовая, {number + 1}",
        point=where,
        timezone="Europe/Moscow",
        hours=_hours(number),
        zone=_zone(rng, where, number),
        min_order=Money.rub(rng.choice((300, 500, 700, 1000))),
        delivery_fee=Money.rub(rng.choice((0, 99, 149, 199))),
        assembly_minutes=rng.choice((10, 15, 20, 30)),
    )


async def _open_shops(db: Database, rng: random.Random, count: int) -> list[UUID]:
    """``count`` approved, active shops of one business, through the business api."""
    application = BusinessApplication(
        legal_name='ООО "Овощебаза"',
        inn=_company_inn(rng),
        tax_system=TaxSystem.USN_INCOME,
        phone="+79160000000",
        email="bench@ovoshchebaza.example",
        shop=_shop_form(rng, 0),
    )
    # A generator: each shop's form draws from ``rng`` just before it is added, as it always did.
    more = (_shop_form(rng, number) for number in range(1, count))
    return await open_shops(db, ADMIN, TelegramProfile(OWNER_ID, "Игорь"), application, more)


async def _categories(db: Database) -> list[tuple[UUID, Leaf | None]]:
    """The tree through the catalog api: (id, leaf) for every category, roots with None."""
    made: list[tuple[UUID, Leaf | None]] = []
    for position, root in enumerate(TREE):
        parent = await catalog.create_category(
            db,
            ADMIN,
            CategoryForm(
                slug=root.slug,
                name_ru=root.name[0],
                name_en=root.name[1],
                emoji=root.emoji,
                position=position,
            ),
        )
        made.append((parent.id, None))
        for child_position, leaf in enumerate(root.leaves):
            child = await catalog.create_category(
                db,
                ADMIN,
                CategoryForm(
                    slug=leaf.slug,
                    name_ru=leaf.name[0],
                    name_en=leaf.name[1],
                    parent_id=parent.id,
                    position=child_position,
                ),
            )
            made.append((child.id, leaf))
    return made


@dataclass(frozen=True)
class _Product:
    id: UUID
    unit: Unit
    step: int | None


def _product_rows(
    rng: random.Random, leaves: Sequence[tuple[UUID, Leaf]], count: int, now: datetime
) -> tuple[list[tuple[object, ...]], list[_Product]]:
    rows: list[tuple[object, ...]] = []
    products: list[_Product] = []
    for n in range(count):
        category_id, leaf = leaves[n % len(leaves)]  # round the leaves: each gets its share
        base, variety, origin = (
            rng.choice(leaf.bases),
            rng.choice(leaf.varieties),
            rng.choice(ORIGINS),
        )
        lot = rng.randrange(100, 10_000)
        tags = [Tag.LOCAL.value] if origin is LOCAL_ORIGIN else []
        if rng.random() < 0.2:
            tags.append(Tag.SEASONAL.value)
        if rng.random() < 0.1:
            tags.append(Tag.ORGANIC.value)
        nuts = leaf.slug in ("nuts", "dried-fruit")
        step = (50 if nuts else 100) if leaf.unit is Unit.WEIGHT else None
        product_id = new_id()
        rows.append(
            (
                product_id,
                None,
                category_id,
                f"{base[0]} {variety[0]} {origin[0]}, партия {lot}",
                f"{base[1]} {variety[1]} {origin[1]}, lot {lot}",
                f"{base[0]} {variety[0]} {origin[0]}. Урожай {now.year} года.",
                f"{variety[1].capitalize()} {base[1].lower()} {origin[1]}, {now.year} harvest.",
                leaf.unit.value,
                step,
                rng.choice((None, 150, 250, 1000)),
                [],
                tags,
                None,
                rng.random() < 0.02,
                ADMIN.telegram_id,
                now,
                now,
            )
        )
        products.append(_Product(product_id, leaf.unit, step))
    return rows, products


PRODUCT_COLUMNS = (
    "id",
    "shop_id",
    "category_id",
    "name_ru",
    "name_en",
    "description_ru",
    "description_en",
    "unit",
    "step_grams",
    "piece_grams",
    "photos",
    "tags",
    "barcode",
    "archived",
    "created_by",
    "created_at",
    "updated_at",
)
OFFER_COLUMNS = (
    "id",
    "shop_id",
    "product_id",
    "price_minor",
    "old_price_minor",
    "currency",
    "visible",
    "position",
    "created_by",
    "created_at",
    "updated_at",
)
STOCK_COLUMNS = (
    "offer_id",
    "shop_id",
    "on_hand",
    "reserved",
    "allocated",
    "low_stock_threshold",
    "low_stock_alerted",
    "created_at",
    "updated_at",
)


def _offer_rows(
    rng: random.Random,
    shop_ids: Sequence[UUID],
    products: Sequence[_Product],
    count: int,
    now: datetime,
) -> tuple[list[UUID], list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Offer ids, offer rows and stock rows: each shop offers its share of random products."""
    if count > len(shop_ids) * len(products):
        raise ValueError("more offers than shop × product pairs")
    ids: list[UUID] = []
    offers: list[tuple[object, ...]] = []
    stock: list[tuple[object, ...]] = []
    for index, shop_id in enumerate(shop_ids):
        share = count // len(shop_ids) + (index < count % len(shop_ids))
        for product in rng.sample(products, share):
            offer_id = new_id()
            ids.append(offer_id)
            price = rng.randrange(3_000, 150_000, 10)  # kopecks per kg or per piece
            old_price = price + price // 5 if rng.random() < 0.15 else None
            # Most sellers never reorder their list; some pin a few items.
            position = 0 if rng.random() < 0.7 else rng.randrange(1, 100)
            offers.append(
                (
                    offer_id,
                    shop_id,
                    product.id,
                    price,
                    old_price,
                    "RUB",
                    rng.random() < 0.95,
                    position,
                    OWNER_ID,
                    now,
                    now,
                )
            )
            if rng.random() < 0.92:  # the rest were never counted
                on_hand = (
                    rng.randrange(0, 300) * product.step if product.step else rng.randrange(0, 80)
                )
                stock.append((offer_id, shop_id, on_hand, 0, 0, None, False, now, now))
    return ids, offers, stock


@dataclass(frozen=True)
class World:
    shop_ids: list[UUID]
    category_ids: list[UUID]
    offer_ids: list[UUID]
    covering: int  # shops accepting orders at the centre now


async def set_up(scratch: Scratch, plan: Plan, say: Callable[[str], None]) -> World:
    """Shops and categories through the api, products, offers and stock by COPY; ANALYZE."""
    rng = random.Random(plan.seed)
    db = scratch.db
    now = db.clock.now()
    started = time.perf_counter()
    shop_ids = await _open_shops(db, rng, plan.shops)
    categories = await _categories(db)
    leaves = [(category_id, leaf) for category_id, leaf in categories if leaf is not None]
    product_rows, products = _product_rows(rng, leaves, plan.products, now)
    await scratch.copy("products", PRODUCT_COLUMNS, product_rows)
    offer_ids, offer_rows, stock_rows = _offer_rows(rng, shop_ids, products, plan.offers, now)
    await scratch.copy("offers", OFFER_COLUMNS, offer_rows)
    await scratch.copy("inventory_stock", STOCK_COLUMNS, stock_rows)
    await scratch.analyze()
    covering = len(await storefront.shops_at(db, CENTRE))
    say(
        f"set up in {time.perf_counter() - started:.1f} s: {len(shop_ids)} shops "
        f"({covering} take orders at the centre now), {len(categories)} categories, "
        f"{len(product_rows)} products, {len(offer_rows)} offers, {len(stock_rows)} with stock"
    )
    return World(
        shop_ids,
        [category_id for category_id, _ in categories],
        offer_ids,
        covering,
    )


# -- measuring ------------------------------------------------------------------------------


@command
async def _offer_by_key(tx: Transaction, offer_id: UUID) -> Row[Any]:
    """The baseline: one offer row by its primary key, nothing else."""
    offers = Base.metadata.tables["offers"]
    return (await tx.session.execute(select(offers).where(offers.c.id == offer_id))).one()


async def benchmark(
    plan: Plan = Plan(), *, server_url: str | None = None, say: Callable[[str], None] = print
) -> Report:
    """Set up a scratch database as ``plan`` says, measure, and report."""
    report = Transcript(say)
    async with scratch_database(
        "storefront", server_url=server_url, clock=FrozenClock(NOW)
    ) as scratch:
        db = scratch.db
        report(f"storefront benchmark in scratch database {scratch.name}")
        world = await set_up(scratch, plan, report)
        stock = availability(db)
        keys = random.Random(plan.seed + 1).sample(world.offer_ids, len(world.offer_ids))
        counts = {"listed": 0, "found": 0}

        async def by_key(i: int) -> None:
            await _offer_by_key(db, keys[i % len(keys)])

        async def get_offer(i: int) -> None:
            await storefront.get_offer(db, keys[-1 - i % len(keys)])

        async def listing(i: int) -> None:
            category_id = world.category_ids[i % len(world.category_ids)]
            page = await storefront.list_offers(
                db, CENTRE, category_id=category_id, availability=stock
            )
            counts["listed"] += len(page.items)

        async def search(i: int) -> None:
            page = await storefront.search(
                db, CENTRE, SEARCHES[i % len(SEARCHES)], availability=stock
            )
            counts["found"] += len(page.items)

        timings = await measure_each(
            (
                ("primary-key select (baseline)", by_key, plan.key_iterations),
                ("get_offer (offer + product)", get_offer, plan.key_iterations),
                ("list_offers (category page)", listing, plan.listing_iterations),
                ("search (ru, en, typos)", search, plan.search_iterations),
            ),
            warmup=plan.warmup,
            report=report,
        )
        key, listed = timings[0], timings[2]
    ratio = key.p95_ms / listed.p95_ms
    result = result_line(NAME, listed.p95_ms, "ms", ratio, BASELINE)
    return Report(tuple(report.lines), result, tuple(timings), counts["listed"], counts["found"])


async def _main() -> str:
    return (await benchmark()).result


if __name__ == "__main__":
    raise SystemExit(run(_main))
