"""The authorization matrix, checked against an independent statement of who may do what.

The expectations below are written out by hand, person by person, rather than derived from
core.auth.policy.POLICY, so a wrong grant there makes a test here fail."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import pytest

from core.auth.errors import PermissionDenied
from core.auth.policy import (
    MANAGE_ROLE,
    POLICY,
    STAFF_ROLES,
    Actor,
    Permission,
    Role,
    allows,
    require,
)
from core.shared.errors import ErrorKind

P = Permission
SHOP_A = uuid.UUID("00000000-0000-7000-8000-00000000000a")
SHOP_B = uuid.UUID("00000000-0000-7000-8000-00000000000b")

ACTORS: Mapping[str, Actor] = {
    "customer": Actor(101),
    "owner_a": Actor(102, shops={SHOP_A: Role.OWNER}),
    "manager_a": Actor(103, shops={SHOP_A: Role.MANAGER}),
    "picker_a": Actor(104, shops={SHOP_A: Role.PICKER}),
    "owner_b": Actor(105, shops={SHOP_B: Role.OWNER}),
    "courier": Actor(106, platform_roles=frozenset({Role.COURIER})),
    "support": Actor(107, platform_roles=frozenset({Role.SUPPORT})),
    "admin": Actor(108, platform_roles=frozenset({Role.ADMIN})),
}
EVERYONE = frozenset(ACTORS)
SOMEONE_ELSE = 999

# Permissions about one shop: who may act in shop A.
SHOP_PERMISSIONS: Mapping[Permission, frozenset[str]] = {
    P.VIEW_SHOP: frozenset({"owner_a", "manager_a", "picker_a", "support", "admin"}),
    P.EDIT_SHOP: frozenset({"owner_a", "manager_a", "admin"}),
    P.EDIT_BUSINESS: frozenset({"owner_a", "admin"}),
    P.VIEW_SHOP_FINANCES: frozenset({"owner_a", "admin"}),
    P.VIEW_SHOP_STAFF: frozenset({"owner_a", "manager_a", "support", "admin"}),
    P.MANAGE_SHOP_STAFF: frozenset({"owner_a", "admin"}),
    P.MANAGE_PICKERS: frozenset({"owner_a", "manager_a", "admin"}),
    P.MANAGE_CATALOG: frozenset({"owner_a", "manager_a", "admin"}),
    P.MANAGE_STOCK: frozenset({"owner_a", "manager_a", "picker_a"}),
    P.PROCESS_ORDERS: frozenset({"owner_a", "manager_a", "picker_a"}),
}
# Permissions about a person: who may act on their own data, who on someone else's.
PERSON_PERMISSIONS: Mapping[Permission, tuple[frozenset[str], frozenset[str]]] = {
    P.VIEW_PERSON: (EVERYONE, frozenset({"support", "admin"})),
    P.EDIT_PERSON: (EVERYONE, frozenset()),
    P.HANDLE_DELIVERY: (frozenset({"courier"}), frozenset()),
}
# Permissions that need no target.
PLATFORM_PERMISSIONS: Mapping[Permission, frozenset[str]] = {
    P.PLACE_ORDERS: EVERYONE,
    P.APPLY_AS_SELLER: EVERYONE,
    P.REVIEW_SELLER_APPLICATIONS: frozenset({"admin"}),
    P.WORK_SHIFTS: frozenset({"courier"}),
    P.HANDLE_TICKETS: frozenset({"support", "admin"}),
    P.ISSUE_REFUNDS: frozenset({"support", "admin"}),
    P.MANAGE_COURIERS: frozenset({"admin"}),
    P.MANAGE_SUPPORT_AGENTS: frozenset({"admin"}),
    P.MANAGE_ADMINS: frozenset({"admin"}),
    P.SEND_BROADCASTS: frozenset({"admin"}),
}
SELLER_SUPPORT_ADMIN = [
    *SHOP_PERMISSIONS, P.REVIEW_SELLER_APPLICATIONS, P.HANDLE_TICKETS, P.ISSUE_REFUNDS,
    P.MANAGE_COURIERS, P.MANAGE_SUPPORT_AGENTS, P.MANAGE_ADMINS, P.SEND_BROADCASTS,
]


def test_every_permission_is_in_the_policy_and_in_this_matrix() -> None:
    assert set(POLICY) == set(Permission)
    stated = set(SHOP_PERMISSIONS) | set(PERSON_PERMISSIONS) | set(PLATFORM_PERMISSIONS)
    assert stated == set(Permission)


@pytest.mark.parametrize("name", sorted(ACTORS))
@pytest.mark.parametrize("permission", list(SHOP_PERMISSIONS))
def test_shop_permissions(permission: Permission, name: str) -> None:
    expected = name in SHOP_PERMISSIONS[permission]
    assert allows(ACTORS[name], permission, shop_id=SHOP_A) is expected


@pytest.mark.parametrize("name", sorted(ACTORS))
@pytest.mark.parametrize("permission", list(PERSON_PERMISSIONS))
def test_person_permissions(permission: Permission, name: str) -> None:
    actor = ACTORS[name]
    own, others = PERSON_PERMISSIONS[permission]
    assert allows(actor, permission, subject_id=actor.telegram_id) is (name in own)
    assert allows(actor, permission, subject_id=SOMEONE_ELSE) is (name in others)


@pytest.mark.parametrize("name", sorted(ACTORS))
@pytest.mark.parametrize("permission", list(PLATFORM_PERMISSIONS))
def test_platform_permissions(permission: Permission, name: str) -> None:
    assert allows(ACTORS[name], permission) is (name in PLATFORM_PERMISSIONS[permission])


@pytest.mark.parametrize("permission", list(SHOP_PERMISSIONS))
@pytest.mark.parametrize("name", ["owner_a", "manager_a", "picker_a"])
def test_staff_of_shop_a_cannot_touch_shop_b(permission: Permission, name: str) -> None:
    assert not allows(ACTORS[name], permission, shop_id=SHOP_B)
    with pytest.raises(PermissionDenied):
        require(ACTORS[name], permission, shop_id=SHOP_B)


def test_a_picker_cannot_do_what_only_owners_and_managers_do() -> None:
    owners_only = [p for p, who in SHOP_PERMISSIONS.items()
                   if "owner_a" in who and "picker_a" not in who]
    assert {P.MANAGE_SHOP_STAFF, P.EDIT_SHOP, P.VIEW_SHOP_FINANCES} <= set(owners_only)
    for permission in owners_only:
        assert not allows(ACTORS["picker_a"], permission, shop_id=SHOP_A), permission


@pytest.mark.parametrize("permission", SELLER_SUPPORT_ADMIN)
def test_a_courier_cannot_call_seller_support_or_admin_actions(permission: Permission) -> None:
    courier = ACTORS["courier"]
    for shop in (SHOP_A, SHOP_B, None):
        assert not allows(courier, permission, shop_id=shop, subject_id=SOMEONE_ELSE)


def test_a_customer_cannot_read_another_customers_data() -> None:
    with pytest.raises(PermissionDenied):
        require(ACTORS["customer"], P.VIEW_PERSON, subject_id=SOMEONE_ELSE)
    require(ACTORS["customer"], P.VIEW_PERSON, subject_id=ACTORS["customer"].telegram_id)


def test_shop_permissions_need_the_shop() -> None:
    # Without a target a shop-scoped grant never applies: forgetting the id denies, not allows.
    assert not allows(ACTORS["owner_a"], P.EDIT_SHOP)
    assert allows(ACTORS["admin"], P.EDIT_SHOP)


def test_one_person_with_several_roles_gets_each_where_it_applies() -> None:
    person = Actor(200, platform_roles=frozenset({Role.COURIER}),
                   shops={SHOP_A: Role.PICKER, SHOP_B: Role.OWNER})
    assert person.roles == {Role.CUSTOMER, Role.COURIER, Role.PICKER, Role.OWNER}
    assert allows(person, P.PLACE_ORDERS)
    assert allows(person, P.WORK_SHIFTS)
    assert allows(person, P.PROCESS_ORDERS, shop_id=SHOP_A)
    assert not allows(person, P.MANAGE_SHOP_STAFF, shop_id=SHOP_A)
    assert allows(person, P.MANAGE_SHOP_STAFF, shop_id=SHOP_B)


def test_managing_a_role_takes_the_right_permission() -> None:
    manager = ACTORS["manager_a"]
    assert allows(manager, MANAGE_ROLE[Role.PICKER], shop_id=SHOP_A)
    for role in (Role.MANAGER, Role.OWNER):
        assert not allows(manager, MANAGE_ROLE[role], shop_id=SHOP_A)
    assert set(STAFF_ROLES) | {Role.COURIER, Role.SUPPORT, Role.ADMIN} == set(MANAGE_ROLE)


def test_refusal_is_a_stable_forbidden_error() -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(ACTORS["picker_a"], P.MANAGE_SHOP_STAFF, shop_id=SHOP_A)
    assert caught.value.code == "permission_denied"
    assert caught.value.kind is ErrorKind.FORBIDDEN
    assert caught.value.params == {"permission": "manage_shop_staff"}


def test_an_actor_cannot_gain_a_shop_on_the_way() -> None:
    shops = {SHOP_A: Role.PICKER}
    actor = Actor(300, shops=shops)
    shops[SHOP_B] = Role.OWNER
    assert actor.role_in(SHOP_B) is None
    with pytest.raises(TypeError):
        actor.shops[SHOP_B] = Role.OWNER  # type: ignore[index]
    assert hash(actor) == hash(Actor(300, shops={SHOP_A: Role.PICKER}))
