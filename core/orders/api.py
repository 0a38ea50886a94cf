"""orders commands and queries.

Carts (``core.orders._cart``): the customer changes their own cart (``EDIT_PERSON`` on
themselves); support may read it (``VIEW_PERSON``).

Checkout (``_checkout``): ``place_order`` turns a cart into an order in one transaction;
``delivery_slots`` lists the hours a shop delivers in. Lifecycle (``_lifecycle``): the
transition table and one command per step; who acts is decided from the actor and the order
(its customer, its shop's staff with ``PROCESS_ORDERS``, its courier, support), the system
acting with no actor. Assembly (``_assembly``): the shop's staff weigh, count, mark missing and
propose substitutes; the customer answers. Reading (``_queries``): the customer, the shop's
staff, the courier and support see an order; ``my_orders`` and ``shop_orders`` list them;
``order_of_line`` finds the order of a line.
"""

from __future__ import annotations

from core.orders._assembly import (
    ANSWER_WITHIN,
    answer_substitute,
    mark_missing,
    mark_ready,
    propose_substitute,
    record_actual,
    resolve_overdue_proposals,
)
from core.orders._cart import (
    MAX_LINES,
    accept_cart_changes,
    clear_cart,
    get_cart,
    my_carts,
    set_cart_quantity,
    step_cart_quantity,
)
from core.orders._checkout import (
    COURIER_SPEED_M_PER_MIN,
    ROAD_FACTOR,
    UNPAID_TTL,
    delivery_slots,
    place_order,
    travel_minutes,
)
from core.orders._lifecycle import (
    TRANSITIONS,
    accept_order,
    allowed_targets,
    assign_courier,
    cancel_order,
    complete_order,
    confirm_payment,
    expire_unpaid_orders,
    mark_delivered,
    mark_delivery_failed,
    mark_picked_up,
    reject_order,
    start_assembly,
)
from core.orders._queries import (
    get_order,
    my_orders,
    order_history,
    order_of_line,
    reorder,
    shop_customer_ids,
    shop_orders,
)

__all__ = [
    "ANSWER_WITHIN",
    "COURIER_SPEED_M_PER_MIN",
    "MAX_LINES",
    "ROAD_FACTOR",
    "TRANSITIONS",
    "UNPAID_TTL",
    "accept_cart_changes",
    "accept_order",
    "allowed_targets",
    "answer_substitute",
    "assign_courier",
    "cancel_order",
    "clear_cart",
    "complete_order",
    "confirm_payment",
    "delivery_slots",
    "expire_unpaid_orders",
    "get_cart",
    "get_order",
    "mark_delivered",
    "mark_delivery_failed",
    "mark_missing",
    "mark_picked_up",
    "mark_ready",
    "my_carts",
    "my_orders",
    "order_history",
    "order_of_line",
    "place_order",
    "propose_substitute",
    "record_actual",
    "reject_order",
    "reorder",
    "resolve_overdue_proposals",
    "set_cart_quantity",
    "shop_customer_ids",
    "shop_orders",
    "start_assembly",
    "step_cart_quantity",
    "travel_minutes",
]
