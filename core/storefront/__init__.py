"""storefront: what shops sell, at what price, and what a customer at a point can buy.

Owns offers: a shop × a product (the platform's, or the shop's own) with a price per piece or
per kilogram in kopecks, an optional old price shown struck through (always above the price),
visibility and a position in the shop's list; one offer per shop and product.

What a customer at a point can buy = the visible offers, of live products, of shops that accept
orders now (active and open by their hours, on the transaction's clock: core.business
``accepting_orders``) and whose delivery zone contains the point. Listings (by category with its
subcategories, by shop), the product card and search all apply that rule; pages are in a stable
order (position, then id) with offset paging.

Stock belongs to core.inventory, which depends on this module (it reads offers through
``get_offer``/``get_offers``), never the reverse. So that modules stay acyclic, listings take an
optional ``availability`` provider: an async callable from offer ids to the quantity available
(pieces, or grams for weight goods). The caller that knows both (orders, the bots) passes
inventory's provider (``availability=core.inventory.api.availability(db)``); each listed offer
then carries ``available``. Without a provider ``available`` is None (unknown), and
out-of-stock offers are listed like any other: the adapter shows them greyed out. Filtering
stock in SQL would need inventory's table here; the provider is asked once per page instead.

Product search ranks with core.catalog's full-text + trigram search, keeping only products
offered near the point (see ``search``).
"""
