# The storefront and carts in the JSON API (web.api_storefront).

error-storefront_address_needed = Tell us where to deliver first: send the bot your location or an address, and we will show the shops nearby.
error-storefront_address_not_placed = This address has no point on the map. Send the bot a location for it to see the shops delivering there.
storefront-cart-subtotal-estimated = about { $amount }, final price after weighing
