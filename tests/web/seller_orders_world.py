"""A shop taking orders, for the seller order tests (API, pages and the seller bot's buttons): its
owner and a picker, a picker of another shop, a customer with an address in the zone, apples by
weight, dill and pears by the piece; and orders placed through core. Telegram ids in a range of
these tests' own (7_890_000_000+)."""

from __future__ import annotations

import itertools
import random
import uuid
from dataclasses import dataclass

from business_web_forms import MOSCOW, admin, approved_shop, person

from core.auth.api import accept_invitation, create_invitation, load_actor
from core.auth.policy import Actor, Role
from core.catalog.api import create_category, create_product
from core.catalog.schemas import CategoryForm, ProductForm, Unit
from core.customers.api import add_address
from core.customers.schemas import AddressInput
from core.inventory.api import set_stock
from core.orders.api import place_order, set_cart_quantity
from core.orders.schemas import CheckoutForm, OrderOut, SubstitutionPreference
from core.shared.config import BotRole
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm, OfferOut

_ids = itertools.count(7_890_000_000)
_random = random.Random()

APPLES_PRICE = Money(18_900, "RUB")  # per kg
DILL_PRICE = Money(4_500, "RUB")
PEARS_PRICE = Money(3_000, "RUB")
DELIVERY_FEE = Money.rub(150)  # business_web_forms.application's


def new_person_id() -> int:
    return next(_ids)


@dataclass(frozen=True)
class OrdersShop:
    db: Database
    shop_id: uuid.UUID
    other_shop_id: uuid.UUID
    owner_id: int
    picker_id: int
    other_picker_id: int  # a picker of the other shop
    customer_id: int
    address_id: uuid.UUID
    apples: OfferOut  # by weight, 189 ₽/kg in 100 g steps, 20 kg on hand
    dill: OfferOut  # by the piece, 45 ₽, 30 on hand
    pears: OfferOut  # by the piece, 30 ₽, 40 on hand: the substitute
    tag: str

    @property
    def customer(self) -> Actor:
        return Actor(self.customer_id)

    async def owner(self) -> Actor:
        return await load_actor(self.db, self.owner_id)

    async def place(
        self,
        apples_grams: int = 1_500,
        dill: int = 2,
        *,
        comment: str | None = None,
        substitution: SubstitutionPreference = SubstitutionPreference.CALL,
    ) -> OrderOut:
        """A cash order of apples and dill, placed by the customer."""
        for offer, quantity in ((self.apples, apples_grams), (self.dill, dill)):
            if quantity:
                await set_cart_quantity(
                    self.db, self.customer, self.customer_id, offer.id, quantity
                )
        form = CheckoutForm(
            shop_id=self.shop_id,
            address_id=self.address_id,
            idempotency_key=uuid.uuid4().hex,
            comment=comment,
            default_substitution=substitution,
        )
        return await place_order(self.db, self.customer, self.customer_id, form)


async def _offer(
    db: Database,
    owner: Actor,
    shop_id: uuid.UUID,
    category_id: uuid.UUID,
    names: tuple[str, str],
    unit: Unit,
    price: Money,
    stock: int,
) -> OfferOut:
    product = await create_product(
        db,
        owner,
        ProductForm(
            category_id=category_id,
            name_ru=names[0],
            name_en=names[1],
            unit=unit,
            step_grams=100 if unit is Unit.WEIGHT else None,
        ),
        shop_id=shop_id,
    )
    made = await create_offer(db, owner, shop_id, OfferForm(product.id, price))
    await set_stock(db, owner, made.id, stock)
    return made


async def orders_shop(db: Database) -> OrdersShop:
    """A fresh active shop at Moscow with three offers, its staff and a customer nearby."""
    tag = f"з{_random.randrange(10**6)}"
    reviewer = await admin(db, new_person_id())
    owner_id, other_owner_id = new_person_id(), new_person_id()
    picker_id, other_picker_id, customer_id = new_person_id(), new_person_id(), new_person_id()
    shop_id = await approved_shop(db, reviewer, owner_id, f"Лавка {tag}")
    other_shop_id = await approved_shop(db, reviewer, other_owner_id, f"Соседи {tag}")
    for shop, owner_of, picker in (
        (shop_id, owner_id, picker_id),
        (other_shop_id, other_owner_id, other_picker_id),
    ):
        await person(db, picker, "Пётр")
        invitation = await create_invitation(
            db, await load_actor(db, owner_of), Role.PICKER, shop_id=shop
        )
        await accept_invitation(db, invitation.token, picker, via=BotRole.SELLER)
    await person(db, customer_id, "Вера")
    saved = await add_address(
        db,
        Actor(customer_id),
        customer_id,
        AddressInput(
            latitude=MOSCOW.lat + 0.004,
            longitude=MOSCOW.lon,
            text="Москва, ул. Садовая, 5",
            entrance="2",
            floor=3,
            apartment="41",
        ),
    )
    category = await create_category(
        db,
        reviewer,
        CategoryForm(
            slug=f"orders-{_random.randrange(10**9)}",
            name_ru=f"Фрукты {tag}",
            name_en=f"Fruit {tag}",
        ),
    )
    owner = await load_actor(db, owner_id)
    apples = await _offer(
        db,
        owner,
        shop_id,
        category.id,
        (f"Яблоки Гала {tag}", f"Gala apples {tag}"),
        Unit.WEIGHT,
        APPLES_PRICE,
        20_000,
    )
    dill = await _offer(
        db,
        owner,
        shop_id,
        category.id,
        (f"Укроп {tag}", f"Dill {tag}"),
        Unit.PIECE,
        DILL_PRICE,
        30,
    )
    pears = await _offer(
        db,
        owner,
        shop_id,
        category.id,
        (f"Груши {tag}", f"Pears {tag}"),
        Unit.PIECE,
        PEARS_PRICE,
        40,
    )
    return OrdersShop(
        db,
        shop_id,
        other_shop_id,
        owner_id,
        picker_id,
        other_picker_id,
        customer_id,
        saved.address.id,
        apples,
        dill,
        pears,
        tag,
    )
