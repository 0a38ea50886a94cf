# Бот курьера: доставки (/deliveries, ответы на предложения, карточка доставки, код при
# вручении). Карточка повторяет notification-delivery-card (её первую версию присылает
# core.communications) и берёт у неё же тексты кнопок шагов: notification-delivery-btn-*.

## cmd-deliveries описывает /deliveries и в боте поддержки: поэтому нейтрально.
cmd-deliveries = Доставки

courier-deliveries-couriers-only = Доставки видят только курьеры FruktGo.
courier-deliveries-none =
    Сейчас у вас нет доставок.
    Начните смену (/shift) и транслируйте геопозицию — предложения придут сюда.
courier-delivery-stale = Эта кнопка устарела. Откройте /deliveries.

courier-offer-accepted = ✅ Заказ №{ $number } ваш!
courier-offer-declined = Отказались от заказа.

courier-delivery-headline = { $status ->
        [waiting] 🕐 <b>Заказ №{ $number }: магазин его ещё собирает</b>
        [searching] 🔎 <b>Заказ №{ $number }: ищем курьера</b>
        [assigned] 🛵 <b>Заказ №{ $number }: езжайте в магазин</b>
        [picked_up] 🚚 <b>Заказ №{ $number }: везите покупателю</b>
        [awaiting_customer] ⏳ <b>Заказ №{ $number }: ждём покупателя</b>
        [delivered] ✅ <b>Заказ №{ $number } доставлен</b>
        [returned] ↩️ <b>Заказ №{ $number } возвращается в магазин</b>
        [canceled] ❌ <b>Заказ №{ $number } отменён</b>, везти его не нужно
       *[other] <b>Заказ №{ $number }</b>
    } · { $shop }
courier-delivery-pickup = 📍 Забрать: { $address }
courier-delivery-items = 📦 Позиций: { $count }
courier-delivery-dropoff = 🏠 Куда: <a href="{ $url }">{ $address }</a>
courier-delivery-door = 🚪 { $parts }
courier-delivery-entrance = подъезд { $value }
courier-delivery-floor = этаж { $value }
courier-delivery-apartment = кв. { $value }
courier-delivery-comment = 💬 { $comment }
courier-delivery-promised = ⏱ Обещали к { $at }
courier-delivery-phone = 📞 Покупатель: { $phone }
courier-delivery-earning = 💰 Заработок: { $amount }
courier-delivery-waiting = ⏳ Покупатель не отвечает. Ждём до { $until }, потом можно вернуть заказ в магазин.
courier-delivery-done = 🎉 <b>Доставлено! +{ $amount }</b>

courier-delivery-btn-map-shop = 🗺 Магазин на карте
courier-delivery-btn-map-customer = 🗺 Покупатель на карте

courier-handover-prompt = 🔑 <b>Напишите код из 4 цифр</b>, который покупатель получил в боте FruktGo.
courier-handover-not-a-code = Нужны ровно 4 цифры, например 4831.
courier-handover-wrong = ❌ Неверный код, осталось попыток: { $left }
courier-handover-btn-back = ‹ Назад к заказу
courier-handover-not-now = Передать заказ можно только после того, как вы его забрали.
courier-handover-locked = 🔒 Слишком много неверных кодов: передача закрыта. Напишите в поддержку — там помогут.

courier-return-too-early = Вернуть заказ можно через { $minutes } мин. Попробуйте ещё раз дозвониться покупателю.
courier-picked-up = Заказ у вас. Везите покупателю!
courier-waiting-started = Ждём покупателя до { $until }.
courier-returned = Заказ возвращается в магазин.
