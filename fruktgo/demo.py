"""Demo data: the people of the sandbox and what the domain modules know about them.

Seeding is idempotent, so ``fruktgo sandbox`` can run it on every start. Later modules add their
part (shops, catalog, couriers) here.
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog

from core.auth import api as auth
from core.auth.schemas import TelegramProfile
from core.shared.config import Settings
from fruktgo.container import Container

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


async def seed_into(container: Container) -> None:
    """Seed everything the demo needs into the container's database."""
    await seed_people(container)
    log.info("demo.seeded", people=len(DEMO_PEOPLE))


async def seed_demo(settings: Settings) -> int:
    """``fruktgo seed-demo``: seed the configured database."""
    container = Container.build(settings)
    try:
        await seed_into(container)
    finally:
        await container.close()
    return 0
