"""The authorization matrix through the bots: every kind of person sends commands and presses
buttons, real or forged (callback data is user input), about the customer's addresses and shop A.

Who may do what follows core/auth/policy.py; each action below names the permission it rests on, and
``test_the_table_agrees_with_the_policy`` checks the table against ``allows``. A refused press is
answered with the permission alert (or message) and changes nothing; an allowed one takes effect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from bot_fakes import Harness, texts
from matrix_people import PEOPLE, World, build_world

from bot.customer.callbacks import AddressAct, AddressChoice, AddressFieldChoice, Field
from bot.customer.states import AddressEdit
from bot.seller.callbacks import (
    InviteChoice,
    MemberAct,
    MemberChoice,
    ShopAct,
    ShopChoice,
    StaffAct,
    StaffMenu,
)
from core.auth.api import list_invitations, list_shop_staff
from core.auth.policy import MANAGE_ROLE, Permission, Role, allows
from core.auth.schemas import InvitationStatus
from core.business.api import get_shop, pause_shop
from core.business.schemas import ShopStatus
from core.customers.api import list_addresses
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database


@dataclass
class Case:
    """One person trying one action, with everything needed to do it and to look at the result."""

    world: World
    db: Database
    harness: Harness
    translator: Translator
    who: str

    @property
    def user_id(self) -> int:
        return self.world.people[self.who]

    def tr(self, key: str, **args: Any) -> str:
        return self.translator.get("ru", key, **args)

    async def press(self, data: CallbackData) -> list[Any]:
        return await self.harness.press(data.pack(), user_id=self.user_id)

    async def send(self, text: str) -> list[Any]:
        return await self.harness.send(text, user_id=self.user_id)

    async def state(self) -> str | None:
        fsm = self.harness.dispatcher.fsm.get_context(self.harness.bot, self.user_id,
                                                      self.user_id)
        return await fsm.get_state()

    def shown(self, requests: list[Any], prefix: str) -> bool:
        """Whether a message starting with ``prefix`` was sent or edited in."""
        return any(text.startswith(prefix) for text in texts(requests))

    def denied(self, requests: list[Any]) -> bool:
        """Whether the person was told they may not: a button alert or a message."""
        refusal = self.tr("error-permission_denied")
        alerts = [r for r in requests if isinstance(r, AnswerCallbackQuery)
                  and r.text == refusal and r.show_alert]
        return bool(alerts) or refusal in texts(requests)


Do = Callable[[Case], Awaitable[list[Any]]]
Happened = Callable[[Case, list[Any]], Awaitable[bool]]


@dataclass(frozen=True)
class Action:
    """A column of the matrix: what is tried, whether it took effect, and who may."""

    name: str
    bot: BotRole
    allowed: frozenset[str]
    do: Do
    happened: Happened
    # What policy.allows decides it by, shop A and the customer being the subjects.
    permission: Permission | None = None
    # Refused commands are not errors: the person is just not shown shop A (no alert to expect).
    alerts: bool = True
    prepare: Callable[[Case], Awaitable[None]] | None = None


def who(*names: str) -> frozenset[str]:
    """The people a cell allows."""
    return frozenset(names)


# -- the customer's addresses -----------------------------------------------------------------

async def _default_is_work(case: Case, requests: list[Any]) -> bool:
    customer = await case.world.actor(case.db, "customer")
    mine = await list_addresses(case.db, customer, customer.telegram_id)
    return [a.id for a in mine if a.is_default] == [case.world.work.id]


async def _home_deleted(case: Case, requests: list[Any]) -> bool:
    customer = await case.world.actor(case.db, "customer")
    mine = await list_addresses(case.db, customer, customer.telegram_id)
    return case.world.home.id not in {a.id for a in mine}


async def _home_shown(case: Case, requests: list[Any]) -> bool:
    street = case.world.home.text
    assert street is not None
    edited = [r.text for r in requests if isinstance(r, EditMessageText) and r.text]
    return any(street in text for text in edited)


NEW_STREET = "Новая улица, 7"


async def _home_retyped(case: Case, requests: list[Any]) -> bool:
    customer = await case.world.actor(case.db, "customer")
    mine = await list_addresses(case.db, customer, customer.telegram_id)
    return any(a.id == case.world.home.id and a.text == NEW_STREET for a in mine)


def _address(act: AddressAct, *, work: bool = False) -> Do:
    async def do(case: Case) -> list[Any]:
        address = case.world.work if work else case.world.home
        return await case.press(AddressChoice(action=act, address_id=address.id))
    return do


async def _edit_home_text(case: Case) -> list[Any]:
    pressed = await case.press(AddressFieldChoice(address_id=case.world.home.id,
                                                  field=Field.TEXT))
    # Typed whether or not the bot asked: a refused person must not get it saved either way.
    return pressed + await case.send(NEW_STREET)


# -- shop A ------------------------------------------------------------------------------------

def _shop(act: ShopAct) -> Do:
    async def do(case: Case) -> list[Any]:
        return await case.press(ShopChoice(action=act, shop_id=case.world.shop_a.id))
    return do


def _status_is(status: ShopStatus) -> Happened:
    async def check(case: Case, requests: list[Any]) -> bool:
        return (await get_shop(case.db, case.world.shop_a.id)).status is status
    return check


async def _pause_first(case: Case) -> None:
    await pause_shop(case.db, await case.world.actor(case.db, "owner_a"), case.world.shop_a.id)


NEW_DESCRIPTION = "Свежие фрукты каждый день"


async def _describe(case: Case) -> list[Any]:
    pressed = await _shop(ShopAct.DESCRIPTION)(case)
    # Typed whether or not the bot asked: a refused person must not get it saved either way.
    return pressed + await case.send(NEW_DESCRIPTION)


async def _described(case: Case, requests: list[Any]) -> bool:
    return (await get_shop(case.db, case.world.shop_a.id)).description == NEW_DESCRIPTION


async def _card_of_a(case: Case, requests: list[Any]) -> bool:
    return case.shown(requests, case.tr("seller-shop-title", name=case.world.shop_a.name))


async def _team_of_a(case: Case, requests: list[Any]) -> bool:
    return case.shown(requests, case.tr("seller-staff-title", shop=case.world.shop_a.name))


async def _open_team(case: Case) -> list[Any]:
    return await case.press(StaffMenu(action=StaffAct.LIST, shop_id=case.world.shop_a.id))


def _member(act: MemberAct, whom: str, role: Role | None = None) -> Do:
    async def do(case: Case) -> list[Any]:
        return await case.press(MemberChoice(action=act, shop_id=case.world.shop_a.id,
                                             telegram_id=case.world.people[whom], role=role))
    return do


async def _staff_of_a(case: Case) -> dict[int, Role]:
    owner = await case.world.actor(case.db, "owner_a")
    members = await list_shop_staff(case.db, owner, case.world.shop_a.id)
    return {m.telegram_id: m.role for m in members}


def _gone(whom: str) -> Happened:
    async def check(case: Case, requests: list[Any]) -> bool:
        return case.world.people[whom] not in await _staff_of_a(case)
    return check


async def _picker_promoted(case: Case, requests: list[Any]) -> bool:
    return (await _staff_of_a(case)).get(case.world.people["picker_a"]) is Role.MANAGER


def _invite(role: Role) -> Do:
    async def do(case: Case) -> list[Any]:
        return await case.press(InviteChoice(shop_id=case.world.shop_a.id, role=role))
    return do


def _invited(role: Role) -> Happened:
    async def check(case: Case, requests: list[Any]) -> bool:
        owner = await case.world.actor(case.db, "owner_a")
        pending = [i for i in await list_invitations(case.db, owner, shop_id=case.world.shop_a.id)
                   if i.status is InvitationStatus.PENDING and i.role is role]
        return bool(pending) and any("https://t.me/" in text for text in texts(requests))
    return check


def _command(text: str) -> Do:
    async def do(case: Case) -> list[Any]:
        return await case.send(text)
    return do


async def _admin_menu(case: Case, requests: list[Any]) -> bool:
    return case.tr("support-admin-menu") in texts(requests)


EDITORS_A = who("owner_a", "manager_a", "admin")
OWNERS_A = who("owner_a", "admin")

ACTIONS: tuple[Action, ...] = (
    # The customer bot, on the customer's address (its id comes from the button).
    Action("show_address", BotRole.CUSTOMER, who("customer", "support", "admin"),
           _address(AddressAct.SHOW), _home_shown, Permission.VIEW_PERSON),
    Action("make_address_default", BotRole.CUSTOMER, who("customer"),
           _address(AddressAct.DEFAULT, work=True), _default_is_work, Permission.EDIT_PERSON),
    Action("delete_address", BotRole.CUSTOMER, who("customer"),
           _address(AddressAct.DELETE_CONFIRMED), _home_deleted, Permission.EDIT_PERSON),
    Action("edit_address", BotRole.CUSTOMER, who("customer"),
           _edit_home_text, _home_retyped, Permission.EDIT_PERSON),
    # The seller bot, on shop A (its id comes from the button).
    Action("show_shop", BotRole.SELLER,
           who("owner_a", "manager_a", "picker_a", "support", "admin"),
           _shop(ShopAct.SHOW), _card_of_a, Permission.VIEW_SHOP),
    Action("pause_shop", BotRole.SELLER, EDITORS_A,
           _shop(ShopAct.PAUSE), _status_is(ShopStatus.PAUSED), Permission.EDIT_SHOP),
    Action("resume_shop", BotRole.SELLER, EDITORS_A,
           _shop(ShopAct.RESUME), _status_is(ShopStatus.ACTIVE), Permission.EDIT_SHOP,
           prepare=_pause_first),
    Action("describe_shop", BotRole.SELLER, EDITORS_A,
           _describe, _described, Permission.EDIT_SHOP),
    Action("open_team", BotRole.SELLER, who("owner_a", "manager_a", "support", "admin"),
           _open_team, _team_of_a, Permission.VIEW_SHOP_STAFF),
    Action("invite_picker", BotRole.SELLER, EDITORS_A,
           _invite(Role.PICKER), _invited(Role.PICKER), MANAGE_ROLE[Role.PICKER]),
    Action("invite_manager", BotRole.SELLER, OWNERS_A,
           _invite(Role.MANAGER), _invited(Role.MANAGER), MANAGE_ROLE[Role.MANAGER]),
    Action("remove_picker", BotRole.SELLER, EDITORS_A,
           _member(MemberAct.REMOVE_CONFIRMED, "picker_a"), _gone("picker_a"),
           MANAGE_ROLE[Role.PICKER]),
    Action("remove_manager", BotRole.SELLER, OWNERS_A,
           _member(MemberAct.REMOVE_CONFIRMED, "manager_a"), _gone("manager_a"),
           MANAGE_ROLE[Role.MANAGER]),
    Action("promote_picker", BotRole.SELLER, OWNERS_A,
           _member(MemberAct.ROLE, "picker_a", Role.MANAGER), _picker_promoted,
           MANAGE_ROLE[Role.MANAGER]),
    # Commands show one's own shops only: nobody outside shop A is shown it.
    Action("/shop", BotRole.SELLER, who("owner_a", "manager_a", "picker_a"),
           _command("/shop"), _card_of_a, alerts=False),
    Action("/staff", BotRole.SELLER, who("owner_a", "manager_a"),
           _command("/staff"), _team_of_a, alerts=False),
    # The support bot's admin tools.
    Action("/admin", BotRole.SUPPORT, who("admin"),
           _command("/admin"), _admin_menu, Permission.REVIEW_SELLER_APPLICATIONS,
           alerts=False),
)


async def _snapshot(case: Case) -> tuple[Any, ...]:
    """Everything the matrix's actions could change."""
    world, db = case.world, case.db
    owner = await world.actor(db, "owner_a")
    customer = await world.actor(db, "customer")
    return (await get_shop(db, world.shop_a.id), await _staff_of_a(case),
            await list_invitations(db, owner, shop_id=world.shop_a.id),
            await list_addresses(db, customer, customer.telegram_id))


@pytest.fixture
async def world(db: Database) -> World:
    return await build_world(db)


def _allowed_cells() -> list[Any]:
    return [pytest.param(action, person, id=f"{action.name}-by-{person}")
            for action in ACTIONS for person in PEOPLE if person in action.allowed]


@pytest.mark.parametrize(("action", "person"), _allowed_cells())
async def test_allowed(
    action: Action, person: str, world: World, db: Database, translator: Translator,
    harness_for: Callable[[BotRole], Harness],
) -> None:
    """Each allowed cell in a world of its own: the action takes effect, nobody is refused."""
    case = Case(world, db, harness_for(action.bot), translator, person)
    if action.prepare is not None:
        await action.prepare(case)
    requests = await action.do(case)
    assert await action.happened(case, requests), texts(requests)
    assert not case.denied(requests), texts(requests)


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
async def test_refused(
    action: Action, world: World, db: Database, translator: Translator,
    harness_for: Callable[[BotRole], Harness],
) -> None:
    """Everyone else tries in turn in one world: since none of them may change anything, the
    world must still be exactly as it was after each attempt (and it is cheaper than a world
    each). Every refused person is checked before failing, so the report names them all."""
    harness = harness_for(action.bot)
    wrong: list[str] = []
    first = Case(world, db, harness, translator, "customer")
    if action.prepare is not None:
        await action.prepare(first)
    before = await _snapshot(first)
    for person in PEOPLE:
        if person in action.allowed:
            continue
        case = Case(world, db, harness, translator, person)
        requests = await action.do(case)
        if await action.happened(case, requests) or await _snapshot(case) != before:
            wrong.append(f"{person}: it took effect {texts(requests)}")
        elif not requests:
            wrong.append(f"{person}: not answered at all")
        elif action.alerts and not case.denied(requests):
            wrong.append(f"{person}: no refusal {texts(requests)}")
        elif action.name == "/admin" and texts(requests) != [case.tr("support-admin-only")]:
            wrong.append(f"{person}: {texts(requests)}")
    assert not wrong, wrong


async def test_the_table_agrees_with_the_policy(world: World, db: Database) -> None:
    """The expectations above are what core/auth/policy.py decides for these people."""
    actors = {person: await world.actor(db, person) for person in PEOPLE}
    for action in ACTIONS:
        if action.permission is None:
            continue
        expected = {person for person, actor in actors.items()
                    if allows(actor, action.permission, shop_id=world.shop_a.id,
                              subject_id=world.people["customer"])}
        assert expected == set(action.allowed), action.name


async def test_shop_b_staff_press_every_shop_a_button(
    world: World, db: Database, harness_for: Callable[[BotRole], Harness],
    translator: Translator,
) -> None:
    """The owner of shop B forges every seller button for shop A in a row: all are refused, and
    no invitation link is ever handed out."""
    seller = harness_for(BotRole.SELLER)
    case = Case(world, db, seller, translator, "owner_b")
    before = await _snapshot(case)
    for action in ACTIONS:
        if action.bot is BotRole.SELLER and action.alerts:
            assert case.denied(await action.do(case)), action.name
    assert await _snapshot(case) == before
    assert not any(isinstance(r, SendMessage) and "https://t.me/" in r.text
                   for r in seller.session.requests)


@pytest.mark.parametrize("person", ["support", "admin"])
async def test_view_only_people_are_not_asked_to_edit_an_address(
    person: str, world: World, db: Database, translator: Translator,
    harness_for: Callable[[BotRole], Harness],
) -> None:
    case = Case(world, db, harness_for(BotRole.CUSTOMER), translator, person)
    requests = await case.press(AddressFieldChoice(address_id=world.home.id, field=Field.TEXT))
    assert case.denied(requests), texts(requests)
    assert await case.state() != AddressEdit.value.state
