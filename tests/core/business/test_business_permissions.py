"""Who may do what to a shop: owner, manager, picker, another shop's owner, a customer, support,
an admin. Every business command is tried by every one of them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from business_factories import ActorOf, ApprovedShop, NewPerson, application, shop_form

from core.auth.api import accept_invitation, create_invitation, grant_role
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.business.api import (
    add_shop,
    apply,
    approve_application,
    approve_shop,
    get_business,
    list_applications,
    pause_shop,
    reject_application,
    reject_shop,
    resume_shop,
    set_shop_description,
    set_shop_logo,
    submit_shop,
    update_shop,
)
from core.business.schemas import ShopChanges
from core.shared.config import BotRole
from core.shared.errors import CoreError
from core.shared.uow import Database

PEOPLE = ("owner", "manager", "picker", "other_owner", "customer", "support", "admin")


@dataclass
class World:
    shop: ApprovedShop
    other: ApprovedShop
    people: dict[str, Actor]
    new_person: NewPerson
    actor_of: ActorOf


@pytest.fixture
async def world(
    db: Database, approved: ApprovedShop, admin: Actor, new_person: NewPerson,
    actor_of: ActorOf,
) -> World:
    shop_id = approved.shop.id
    people: dict[str, Actor] = {"owner": approved.owner, "admin": admin}
    for name, role in (("manager", Role.MANAGER), ("picker", Role.PICKER)):
        telegram_id = await new_person(name)
        invitation = await create_invitation(db, approved.owner, role, shop_id=shop_id)
        await accept_invitation(db, invitation.token, telegram_id, via=BotRole.SELLER)
        people[name] = await actor_of(telegram_id)
    other_applicant = await actor_of(await new_person("Другой"))
    other_applied = await apply(db, other_applicant, application())
    other_decided = await approve_application(db, admin, other_applied.business.id)
    other = ApprovedShop(other_decided, await actor_of(other_applicant.telegram_id))
    people["other_owner"] = other.owner
    people["customer"] = await actor_of(await new_person("Покупатель"))
    support_id = await new_person("Поддержка")
    await grant_role(db, admin, support_id, Role.SUPPORT)
    people["support"] = await actor_of(support_id)
    assert set(people) == set(PEOPLE)
    return World(approved, other, people, new_person, actor_of)


Attempt = Callable[[Database, World, Actor], Awaitable[Any]]


async def _pause_then_resume(db: Database, w: World, actor: Actor) -> None:
    await pause_shop(db, actor, w.shop.shop.id)
    await resume_shop(db, actor, w.shop.shop.id)


async def _resume(db: Database, w: World, actor: Actor) -> None:
    await pause_shop(db, w.people["admin"], w.shop.shop.id)
    await resume_shop(db, actor, w.shop.shop.id)


async def _update(db: Database, w: World, actor: Actor) -> None:
    await update_shop(db, actor, w.shop.shop.id, ShopChanges(assembly_minutes=25))


async def _logo(db: Database, w: World, actor: Actor) -> None:
    await set_shop_logo(db, actor, w.shop.shop.id, "https://cdn.example.ru/l.png")


async def _description(db: Database, w: World, actor: Actor) -> None:
    await set_shop_description(db, actor, w.shop.shop.id, "Свежее каждый день")


async def _add_shop(db: Database, w: World, actor: Actor) -> None:
    await add_shop(db, actor, w.shop.application.business.id, shop_form())


async def _submit(db: Database, w: World, actor: Actor) -> None:
    draft = await add_shop(db, w.people["admin"], w.shop.application.business.id, shop_form())
    # Submitting is a later request: the actor's roles are read again, new shop included.
    await submit_shop(db, await w.actor_of(actor.telegram_id), draft.id)


async def _draft_under_review(db: Database, w: World) -> Any:
    draft = await add_shop(db, w.people["admin"], w.shop.application.business.id, shop_form())
    return await submit_shop(db, w.people["admin"], draft.id)


async def _approve_shop(db: Database, w: World, actor: Actor) -> None:
    await approve_shop(db, actor, (await _draft_under_review(db, w)).id)


async def _reject_shop(db: Database, w: World, actor: Actor) -> None:
    await reject_shop(db, actor, (await _draft_under_review(db, w)).id, "Не подходит")


async def _view_business(db: Database, w: World, actor: Actor) -> None:
    await get_business(db, actor, w.shop.application.business.id)


async def _review_queue(db: Database, w: World, actor: Actor) -> None:
    await list_applications(db, actor)


async def _fresh_application(db: Database, w: World) -> Any:
    applicant = await w.actor_of(await w.new_person("Заявитель"))
    return await apply(db, applicant, application())


async def _approve_application(db: Database, w: World, actor: Actor) -> None:
    applied = await _fresh_application(db, w)
    await approve_application(db, actor, applied.business.id)


async def _reject_application(db: Database, w: World, actor: Actor) -> None:
    applied = await _fresh_application(db, w)
    await reject_application(db, actor, applied.business.id, "Нет документов")


async def _invite_manager(db: Database, w: World, actor: Actor) -> None:
    await create_invitation(db, actor, Role.MANAGER, shop_id=w.shop.shop.id)


EDIT_SHOP = {"owner", "manager", "admin"}
OWNERS = {"owner", "admin"}
ADMINS = {"admin"}

MATRIX: list[tuple[str, Attempt, set[str]]] = [
    ("pause and resume", _pause_then_resume, EDIT_SHOP),
    ("resume", _resume, EDIT_SHOP),
    ("update settings", _update, EDIT_SHOP),
    ("set logo", _logo, EDIT_SHOP),
    ("set description", _description, EDIT_SHOP),
    ("add a shop", _add_shop, OWNERS),
    ("submit a shop", _submit, OWNERS),
    ("approve a shop", _approve_shop, ADMINS),
    ("reject a shop", _reject_shop, ADMINS),
    ("see the business", _view_business,
     {"owner", "manager", "picker", "support", "admin"}),
    ("review queue", _review_queue, ADMINS),
    ("approve an application", _approve_application, ADMINS),
    ("reject an application", _reject_application, ADMINS),
    # Staff management lives in core.auth; the same policy refuses a picker there.
    ("invite a manager", _invite_manager, OWNERS),
]


@pytest.mark.parametrize(("action", "attempt", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
async def test_permission_matrix(
    db: Database, world: World, action: str, attempt: Attempt, allowed: set[str]
) -> None:
    outcomes: dict[str, str] = {}
    for name in PEOPLE:
        # As adapters do for every request: the roles as they are now.
        actor = await world.actor_of(world.people[name].telegram_id)
        try:
            await attempt(db, world, actor)
        except PermissionDenied:
            outcomes[name] = "denied"
        except CoreError as error:  # allowed, but something else went wrong: show it
            outcomes[name] = f"error {error.code}"
        else:
            outcomes[name] = "allowed"
    expected = {name: "allowed" if name in allowed else "denied" for name in PEOPLE}
    assert outcomes == expected, action


async def test_staff_of_one_shop_cannot_touch_another(db: Database, world: World) -> None:
    other_shop = world.other.shop.id
    for name in ("owner", "manager", "picker"):
        actor = world.people[name]
        with pytest.raises(PermissionDenied):
            await pause_shop(db, actor, other_shop)
        with pytest.raises(PermissionDenied):
            await update_shop(db, actor, other_shop, ShopChanges(name="Чужой"))
        with pytest.raises(PermissionDenied):
            await add_shop(db, actor, world.other.application.business.id, shop_form())
        with pytest.raises(PermissionDenied):
            await get_business(db, actor, world.other.application.business.id)
    assert (await get_business(db, world.other.owner, world.other.application.business.id)
            ).shops[0].name == world.other.shop.name
