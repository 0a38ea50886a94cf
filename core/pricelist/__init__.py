"""pricelist: a shop's catalog as its seller works with it, and the price list as CSV.

The seller's listing joins what three modules own: the shop's offers (core.storefront), their
products (core.catalog) and their stock (core.inventory), filtered by a search, a category,
visibility and a stock level (low, out, in). Platform products the shop does not offer yet are
listed here too, to pick from.

The price list is one CSV row per offer: ``product_id;barcode;name_ru;name_en;unit;price;
old_price;stock;visible``. Export writes ``;``-separated UTF-8 with a BOM (what Russian Excel
opens as is) and decimals with a comma. Import reads ``;`` or ``,`` (sniffed from the header),
with or without a BOM (and cp1251, what Excel saves "CSV" as, when the bytes are not UTF-8);
prices in roubles per piece or per kg ("89,90"), stock in pieces or kilograms ("1,5"), read
exactly by integer arithmetic. A row is matched by product id, else by barcode, to an offer of
the shop or to a product it may offer (then the import creates the offer). Every row is checked
first, and the report lists each change and each error by file line and column; while any row is
wrong nothing is applied, otherwise everything is applied in one transaction through the
storefront and inventory commands (stock as a recount noted ``IMPORT_NOTE``).

It sits above catalog, storefront and inventory; only the adapters (web, bot) import it.
"""
