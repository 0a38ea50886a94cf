## Customer bot: the catalog (/catalog) and the cart (/cart).

cmd-catalog = Catalog: shops nearby and what they sell
cmd-cart = Cart

customer-catalog-grams = { $grams } g
customer-catalog-kilograms = { $kilos } kg
customer-catalog-pieces = { $count } pcs
customer-catalog-per-kg = /kg
customer-catalog-per-piece = /pc
customer-catalog-in-stock = ✅ { $amount } in stock
customer-catalog-few-left = ⏳ only { $amount } left
customer-catalog-out-of-stock = ✖️ out of stock

customer-catalog-need-address =
    To show the shops that deliver to you I need a delivery address.
    Add one — it takes a couple of taps.
customer-catalog-need-point =
    Your default address has no point on the map, so I cannot tell which shops deliver there.
    Open the address and share a location.
customer-catalog-no-shops =
    Sorry, no shop delivers to “{ $address }” yet. 🙁
    We are growing our delivery area — look in later, or pick another address in /settings.
customer-catalog-closed =
    All the shops that deliver to you are closed now. 🌙
    The first to open is { $shop }, { $when }.
customer-catalog-when-today = today at { $time }
customer-catalog-when-date = on { $date } at { $time }
customer-catalog-shops = Pick a shop — we deliver to “{ $address }”:
customer-catalog-shop-button = { $name } · from { $min_order } · delivery { $fee }
customer-catalog-shop-terms = Orders from { $min_order } · delivery { $fee }
customer-catalog-shop-gone = This shop is not taking orders for your address right now.
customer-catalog-choose-category = Pick a section:
customer-catalog-empty = This shop has nothing for you right now.
customer-catalog-category-empty = Nothing in this section right now.
customer-catalog-page = Page { $page }
customer-catalog-in-cart = 🛒 In the cart: { $amount } · { $total }
customer-catalog-stale = That button was out of date — here is how things are now.
customer-catalog-not-here = This product is not available at your address right now.
customer-catalog-added = In the cart: { $amount }
customer-catalog-removed = Taken out of the cart

customer-btn-catalog = 🛍 Catalog
customer-btn-catalog-refresh = 🔄 Check again
customer-btn-catalog-shops = « Shops
customer-btn-catalog-categories = « Sections
customer-btn-catalog-all = Everything in { $category }
customer-btn-catalog-list = « To the list
customer-btn-catalog-prev = ◀
customer-btn-catalog-next = ▶
customer-btn-catalog-add = ➕ Add to cart · { $amount }
customer-btn-catalog-cart = 🛒 Cart · { $count } · { $total }
customer-btn-catalog-item = { $name } · { $price }
customer-btn-catalog-item-out = ✖️ { $name } · { $price }

customer-cart-empty = 🛒 Your cart is empty. Have a look at the catalog!
customer-cart-mine = Your carts — pick a shop:
customer-cart-summary-button = { $shop } · { $count } · { $total }
customer-cart-title = 🛒 <b>Cart · { $shop }</b>
customer-cart-line = { $number }. { $name } — { $amount } × { $price } = <b>{ $total }</b>
customer-cart-issue-price = ⚠️ the price changed: <s>{ $old }</s> → { $new }
customer-cart-issue-not-enough = ⚠️ only { $available } in stock
customer-cart-issue-out-of-stock = ✖️ sold out
customer-cart-issue-unavailable = ✖️ no longer on sale
customer-cart-subtotal = Total: <b>{ $total }</b>
customer-cart-subtotal-estimated = Total: <b>≈ { $total }</b> — final after weighing
customer-cart-delivery = Delivery: { $fee }
customer-cart-min-reached = ✅ The minimum order ({ $min_order }) is reached
customer-cart-min-missing = { $missing } more to reach the minimum order ({ $min_order })
customer-cart-shop-not-accepting = ⏸ The shop is not taking orders right now.
customer-cart-out-of-zone = 📍 The shop does not deliver to your default address.
customer-cart-changes = Something changed since you added these. Please check your cart.
customer-cart-clear-confirm = Empty your cart at “{ $shop }”?
customer-cart-cleared = The cart is empty now.
customer-cart-accepted = Changes accepted.

customer-btn-cart-less = ➖
customer-btn-cart-more = ➕
customer-btn-cart-remove = 🗑
customer-btn-cart-line = { $name } · { $amount }
customer-btn-cart-accept = ✅ Accept the changes
customer-btn-cart-clear = 🗑 Empty the cart
customer-btn-cart-clear-yes = Yes, empty it
customer-btn-cart-keep = No, keep it
customer-btn-cart-shop = 🛍 To the shop
customer-btn-cart-mine = « My carts
customer-menu-storefront = Storefront
