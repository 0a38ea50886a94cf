# The shop's price list as CSV and the seller's catalog (core.pricelist, web.api_catalog).

error-price_list_too_large = The file is too large: at most { $max_kb } KB and { $max_rows } rows. Split it into parts.
error-price_list_unreadable = The file cannot be read as CSV{ $line ->
    [0] {""}
   *[other] {""} (line { $line })
}. Save the sheet as "CSV UTF-8 (semicolon-separated)".
error-price_list_no_key_column = The first row has no product_id or barcode column, which products are found by. Download the price list and edit that.
error-price_list_invalid = Rows with errors: { $count }. Nothing was changed: fix them and upload the file again.
error-price_list_bad_amount = An amount is roubles with kopecks after a comma or a dot, e.g. 89,90.
error-price_list_bad_stock = { $unit ->
    [weight] Stock of a weight good is kilograms with at most three decimals, e.g. 1,5.
   *[other] Stock of a piece good is a whole number of pieces.
}
error-price_list_bad_visible = Visibility is 1 or 0 (yes/no).
error-price_list_unit_mismatch = The unit does not match: this product is { $unit ->
    [weight] sold by weight (kg)
   *[other] sold by the piece (piece)
}.
error-price_list_bad_product_id = This is not a product id: copy it from a downloaded price list.
error-price_list_no_product = A product_id or a barcode is needed to find the product.
error-price_list_unknown_product = Product not found: it is not in the catalog, withdrawn, or another shop's own.
error-price_list_duplicate_row = This product already has a row: line { $first_line }.
error-price_list_price_required = Give a price: the shop does not sell this product yet and cannot add it without one.
error-price_list_not_allowed = { $permission ->
    [manage_stock] Only the shop's staff may change stock.
   *[other] Only the shop's owner and managers may change prices and visibility.
}

price-list-import-note = Price list upload
error-product_not_own = This is a platform catalog product: only an admin edits its description. You can change its price and stock.
