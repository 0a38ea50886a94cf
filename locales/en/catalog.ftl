# Catalog and storefront (core.catalog, core.storefront).

unit-piece = pc
unit-weight = kg
unit-step = step { $grams } g
unit-per-piece = per piece
unit-per-kg = per kg

tag-seasonal = seasonal
tag-local = local
tag-organic = organic

error-invalid_catalog_text = { $field ->
    [category_name] The category name
    [product_name] The product name
    [description] The description
   *[other] The text
} must be { $minimum } to { $maximum } characters long.
error-invalid_slug = A category's slug is lower-case Latin letters, digits and hyphens, up to 60 characters, like "citrus-fruit".
error-invalid_emoji = A category's icon is one emoji, like 🍎.
error-invalid_photo = A photo is a picture sent to the chat or an https:// link; a product has at most { $maximum } photos.
error-invalid_position = A position is a whole number from 0 to { $maximum }.
error-invalid_unit = { $field ->
    [step_grams] The weight step
    [piece_grams] The weight of one piece
   *[other] The unit
} is wrong: weight goods have a step of { $minimum } to { $maximum } g, piece goods have none.
error-invalid_tag = There is no such tag. Available: { $known }.
error-invalid_barcode = That barcode does not check out: an EAN-13 has 13 digits and a matching check digit.
error-unit_change_not_allowed = A product's unit cannot change: prices and stock are counted in it. Create a new product instead.
error-category_not_found = There is no such category. It may have been deleted.
error-product_not_found = There is no such product. It may have been deleted.
error-slug_taken = A category with this slug already exists. Please choose another.
error-barcode_taken = A product with this barcode is already in the catalog.
error-category_cycle = A category cannot be moved inside itself.
error-category_too_deep = Categories nest at most { $maximum } levels deep.
error-category_not_empty = The category still has subcategories or products: move them first.
error-invalid_price = A price is a positive amount in roubles, at most { $maximum }.
error-old_price_not_above = The old price ({ $old_price }) must be higher than the price ({ $price }).
error-offer_not_found = There is no such offer. It may have been deleted.
error-offer_exists = The shop already sells this product: change that offer's price instead.
error-product_not_offerable = This product cannot be offered: it is withdrawn or belongs to another shop.
