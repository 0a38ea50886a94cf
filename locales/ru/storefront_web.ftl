# Витрина и корзина в JSON API (web.api_storefront).

error-storefront_address_needed = Сначала укажите адрес доставки: отправьте геопозицию или адрес боту, и мы покажем магазины рядом.
error-storefront_address_not_placed = У этого адреса нет точки на карте. Отправьте боту геопозицию для него, чтобы увидеть магазины, которые туда доставляют.
storefront-cart-subtotal-estimated = ≈ { $amount }, итоговая цена — после взвешивания
