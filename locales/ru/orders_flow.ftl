## orders: checkout, the order lifecycle, assembly

error-checkout_invalid = { $field ->
    [comment] Комментарий — не длиннее { $maximum } символов.
    [idempotency_key] Не удалось оформить заказ: обновите страницу и попробуйте ещё раз.
   *[other] Проверьте данные заказа.
}
error-checkout_cart_empty = Корзина пуста.
error-checkout_cart_changed = В корзине кое-что изменилось: цены или наличие. Проверьте её и оформите заказ ещё раз.
error-checkout_below_minimum = Минимальный заказ в этом магазине — { $minimum }, в корзине товаров на { $subtotal }.
error-checkout_out_of_zone = Магазин не доставляет по этому адресу.
error-checkout_address_without_point = Отметьте адрес на карте, чтобы магазин смог туда доставить.
error-checkout_shop_not_accepting = Магазин сейчас не принимает заказы. Можно выбрать время доставки.
error-checkout_slot_unavailable = Это время доставки уже недоступно, выберите другое.
error-order_not_found = Заказ не найден.
error-order_state_changed = Заказ уже в другом статусе: { $status ->
    [pending_payment] ждёт оплаты
    [placed] ждёт подтверждения магазина
    [accepted] принят магазином
    [assembling] собирается
    [ready] собран
    [courier_assigned] курьер назначен
    [picked_up] в пути
    [delivered] доставлен
    [completed] завершён
    [canceled] отменён
    [delivery_failed] не доставлен
   *[other] { $status }
}.
error-order_transition_not_allowed = Сейчас это сделать нельзя: заказ уже { $status ->
    [assembling] собирается
    [ready] собран
    [courier_assigned] передаётся курьеру
    [picked_up] в пути
   *[other] в другом статусе
}.
error-order_reason_required = Укажите причину отмены.
error-order_note_too_long = Комментарий — не длиннее { $maximum } символов.
error-order_line_not_found = В заказе нет такой позиции.
error-order_line_state_changed = С этой позицией уже что-то сделали — обновите заказ.
error-order_actual_quantity_invalid = Укажите фактическое количество: целое число штук или граммов, не больше { $maximum }.
error-order_substitute_invalid = { $reason ->
    [customer_prefers_remove] Покупатель просил не заменять, а убрать этот товар.
   *[other] Замена — другой товар этого магазина, в количестве кратном его шагу.
}
error-order_proposal_pending = Покупатель ещё не ответил на предложенную замену.
error-order_substitute_too_late = Время ответить на замену вышло: решение принято по вашей настройке замен.

order-status-pending_payment = Ждёт оплаты
order-status-placed = Ждёт подтверждения
order-status-accepted = Принят
order-status-assembling = Собирается
order-status-ready = Собран
order-status-courier_assigned = Курьер назначен
order-status-picked_up = В пути
order-status-delivered = Доставлен
order-status-completed = Завершён
order-status-canceled = Отменён
order-status-delivery_failed = Не доставлен

order-party-customer = покупатель
order-party-shop = магазин
order-party-courier = курьер
order-party-support = поддержка
order-party-system = система

cancel-reason-customer_request = По просьбе покупателя
cancel-reason-out_of_stock = Товара нет в наличии
cancel-reason-shop_closing = Магазин закрывается
cancel-reason-too_busy = Магазин перегружен заказами
cancel-reason-address_unreachable = Не доставить по адресу
cancel-reason-payment_timeout = Заказ не оплачен вовремя
cancel-reason-duplicate = Повторный заказ
cancel-reason-other = Другая причина

payment-method-cash = Наличными курьеру
payment-method-card_to_courier = Картой курьеру
payment-method-online = Онлайн

substitution-call = Позвонить мне
substitution-replace = Заменить похожим
substitution-remove = Убрать из заказа

order-line-status-planned = Ещё не собрано
order-line-status-picked = Собрано
order-line-status-missing = Нет в наличии
order-line-status-substituted = Заменено
order-line-status-removed = Убрано
order-line-status-proposed = Предложена замена
