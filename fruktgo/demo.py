"""Demo data: the people of the sandbox and what the domain modules know about them.

Seeding is idempotent, so ``fruktgo sandbox`` can run it on every start. Later modules add their
part (shops, catalog, couriers) here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

import structlog

from core.auth import api as auth
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business import api as business
from core.business.schemas import (
    BusinessApplication,
    DayHours,
    ShopForm,
    TaxSystem,
    TimeRange,
    WeeklyHours,
)
from core.customers import api as customers
from core.customers.schemas import AddressInput, AddressLabel, SharedContact
from core.geo import api as geo
from core.geo.schemas import Point
from core.shared.config import BotRole, Settings
from core.shared.money import Money
from core.shared.uow import Database
from core.workforce import api as workforce
from core.workforce.schemas import Vehicle
from fruktgo.container import Container
from fruktgo.demo_catalog import seed_catalog

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class DemoPerson:
    telegram_id: int
    first_name: str
    last_name: str
    username: str
    language: str
    role: str  # what the person does in the demo; the grants come with the modules that own them
    phone: str


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(100000001, "Анна", "Смирнова", "anna_buys_fruit", "ru", "customer", "+79161230001"),
    DemoPerson(100000002, "Emma", "Walker", "emma_in_moscow", "en", "customer", "+79161230002"),
    DemoPerson(100000003, "Игорь", "Петров", "igor_greengrocer", "ru", "seller", "+79161230003"),
    DemoPerson(100000004, "Марат", "Ахметов", "marat_on_bike", "ru", "courier", "+79161230004"),
    DemoPerson(100000005, "Ольга", "Кузнецова", "olga_support", "ru", "support", "+79161230005"),
    DemoPerson(100000006, "Павел", "Орлов", "pavel_admin", "ru", "admin", "+79161230006"),
    DemoPerson(100000007, "Светлана", "Волкова", "sveta_farm", "ru", "seller", "+79161230007"),
    DemoPerson(100000008, "Дима", "Соколов", "dima_picker", "ru", "picker", "+79161230008"),
)

DEMO_ADMIN_IDS = tuple(p.telegram_id for p in DEMO_PEOPLE if p.role == "admin")


async def seed_people(container: Container) -> None:
    """Make the demo people known to the system, with their languages."""
    for person in DEMO_PEOPLE:
        profile = TelegramProfile(
            telegram_id=person.telegram_id,
            first_name=person.first_name,
            last_name=person.last_name,
            username=person.username,
            language_code=person.language,
        )
        await auth.remember_user(container.db, profile)
        await auth.set_language(container.db, person.telegram_id, person.language)


def _daily(opens: str, closes: str, *breaks: tuple[str, str]) -> WeeklyHours:
    return WeeklyHours.every_day(
        DayHours(_hm(opens), _hm(closes), tuple(TimeRange(_hm(a), _hm(b)) for a, b in breaks))
    )


def _hm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class DemoShop:
    owner_id: int
    legal_name: str
    inn: str
    tax_system: TaxSystem
    email: str
    form: ShopForm


# Around the chat UI's preset addresses, so a newcomer sharing one of them finds shops.
DEMO_SHOPS: tuple[DemoShop, ...] = (
    DemoShop(
        100000003,
        "ИП Петров Игорь Сергеевич",
        "500100732259",
        TaxSystem.USN_INCOME,
        "igor@fruktgo.example",
        ShopForm(
            name="Фруктовый двор на Арбате",
            address="Москва, Сивцев Вражек, 15",
            point=Point(55.7480, 37.5930),
            timezone="Europe/Moscow",
            # Round the clock, so the sandbox's journey can be walked at any hour; the other
            # shop keeps day hours, to show a closed shop and when it opens.
            hours=_daily("00:00", "00:00"),
            zone=geo.radius_zone((55.7480, 37.5930), 3500),
            min_order=Money.rub(500),
            delivery_fee=Money.rub(149),
            assembly_minutes=15,
            description="Фрукты и ягоды с рынка каждое утро.",
        ),
    ),
    DemoShop(
        100000007,
        "ООО «Зелёная лавка»",
        "7736207543",
        TaxSystem.OSN,
        "hello@greenlavka.example",
        ShopForm(
            name="Зелёная лавка в Замоскворечье",
            address="Москва, Пятницкая улица, 40",
            point=Point(55.7370, 37.6290),
            timezone="Europe/Moscow",
            hours=_daily("09:00", "21:00", ("14:00", "14:30")),
            zone=geo.zone_from_points(
                [(55.7560, 37.6000), (55.7560, 37.6500), (55.7200, 37.6500), (55.7200, 37.6000)]
            ),
            min_order=Money.rub(700),
            delivery_fee=Money.rub(199),
            assembly_minutes=20,
            description="Овощи и зелень от подмосковных фермеров.",
        ),
    ),
)

# (customer, address, label, default)
DEMO_ADDRESSES: tuple[tuple[int, AddressInput, AddressLabel, bool], ...] = (
    (
        100000001,
        AddressInput(
            latitude=55.7503,
            longitude=37.5936,
            text="Москва, улица Арбат, 24",
            entrance="2",
            floor=4,
            apartment="17",
            comment="Домофон не работает, звоните",
        ),
        AddressLabel.HOME,
        True,
    ),
    (
        100000001,
        AddressInput(
            latitude=55.7411,
            longitude=37.6287,
            text="Москва, Пятницкая улица, 25",
            floor=3,
            comment="Офис 310",
        ),
        AddressLabel.WORK,
        False,
    ),
    (
        100000002,
        AddressInput(
            latitude=55.7312,
            longitude=37.6035,
            text="Москва, Крымский Вал, 9",
            entrance="1",
            floor=2,
            apartment="5",
        ),
        AddressLabel.HOME,
        True,
    ),
)


async def seed_shops(container: Container) -> None:
    """Apply for each demo business and approve it; its owner becomes the shop's owner."""
    db = container.db
    admin = await auth.load_actor(db, DEMO_ADMIN_IDS[0])
    for shop in DEMO_SHOPS:
        owner = await auth.load_actor(db, shop.owner_id)
        if await business.my_applications(db, owner):
            continue
        phone = next(p.phone for p in DEMO_PEOPLE if p.telegram_id == shop.owner_id)
        application = await business.apply(
            db,
            owner,
            BusinessApplication(
                shop.legal_name, shop.inn, shop.tax_system, phone, shop.email, shop.form
            ),
        )
        await business.approve_application(db, admin, application.business.id)
    await _seed_picker(db)


async def _seed_picker(db: Database) -> None:
    picker_id = next(p.telegram_id for p in DEMO_PEOPLE if p.role == "picker")
    if (await auth.load_actor(db, picker_id)).shops:
        return
    owner = await auth.load_actor(db, DEMO_SHOPS[0].owner_id)
    shop_id = next(iter(owner.shops))
    invitation = await auth.create_invitation(db, owner, Role.PICKER, shop_id=shop_id)
    await auth.accept_invitation(db, invitation.token, picker_id, via=BotRole.SELLER)


async def seed_customers(container: Container) -> None:
    """Give the demo customers phones and saved addresses."""
    db = container.db
    for customer_id, address, label, default in DEMO_ADDRESSES:
        actor = Actor(customer_id)
        if any(
            saved.label == label for saved in await customers.list_addresses(db, actor, customer_id)
        ):
            continue
        phone = next(p.phone for p in DEMO_PEOPLE if p.telegram_id == customer_id)
        await customers.save_phone_from_contact(
            db, actor, SharedContact(customer_id, phone, customer_id)
        )
        await customers.add_address(
            db, actor, customer_id, replace(address, label=label), make_default=default
        )
        await customers.complete_onboarding(db, actor, customer_id)


async def seed_couriers(container: Container) -> None:
    """Make the demo couriers approved couriers on bicycles (off shift: /shift starts one)."""
    db = container.db
    admin = await auth.load_actor(db, DEMO_ADMIN_IDS[0])
    for person in DEMO_PEOPLE:
        if person.role != "courier":
            continue
        actor = await auth.load_actor(db, person.telegram_id)
        if actor.has(Role.COURIER):
            continue
        await workforce.register_courier(
            db, actor, person.first_name, person.phone, Vehicle.BICYCLE
        )
        await workforce.approve_courier(db, admin, person.telegram_id)


async def seed_into(container: Container) -> None:
    """Seed everything the demo needs into the container's database."""
    await seed_people(container)
    await auth.ensure_admins(container.db, DEMO_ADMIN_IDS)
    await seed_shops(container)
    await seed_catalog(
        container.db, DEMO_ADMIN_IDS[0], [shop.owner_id for shop in DEMO_SHOPS]
    )
    await seed_customers(container)
    await seed_couriers(container)
    log.info("demo.seeded", people=len(DEMO_PEOPLE), shops=len(DEMO_SHOPS))


async def seed_demo(settings: Settings) -> int:
    """``fruktgo seed-demo``: seed the configured database."""
    container = Container.build(settings)
    try:
        await seed_into(container)
    finally:
        await container.close()
    return 0
