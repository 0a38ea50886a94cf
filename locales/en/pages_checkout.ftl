# Checkout and "My orders" in the storefront (/app/shop) and their JSON API (web.api_storefront
# checkout and orders). Keys start with page-checkout-.

## Texts the API fills in itself (with variables)
page-checkout-total-estimated = about { $amount }, final price after weighing
page-checkout-slot-today = Today, { $start }–{ $end }
page-checkout-slot-tomorrow = Tomorrow, { $start }–{ $end }
page-checkout-slot-day = { $day }, { $start }–{ $end }
page-checkout-entrance = entrance { $value }
page-checkout-floor = floor { $value }
page-checkout-apartment = apt. { $value }
page-checkout-blocker-cart_empty = The cart is empty.
page-checkout-blocker-cart_changed = Something in the cart changed: check it and accept the changes.
page-checkout-blocker-below_minimum = { $missing } more to reach the minimum order.
page-checkout-blocker-no_address = No address with a point on the map. Send the bot your location so the shop knows where to deliver.
page-checkout-blocker-out_of_zone = The shop does not deliver to this address; choose another.
page-checkout-blocker-closed = The shop takes no orders now and has no delivery time left.

## Checkout
page-checkout-open = Check out
page-checkout-title = Checkout
page-checkout-address = Delivery address
page-checkout-not-delivered = not delivered
page-checkout-when = When
page-checkout-asap = As soon as possible
page-checkout-minutes = min
page-checkout-slot = At a time
page-checkout-no-slots = No delivery time is left today or tomorrow.
page-checkout-payment = Payment
page-checkout-substitution = If a product is missing
page-checkout-comment = Comment on the order
page-checkout-comment-placeholder = E.g. call me 10 minutes before
page-checkout-total = Total
page-checkout-weighing-note = Weighed goods are weighed at assembly, so the final price may differ a little.
page-checkout-confirm = Confirm the order
page-checkout-sending = Placing the order…

## Order placed
page-checkout-placed = Order placed
page-checkout-order = Order no.
page-checkout-status = Status
page-checkout-promised = Delivery by
page-checkout-continue = Continue shopping

## My orders
page-checkout-my-orders = My orders
page-checkout-orders-empty = No orders yet.
page-checkout-back = Back
page-checkout-lines = Items
page-checkout-actual = actual
page-checkout-final-total = Final total
page-checkout-delivery-address = Address
page-checkout-history = History
page-checkout-cancel = Cancel the order
page-checkout-cancel-confirm = Cancel this order?
page-checkout-cancel-yes = Yes, cancel
page-checkout-cancel-no = No
page-checkout-reorder = Order again
page-checkout-reordered-skipped = Some products are no longer on sale or short, so the cart holds what there is.
page-checkout-reorder-elsewhere = This shop does not deliver to your address now. Your cart there is kept.
