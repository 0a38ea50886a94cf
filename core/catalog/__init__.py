"""catalog: what can be sold, before any shop puts a price on it.

Owns the category tree (ordered by position, with an emoji or a photo, Russian and English names)
and products: Russian and English names and descriptions, photos, a unit (a piece, or weight sold
per kilogram in steps of so many grams, with a typical piece weight), tags (seasonal, local,
organic) and an optional EAN-13 barcode. Products of the platform catalog (no shop) are shared:
any shop offers them; a shop may also add products of its own, which only it can offer.

Search by name lives here too: each product carries a generated ``tsvector`` over its Russian and
English names, descriptions and tags (``russian`` and ``english`` configurations, so "яблоко" and
"яблоки", "apple" and "apples" meet), and a generated lower-case ``search_names`` with a pg_trgm
GIN index for typos ("ябоко", "aple"). ``search_products`` ranks by full-text rank first, then by
trigram word similarity. Prices, visibility and "what can I buy here" are core.storefront's.

Other modules filter their own queries by catalog facts without reading its tables:
``product_ids`` returns a SELECT of product ids to use as a subquery, and ``products_in`` a
subquery of products (in given categories) to join, read back with ``product_from_row``.
"""
