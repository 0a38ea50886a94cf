## Customer bot: checkout (from /cart) and my orders (/orders), substitute answers.
## cmd-orders describes /orders in the seller bot too: it stays neutral.

cmd-orders = Orders

## checkout

customer-btn-checkout = ✅ Check out
customer-checkout-cart-later = You can still order for a time when it is open.
customer-checkout-not-ready = The cart has changed — please look it over before checking out.
customer-checkout-stale = This checkout is over — here is the cart.
customer-checkout-cart-changed = ⚠️ Something in the cart changed while you were checking out. Please look it over.

customer-checkout-title = 🧾 <b>Checkout · { $shop }</b>
customer-checkout-step = Step { $number } of { $steps }: { $what }
customer-checkout-what-address = address
customer-checkout-what-when = delivery time
customer-checkout-what-payment = payment
customer-checkout-what-substitution = substitutions
customer-checkout-what-comment = comment

customer-checkout-choose-address = Where should we deliver?
customer-checkout-outside-hint = 🚫 — this shop does not deliver there.
customer-checkout-no-address =
    None of your addresses is inside this shop's delivery zone.
    Add an address with a point on the map near it.
customer-btn-checkout-outside = 🚫 { $address }
customer-btn-checkout-new-address = ➕ New address

customer-checkout-choose-slot = Choose a convenient time:
customer-checkout-closed-now = The shop is closed now — choose a delivery time.
customer-checkout-no-time = The shop takes no orders now, and there is no delivery time left today or tomorrow.
customer-checkout-asap = as soon as possible
customer-checkout-asap-eta = as soon as possible (≈ { $minutes } min)
customer-btn-checkout-asap = ⚡ As soon as possible (≈ { $minutes } min)

customer-checkout-choose-payment = How will you pay the courier?
customer-checkout-pay-cash = 💵 Cash to the courier
customer-checkout-pay-card_to_courier = 💳 Card to the courier
customer-checkout-pay-online = 🌐 Online

customer-checkout-choose-substitution =
    If something is out of stock:
    📞 — the picker proposes a substitute and you answer;
    🔄 — we replace it with something similar if you do not answer in time;
    ✖️ — we just leave it out.
customer-checkout-sub-call = 📞 Ask me
customer-checkout-sub-replace = 🔄 Replace with similar
customer-checkout-sub-remove = ✖️ Leave it out
customer-checkout-overrides = { $count ->
    [one] { $count } item has
   *[other] { $count } items have
} a choice of their own.
customer-checkout-per-line = Tap an item to change what happens if it is out of stock.
customer-btn-checkout-per-line = ⚙️ Per item
customer-btn-checkout-line = { $name }: { $preference }
customer-btn-checkout-lines-done = Done ›

customer-checkout-ask-comment = Write a comment on the order in one message (e.g. "call 10 minutes ahead") or tap "No comment".
customer-checkout-current-comment = Now: "{ $comment }"
customer-checkout-comment-text = A comment is text. Write it or tap "No comment".
customer-btn-checkout-no-comment = No comment ›
customer-btn-checkout-keep-comment = Keep this one ›

customer-checkout-summary-title = 🧾 <b>Your order · { $shop }</b>
customer-checkout-summary-address = 📍 Address: { $address }
customer-checkout-summary-when = 🕒 Delivery: { $when }
customer-checkout-summary-payment = 💳 Payment: { $payment }
customer-checkout-summary-substitution = 🔄 If out of stock: { $preference }
customer-checkout-summary-comment = 💬 Comment: { $comment }
customer-btn-checkout-confirm = ✅ Confirm · { $total }
customer-btn-checkout-change-address = 📍 Address
customer-btn-checkout-change-when = 🕒 Time
customer-btn-checkout-change-payment = 💳 Payment
customer-btn-checkout-change-substitution = 🔄 Substitutions
customer-btn-checkout-change-comment = 💬 Comment
customer-btn-checkout-back = « Back
customer-btn-checkout-quit = « To the cart

customer-checkout-placed = ✅ <b>Order #{ $number } placed</b>
customer-checkout-placed-hint = "{ $shop }" will confirm it soon. I will send the order's status in a separate message and keep it up to date.
customer-checkout-placed-toast = Order #{ $number } placed

## my orders

customer-orders-today = Today
customer-orders-tomorrow = Tomorrow
customer-orders-slot = { $day } { $start }–{ $end }
customer-orders-asap-by = as soon as possible, about { $at }

customer-orders-title = 📦 <b>My orders</b>
customer-orders-none = You have no orders yet. Have a look at the catalog!
customer-orders-no-more = No more orders.
customer-orders-item = #{ $number } · { $shop } · { $date } · { $status } · <b>{ $total }</b>
customer-btn-orders-item = #{ $number } · { $status } · { $total }
customer-btn-orders-more = Earlier ›
customer-btn-orders-first = « Latest
customer-btn-orders-list = « My orders
customer-btn-orders-details = 📦 Order details

customer-orders-details-title = 📦 <b>Order #{ $number } · { $shop }</b>
customer-orders-status = Status: <b>{ $status }</b>
customer-orders-placed-at = Placed: { $at }
customer-orders-delivery = Delivery: { $when }
customer-orders-payment = Payment: { $payment }
customer-orders-comment = 💬 { $comment }
customer-orders-canceled-by = Canceled by: { $party } — { $reason }
customer-orders-cancel-note = Reason: { $note }
customer-orders-history = History: { $steps }
customer-orders-history-step = { $at } { $status }

customer-orders-line = { $number }. { $name } — { $amount } × { $price } = { $total }
customer-orders-line-actual = ⚖️ actually { $amount } = <b>{ $total }</b>
customer-orders-line-planned = not picked yet
customer-orders-line-picked = picked
customer-orders-line-missing = ✖️ out of stock
customer-orders-line-substituted = 🔄 substituted
customer-orders-line-removed = ✖️ left out
customer-orders-line-proposed = ❓ substitute proposed
customer-orders-substitute-proposed = ↪ proposed instead: { $name } — { $amount } = { $total }, waiting for your answer
customer-orders-substitute-picked = ↪ instead: { $name } — { $amount } = <b>{ $total }</b>
customer-orders-substitute-removed = ↪ you declined "{ $name }" instead
customer-orders-substitute-planned = ↪ instead: { $name } — { $amount } = { $total }
customer-orders-substitute-missing = ↪ the substitute "{ $name }" is out of stock
customer-orders-substitute-substituted = ↪ instead: { $name } — { $amount }
customer-orders-more-lines = …and { $count } more
customer-orders-goods = Goods: { $total }
customer-orders-delivery-fee = Delivery: { $fee }
customer-orders-total = Total: <b>{ $total }</b>
customer-orders-total-estimated = Total: <b>≈ { $total }</b> — final after weighing

customer-btn-orders-cancel = ✖️ Cancel the order
customer-btn-orders-reorder = 🔁 Order again
customer-orders-cancel-confirm = Cancel order #{ $number } from "{ $shop }"?
customer-btn-orders-cancel-yes = Yes, cancel
customer-btn-orders-keep = No, keep it
customer-orders-canceled-toast = Order #{ $number } canceled
customer-orders-already-canceled = This order is already canceled.
customer-orders-reordered = 🔁 Put the items of order #{ $number } into the cart.
customer-orders-reorder-skipped = ✖️ Not available now: { $names }
customer-orders-reorder-reduced = ⚠️ Less left than last time: { $names }

## substitute proposals (the sender writes them; the bot takes the answer)

customer-substitute-accepted = Done: the substitute is in
customer-substitute-declined = Done: no substitute
customer-substitute-decided = This substitute has already been decided.
customer-substitute-late = The time to answer is over — your substitution choice decided.
