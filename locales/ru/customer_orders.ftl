## Customer bot: checkout (from /cart) and my orders (/orders), substitute answers.
## cmd-orders describes /orders in the seller bot too: it stays neutral.

cmd-orders = Заказы

## checkout

customer-btn-checkout = ✅ Оформить заказ
customer-checkout-cart-later = Заказ можно оформить на время, когда он откроется.
customer-checkout-not-ready = Корзина изменилась — проверьте её перед оформлением.
customer-checkout-stale = Это оформление уже закончено — показываю корзину.
customer-checkout-cart-changed = ⚠️ Пока вы оформляли заказ, в корзине что-то изменилось. Проверьте её.

customer-checkout-title = 🧾 <b>Оформление заказа · { $shop }</b>
customer-checkout-step = Шаг { $number } из { $steps }: { $what }
customer-checkout-what-address = адрес
customer-checkout-what-when = время доставки
customer-checkout-what-payment = оплата
customer-checkout-what-substitution = замены
customer-checkout-what-comment = комментарий

customer-checkout-choose-address = Куда доставить?
customer-checkout-outside-hint = 🚫 — туда этот магазин не доставляет.
customer-checkout-no-address =
    Ни один из ваших адресов не входит в зону доставки этого магазина.
    Добавьте адрес с точкой на карте рядом с ним.
customer-btn-checkout-outside = 🚫 { $address }
customer-btn-checkout-new-address = ➕ Новый адрес

customer-checkout-choose-slot = Выберите удобное время:
customer-checkout-closed-now = Магазин сейчас закрыт — выберите время доставки.
customer-checkout-no-time = Магазин сейчас не принимает заказы, а свободного времени доставки на сегодня и завтра нет.
customer-checkout-asap = как можно скорее
customer-checkout-asap-eta = как можно скорее (≈ { $minutes } мин)
customer-btn-checkout-asap = ⚡ Как можно скорее (≈ { $minutes } мин)

customer-checkout-choose-payment = Как вы заплатите курьеру?
customer-checkout-pay-cash = 💵 Наличными курьеру
customer-checkout-pay-card_to_courier = 💳 Картой курьеру
customer-checkout-pay-online = 🌐 Онлайн

customer-checkout-choose-substitution =
    Если какого-то товара не окажется в наличии:
    📞 — сборщик предложит замену, а вы ответите;
    🔄 — заменим похожим, если не успеете ответить;
    ✖️ — просто уберём его из заказа.
customer-checkout-sub-call = 📞 Позвонить мне
customer-checkout-sub-replace = 🔄 Заменить похожим
customer-checkout-sub-remove = ✖️ Убрать из заказа
customer-checkout-overrides = Для { $count ->
    [one] { $count } товара
   *[other] { $count } товаров
} выбрано своё.
customer-checkout-per-line = Нажмите на товар, чтобы поменять, что с ним делать, если его не окажется.
customer-btn-checkout-per-line = ⚙️ Настроить по товарам
customer-btn-checkout-line = { $name }: { $preference }
customer-btn-checkout-lines-done = Готово ›

customer-checkout-ask-comment = Напишите комментарий к заказу одним сообщением (например, «позвоните за 10 минут») или нажмите «Без комментария».
customer-checkout-current-comment = Сейчас: «{ $comment }»
customer-checkout-comment-text = Комментарий — это текст. Напишите его или нажмите «Без комментария».
customer-btn-checkout-no-comment = Без комментария ›
customer-btn-checkout-keep-comment = Оставить этот ›

customer-checkout-summary-title = 🧾 <b>Ваш заказ · { $shop }</b>
customer-checkout-summary-address = 📍 Адрес: { $address }
customer-checkout-summary-when = 🕒 Доставка: { $when }
customer-checkout-summary-payment = 💳 Оплата: { $payment }
customer-checkout-summary-substitution = 🔄 Если товара нет: { $preference }
customer-checkout-summary-comment = 💬 Комментарий: { $comment }
customer-btn-checkout-confirm = ✅ Подтвердить · { $total }
customer-btn-checkout-change-address = 📍 Адрес
customer-btn-checkout-change-when = 🕒 Время
customer-btn-checkout-change-payment = 💳 Оплата
customer-btn-checkout-change-substitution = 🔄 Замены
customer-btn-checkout-change-comment = 💬 Комментарий
customer-btn-checkout-back = « Назад
customer-btn-checkout-quit = « В корзину

customer-checkout-placed = ✅ <b>Заказ №{ $number } оформлен</b>
customer-checkout-placed-hint = Магазин «{ $shop }» скоро его подтвердит. Статус заказа я пришлю отдельным сообщением и буду его обновлять.
customer-checkout-placed-toast = Заказ №{ $number } оформлен

## my orders

customer-orders-today = Сегодня
customer-orders-tomorrow = Завтра
customer-orders-slot = { $day } { $start }–{ $end }
customer-orders-asap-by = как можно скорее, ориентировочно { $at }

customer-orders-title = 📦 <b>Мои заказы</b>
customer-orders-none = У вас пока нет заказов. Загляните в каталог!
customer-orders-no-more = Больше заказов нет.
customer-orders-item = №{ $number } · { $shop } · { $date } · { $status } · <b>{ $total }</b>
customer-btn-orders-item = №{ $number } · { $status } · { $total }
customer-btn-orders-more = Ранее ›
customer-btn-orders-first = « К последним
customer-btn-orders-list = « Мои заказы
customer-btn-orders-details = 📦 Подробнее о заказе

customer-orders-details-title = 📦 <b>Заказ №{ $number } · { $shop }</b>
customer-orders-status = Статус: <b>{ $status }</b>
customer-orders-placed-at = Оформлен: { $at }
customer-orders-delivery = Доставка: { $when }
customer-orders-payment = Оплата: { $payment }
customer-orders-comment = 💬 { $comment }
customer-orders-canceled-by = Отменил: { $party } — { $reason }
customer-orders-cancel-note = Причина: { $note }
customer-orders-history = История: { $steps }
customer-orders-history-step = { $at } { $status }

customer-orders-line = { $number }. { $name } — { $amount } × { $price } = { $total }
customer-orders-line-actual = ⚖️ по факту { $amount } = <b>{ $total }</b>
customer-orders-line-planned = ещё не собрано
customer-orders-line-picked = собрано
customer-orders-line-missing = ✖️ нет в наличии
customer-orders-line-substituted = 🔄 заменено
customer-orders-line-removed = ✖️ убрано из заказа
customer-orders-line-proposed = ❓ предложена замена
customer-orders-substitute-proposed = ↪ предложена замена: { $name } — { $amount } = { $total }, ждёт вашего ответа
customer-orders-substitute-picked = ↪ замена: { $name } — { $amount } = <b>{ $total }</b>
customer-orders-substitute-removed = ↪ от замены «{ $name }» вы отказались
customer-orders-substitute-planned = ↪ замена: { $name } — { $amount } = { $total }
customer-orders-substitute-missing = ↪ замены «{ $name }» нет в наличии
customer-orders-substitute-substituted = ↪ замена: { $name } — { $amount }
customer-orders-more-lines = …и ещё { $count }
customer-orders-goods = Товары: { $total }
customer-orders-delivery-fee = Доставка: { $fee }
customer-orders-total = Итого: <b>{ $total }</b>
customer-orders-total-estimated = Итого: <b>≈ { $total }</b> — итог после взвешивания

customer-btn-orders-cancel = ✖️ Отменить заказ
customer-btn-orders-reorder = 🔁 Повторить заказ
customer-orders-cancel-confirm = Отменить заказ №{ $number } в магазине «{ $shop }»?
customer-btn-orders-cancel-yes = Да, отменить
customer-btn-orders-keep = Нет, оставить
customer-orders-canceled-toast = Заказ №{ $number } отменён
customer-orders-already-canceled = Этот заказ уже отменён.
customer-orders-reordered = 🔁 Положил в корзину товары из заказа №{ $number }.
customer-orders-reorder-skipped = ✖️ Сейчас не купить: { $names }
customer-orders-reorder-reduced = ⚠️ Осталось меньше, чем в прошлый раз: { $names }

## substitute proposals (the sender writes them; the bot takes the answer)

customer-substitute-accepted = Принято: берём замену
customer-substitute-declined = Принято: без замены
customer-substitute-decided = По этой замене уже есть решение.
customer-substitute-late = Время на ответ вышло — решение принято по вашей настройке замен.
