"""The world of the bot authorization matrix: two approved shops with their staff, a customer with
two saved addresses, and people of every other kind, all with Telegram ids no other test uses."""

from __future__ import annotations

from dataclasses import dataclass

from bot_fakes import new_user_id
from seller_chat import approved_shop

from core.auth.api import (
    accept_invitation,
    create_invitation,
    grant_role,
    load_actor,
    remember_user,
)
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.schemas import ShopOut
from core.customers.api import add_address
from core.customers.schemas import AddressInput, AddressOut
from core.shared.config import BotRole
from core.shared.uow import Database, Transaction

PEOPLE: tuple[str, ...] = ("customer", "other_customer", "owner_a", "manager_a", "picker_a",
                           "owner_b", "courier", "support", "admin")


@dataclass(frozen=True)
class World:
    """Who is who, the two shops, and the customer's addresses (``home`` is the default)."""

    people: dict[str, int]
    shop_a: ShopOut
    shop_b: ShopOut
    home: AddressOut
    work: AddressOut

    async def actor(self, db: Database, who: str) -> Actor:
        """``who`` as core's policy sees them now."""
        return await load_actor(db, self.people[who])


async def build_world(db: Database) -> World:
    """A fresh world: nothing in it is shared with another test."""
    people = {name: new_user_id() for name in PEOPLE}

    async def build(tx: Transaction) -> World:
        # One transaction: the commands called here join it, which keeps every test's setup cheap.
        for name, telegram_id in people.items():
            await remember_user(db, TelegramProfile(telegram_id, name.title()))
        admin_id = people["admin"]
        shop_a = await approved_shop(db, people["owner_a"], admin_id, name="Магазин А")
        shop_b = await approved_shop(db, people["owner_b"], admin_id, name="Магазин Б")
        owner_a = await load_actor(db, people["owner_a"])
        for name, role in (("manager_a", Role.MANAGER), ("picker_a", Role.PICKER)):
            created = await create_invitation(db, owner_a, role, shop_id=shop_a.id)
            await accept_invitation(db, created.token, people[name], via=BotRole.SELLER)
        admin = await load_actor(db, admin_id)
        await grant_role(db, admin, people["courier"], Role.COURIER)
        await grant_role(db, admin, people["support"], Role.SUPPORT)
        customer = Actor(people["customer"])
        home = await add_address(db, customer, customer.telegram_id,
                                 AddressInput(text="Тверская, 1"))
        work = await add_address(db, customer, customer.telegram_id,
                                 AddressInput(text="Лесная, 5"))
        return World(people=people, shop_a=shop_a, shop_b=shop_b, home=home.address,
                     work=work.address)

    return await db.run(build)
