# Остатки, резервы и история склада (core.inventory). Количества — штуки или граммы.

stock-reason-recount = Пересчёт
stock-reason-delivery = Поставка
stock-reason-write_off = Списание
stock-reason-return = Возврат на полку
stock-reason-correction = Исправление
stock-reason-reserved = Резерв под заказ
stock-reason-released = Резерв снят
stock-reason-expired = Резерв истёк
stock-reason-allocated = Заказ принят магазином
stock-reason-assembled = Собрано в заказ

stock-who-system = система

reservation-status-reserved = в резерве
reservation-status-allocated = закреплено за заказом
reservation-status-settled = собрано
reservation-status-released = снято
reservation-status-expired = истекло

error-stock_quantity_invalid = Количество должно быть целым числом от { $minimum } до { $maximum }.
error-stock_quantity_off_step = Этот товар продаётся по { $step } г: укажите вес, кратный шагу.
error-stock_count_invalid = Остаток — целое число от 0 до { $maximum }.
error-stock_change_invalid = Изменение остатка должно быть ненулевым и не больше { $maximum } по модулю; поставка и возврат прибавляют, списание вычитает.
error-stock_reason_not_allowed = Такую причину указать нельзя: выберите пересчёт, поставку, списание, возврат или исправление.
error-stock_threshold_invalid = Порог — целое число от 0 до { $maximum } или пусто, чтобы не предупреждать.
error-stock_note_too_long = Комментарий слишком длинный: не больше { $maximum } символов.
error-stock_holder_invalid = Не указан заказ, за которым держать товар.
error-stock_no_lines = В запросе нет ни одной позиции.
error-stock_duplicate_line = Одна и та же позиция указана дважды.
error-insufficient_stock = Столько нет в наличии: доступно { $available }, а нужно { $requested }.
error-stock_below_committed = Нельзя поставить остаток меньше { $committed }: столько уже отложено под заказы. Сначала отмените или соберите их.
error-reservation_not_found = Резерв не найден — возможно, его уже сняли.
error-reservation_exists = Под этот заказ товар уже отложен. Сначала снимите прежний резерв.
error-reservation_expired = Время резерва истекло — товар вернулся в продажу. Оформите заказ заново.
error-reservation_not_allocated = Сначала примите заказ, потом собирайте его.
error-reservation_settled = Эта позиция уже собрана: взято { $taken }.
