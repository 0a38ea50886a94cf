"""Who may do what: the one place FruktGo decides authorization.

Every person is an ``Actor``: their Telegram id, the platform roles they hold (``customer`` is
everyone's; ``courier``, ``support``, ``admin`` are granted) and their staff role in each shop
(``owner``, ``manager`` or ``picker``; one per shop, several shops allowed). ``POLICY`` maps each
``Permission`` to the grants that allow it, each grant a role plus a scope:

- ``Scope.ANYWHERE``: holding the role is enough (an admin approves any shop);
- ``Scope.OWN``: only on the actor's own data, the subject being the actor (a customer reads
  their own addresses, a courier handles a delivery assigned to them);
- ``Scope.SHOP``: only in a shop where the actor holds that staff role (a manager of shop A edits
  shop A, never shop B).

How a module uses it (customers, business and every later module follow this pattern). A public
api command that acts for a person takes the ``actor`` as its first argument after the
transaction and checks before touching anything::

    from core.auth.policy import Actor, Permission, require

    @command
    async def pause_shop(tx: Transaction, actor: Actor, shop_id: UUID) -> ShopOut:
        require(actor, Permission.EDIT_SHOP, shop_id=shop_id)
        ...

    @command
    async def list_addresses(tx: Transaction, actor: Actor, customer_id: int) -> list[...]:
        require(actor, Permission.VIEW_PERSON, subject_id=customer_id)
        ...

``require`` raises ``PermissionDenied`` (code ``permission_denied``, HTTP 403, a localized
message in the bots); ``allows`` answers the same question as a bool, e.g. to hide a button.
Adapters get the actor once per request or update: the web API from the sign-in
(``web.auth.actor_of(request)``), the bots with ``core.auth.api.load_actor(db, telegram_id)``.
Callback data and API paths are user input, so the ids given to ``require`` come from them and the
check runs on every call. A new action either reuses a permission below or adds one here, with its
grants, in the same change; the matrix tests in tests/core/auth cover every entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from uuid import UUID

from core.auth.errors import PermissionDenied
from core.shared.config import BotRole


class Role(StrEnum):
    """Everything a person can be on the platform."""

    CUSTOMER = "customer"
    COURIER = "courier"
    OWNER = "owner"
    MANAGER = "manager"
    PICKER = "picker"
    SUPPORT = "support"
    ADMIN = "admin"


# Granted platform-wide and stored; customer is implied for everyone and never stored.
PLATFORM_ROLES: frozenset[Role] = frozenset({Role.COURIER, Role.SUPPORT, Role.ADMIN})
# Held per shop, one of them per person and shop; the order is seniority.
STAFF_ROLES: tuple[Role, ...] = (Role.OWNER, Role.MANAGER, Role.PICKER)


class Scope(StrEnum):
    """Where a grant applies."""

    ANYWHERE = "anywhere"
    OWN = "own"
    SHOP = "shop"


class Permission(StrEnum):
    """An action, or a family of actions that always go together."""

    # A person's own data: profile, phone, addresses, order history, export and deletion.
    VIEW_PERSON = "view_person"
    EDIT_PERSON = "edit_person"
    # Buying: carts, checkout, own orders, ratings, asking support.
    PLACE_ORDERS = "place_orders"
    # Seller onboarding: anyone may apply; admins decide.
    APPLY_AS_SELLER = "apply_as_seller"
    REVIEW_SELLER_APPLICATIONS = "review_seller_applications"
    # Inside one shop.
    VIEW_SHOP = "view_shop"
    EDIT_SHOP = "edit_shop"
    EDIT_BUSINESS = "edit_business"
    VIEW_SHOP_FINANCES = "view_shop_finances"
    VIEW_SHOP_STAFF = "view_shop_staff"
    MANAGE_SHOP_STAFF = "manage_shop_staff"
    MANAGE_PICKERS = "manage_pickers"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_STOCK = "manage_stock"
    PROCESS_ORDERS = "process_orders"
    # Couriers.
    WORK_SHIFTS = "work_shifts"
    HANDLE_DELIVERY = "handle_delivery"
    # Support and administration.
    HANDLE_TICKETS = "handle_tickets"
    ISSUE_REFUNDS = "issue_refunds"
    MANAGE_COURIERS = "manage_couriers"
    MANAGE_SUPPORT_AGENTS = "manage_support_agents"
    MANAGE_ADMINS = "manage_admins"
    SEND_BROADCASTS = "send_broadcasts"


@dataclass(frozen=True, slots=True)
class Grant:
    """A role that allows a permission, within a scope."""

    role: Role
    scope: Scope


def _anywhere(*roles: Role) -> frozenset[Grant]:
    return frozenset(Grant(role, Scope.ANYWHERE) for role in roles)


def _own(*roles: Role) -> frozenset[Grant]:
    return frozenset(Grant(role, Scope.OWN) for role in roles)


def _in_shop(*roles: Role) -> frozenset[Grant]:
    return frozenset(Grant(role, Scope.SHOP) for role in roles)


_ALL_STAFF = (Role.OWNER, Role.MANAGER, Role.PICKER)
_PLATFORM_STAFF = (Role.SUPPORT, Role.ADMIN)

POLICY: Mapping[Permission, frozenset[Grant]] = MappingProxyType({
    Permission.VIEW_PERSON: _own(Role.CUSTOMER) | _anywhere(*_PLATFORM_STAFF),
    Permission.EDIT_PERSON: _own(Role.CUSTOMER),
    Permission.PLACE_ORDERS: _anywhere(Role.CUSTOMER),
    Permission.APPLY_AS_SELLER: _anywhere(Role.CUSTOMER),
    Permission.REVIEW_SELLER_APPLICATIONS: _anywhere(Role.ADMIN),
    Permission.VIEW_SHOP: _in_shop(*_ALL_STAFF) | _anywhere(*_PLATFORM_STAFF),
    Permission.EDIT_SHOP: _in_shop(Role.OWNER, Role.MANAGER) | _anywhere(Role.ADMIN),
    Permission.EDIT_BUSINESS: _in_shop(Role.OWNER) | _anywhere(Role.ADMIN),
    Permission.VIEW_SHOP_FINANCES: _in_shop(Role.OWNER) | _anywhere(Role.ADMIN),
    Permission.VIEW_SHOP_STAFF: _in_shop(Role.OWNER, Role.MANAGER) | _anywhere(*_PLATFORM_STAFF),
    Permission.MANAGE_SHOP_STAFF: _in_shop(Role.OWNER) | _anywhere(Role.ADMIN),
    Permission.MANAGE_PICKERS: _in_shop(Role.OWNER, Role.MANAGER) | _anywhere(Role.ADMIN),
    Permission.MANAGE_CATALOG: _in_shop(Role.OWNER, Role.MANAGER) | _anywhere(Role.ADMIN),
    Permission.MANAGE_STOCK: _in_shop(*_ALL_STAFF),
    Permission.PROCESS_ORDERS: _in_shop(*_ALL_STAFF),
    Permission.WORK_SHIFTS: _anywhere(Role.COURIER),
    Permission.HANDLE_DELIVERY: _own(Role.COURIER),
    Permission.HANDLE_TICKETS: _anywhere(*_PLATFORM_STAFF),
    Permission.ISSUE_REFUNDS: _anywhere(*_PLATFORM_STAFF),
    Permission.MANAGE_COURIERS: _anywhere(Role.ADMIN),
    Permission.MANAGE_SUPPORT_AGENTS: _anywhere(Role.ADMIN),
    Permission.MANAGE_ADMINS: _anywhere(Role.ADMIN),
    Permission.SEND_BROADCASTS: _anywhere(Role.ADMIN),
})

# Granting, revoking or inviting someone into a role takes this permission (in that shop, for
# staff): managers handle pickers only, owners and admins everyone.
MANAGE_ROLE: Mapping[Role, Permission] = MappingProxyType({
    Role.COURIER: Permission.MANAGE_COURIERS,
    Role.SUPPORT: Permission.MANAGE_SUPPORT_AGENTS,
    Role.ADMIN: Permission.MANAGE_ADMINS,
    Role.OWNER: Permission.MANAGE_SHOP_STAFF,
    Role.MANAGER: Permission.MANAGE_SHOP_STAFF,
    Role.PICKER: Permission.MANAGE_PICKERS,
})


@dataclass(frozen=True, slots=True)
class Actor:
    """A person acting, with every role they held when the request or update began."""

    telegram_id: int
    platform_roles: frozenset[Role] = frozenset()
    shops: Mapping[UUID, Role] = field(default_factory=dict, hash=False)
    # The bot the person came through (a Mini App's initData says which), when known.
    via: BotRole | None = None

    def __post_init__(self) -> None:
        # Read-only, so an actor handed around cannot gain a shop on the way.
        object.__setattr__(self, "shops", MappingProxyType(dict(self.shops)))

    @property
    def roles(self) -> frozenset[Role]:
        """Every role held anywhere, customer included."""
        return self.platform_roles | set(self.shops.values()) | {Role.CUSTOMER}

    def has(self, role: Role) -> bool:
        """Whether the actor holds ``role`` platform-wide (every actor is a customer)."""
        return role is Role.CUSTOMER or role in self.platform_roles

    def role_in(self, shop_id: UUID) -> Role | None:
        """The actor's staff role in ``shop_id``, if any."""
        return self.shops.get(shop_id)


def allows(
    actor: Actor,
    permission: Permission,
    *,
    shop_id: UUID | None = None,
    subject_id: int | None = None,
) -> bool:
    """Whether ``actor`` may do ``permission`` in ``shop_id`` / on person ``subject_id``."""
    for grant in POLICY[permission]:
        if grant.scope is Scope.ANYWHERE:
            if actor.has(grant.role):
                return True
        elif grant.scope is Scope.OWN:
            if subject_id is not None and subject_id == actor.telegram_id and actor.has(grant.role):
                return True
        elif shop_id is not None and actor.role_in(shop_id) is grant.role:
            return True
    return False


def require(
    actor: Actor,
    permission: Permission,
    *,
    shop_id: UUID | None = None,
    subject_id: int | None = None,
) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may do ``permission`` there."""
    if not allows(actor, permission, shop_id=shop_id, subject_id=subject_id):
        raise PermissionDenied(
            f"this account may not {permission.value.replace('_', ' ')} here",
            permission=permission.value,
        )
