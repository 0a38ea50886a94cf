## logistics: доставки

error-delivery_not_found = Доставка не найдена.
error-delivery_offer_not_found = Предложение не найдено.
error-delivery_offer_expired = Время на ответ вышло: заказ предложен другому курьеру.
error-delivery_offer_closed = На это предложение уже ответили, или оно больше не действует.
error-delivery_state_changed = С доставкой уже что-то произошло; обновите карточку.
error-delivery_courier_unavailable = Курьер сейчас не может взять заказ: он не на смене, на перерыве или уже везёт сколько может.
error-delivery_handover_code_wrong = Неверный код. Осталось попыток: { $attempts_left }.
error-delivery_handover_locked = Слишком много неверных кодов: передача заблокирована, поддержка уже в курсе.
error-delivery_wait_not_over = Подождите покупателя ещё немного: вернуть заказ можно после окончания ожидания.
