"""orders' events that move deliveries: accepted (a delivery is made), ready (dispatch may
offer it), canceled (the delivery is canceled, offers withdrawn, the courier freed)."""

from __future__ import annotations

from core.logistics import _lifecycle
from core.orders.events import OrderAccepted, OrderCanceled, OrderReady
from core.shared.events import subscriber
from core.shared.uow import Transaction

__all__ = ["order_accepted", "order_canceled", "order_ready"]


@subscriber(OrderAccepted, name="logistics.order_accepted")
async def order_accepted(tx: Transaction, event: OrderAccepted) -> None:
    """Make the order's delivery, waiting for the order to be ready."""
    await _lifecycle.ensure(tx, event.customer_id, event.order_id)


@subscriber(OrderReady, name="logistics.order_ready")
async def order_ready(tx: Transaction, event: OrderReady) -> None:
    """Start looking for a courier."""
    await _lifecycle.order_ready(tx, event.customer_id, event.order_id)


@subscriber(OrderCanceled, name="logistics.order_canceled")
async def order_canceled(tx: Transaction, event: OrderCanceled) -> None:
    """Cancel the delivery with its order."""
    await _lifecycle.order_canceled(tx, event.order_id)
