## orders: carts

error-cart_quantity_invalid = The quantity is a whole number of pieces or grams, a multiple of { $step }, at most { $maximum }.
error-cart_offer_unavailable = This product is not on sale right now.
error-cart_not_enough_stock = { $available ->
    [0] This product is sold out.
   *[other] Only { $unit ->
        [weight] { $available } g
       *[piece] { $available } pcs
    } left.
}
error-cart_full = A cart holds at most { $maximum } different products.
