## orders: checkout, the order lifecycle, assembly

error-checkout_invalid = { $field ->
    [comment] A comment is at most { $maximum } characters.
    [idempotency_key] The order could not be placed: reload the page and try again.
   *[other] Please check the order details.
}
error-checkout_cart_empty = The cart is empty.
error-checkout_cart_changed = Something in the cart changed: prices or stock. Please check it and order again.
error-checkout_below_minimum = The minimum order in this shop is { $minimum }; the cart holds { $subtotal }.
error-checkout_out_of_zone = The shop does not deliver to this address.
error-checkout_address_without_point = Please mark the address on the map so the shop can deliver there.
error-checkout_shop_not_accepting = The shop is not taking orders right now. You can choose a delivery time.
error-checkout_slot_unavailable = This delivery time is no longer available; please choose another.
error-order_not_found = Order not found.
error-order_state_changed = The order has moved on: { $status ->
    [pending_payment] waiting for payment
    [placed] waiting for the shop
    [accepted] accepted by the shop
    [assembling] being assembled
    [ready] assembled
    [courier_assigned] a courier is assigned
    [picked_up] on its way
    [delivered] delivered
    [completed] completed
    [canceled] canceled
    [delivery_failed] not delivered
   *[other] { $status }
}.
error-order_transition_not_allowed = This cannot be done now: the order is { $status ->
    [assembling] being assembled
    [ready] assembled
    [courier_assigned] going to a courier
    [picked_up] on its way
   *[other] in another status
}.
error-order_reason_required = Please give a reason for canceling.
error-order_note_too_long = A comment is at most { $maximum } characters.
error-order_line_not_found = The order has no such line.
error-order_line_state_changed = This line was already handled; please refresh the order.
error-order_actual_quantity_invalid = Enter the actual quantity: whole pieces or grams, at most { $maximum }.
error-order_substitute_invalid = { $reason ->
    [customer_prefers_remove] The customer asked to remove this item rather than replace it.
   *[other] A substitute is another product of this shop, in a quantity on its step.
}
error-order_proposal_pending = The customer has not answered the proposed substitute yet.
error-order_substitute_too_late = The time to answer has passed: your substitution preference decided.

order-status-pending_payment = Waiting for payment
order-status-placed = Waiting for the shop
order-status-accepted = Accepted
order-status-assembling = Being assembled
order-status-ready = Assembled
order-status-courier_assigned = Courier assigned
order-status-picked_up = On its way
order-status-delivered = Delivered
order-status-completed = Completed
order-status-canceled = Canceled
order-status-delivery_failed = Not delivered

order-party-customer = customer
order-party-shop = shop
order-party-courier = courier
order-party-support = support
order-party-system = system

cancel-reason-customer_request = At the customer's request
cancel-reason-out_of_stock = Out of stock
cancel-reason-shop_closing = The shop is closing
cancel-reason-too_busy = The shop has too many orders
cancel-reason-address_unreachable = The address cannot be reached
cancel-reason-payment_timeout = Not paid in time
cancel-reason-duplicate = A repeated order
cancel-reason-other = Another reason

payment-method-cash = Cash to the courier
payment-method-card_to_courier = Card to the courier
payment-method-online = Online

substitution-call = Call me
substitution-replace = Replace with similar
substitution-remove = Remove from the order

order-line-status-planned = Not picked yet
order-line-status-picked = Picked
order-line-status-missing = Out of stock
order-line-status-substituted = Replaced
order-line-status-removed = Removed
order-line-status-proposed = Substitute proposed
