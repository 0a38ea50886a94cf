## orders: carts

error-cart_quantity_invalid = Количество — целое число штук или граммов, кратное { $step }, не больше { $maximum }.
error-cart_offer_unavailable = Этот товар сейчас не продаётся.
error-cart_not_enough_stock = { $available ->
    [0] Этот товар закончился.
   *[other] В наличии только { $unit ->
        [weight] { $available } г
       *[piece] { $available } шт.
    }
}
error-cart_full = В корзине может быть не больше { $maximum } разных товаров.
