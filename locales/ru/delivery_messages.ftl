# Сообщения о доставках (core.communications по событиям core.logistics): предложение заказа
# курьеру, карточка доставки курьеру, код для курьера покупателю, доставки под угрозой опоздания
# и заблокированная передача — поддержке, возврат заказа — магазину. Текстовые параметры приходят
# экранированными; расстояния — уже записанными (route_ru, away_ru) с единицей m или km.
# Параметр-список (phone, entrance...) превращается в свои элементы, каждый с новой строки.

## Курьеру: предложение заказа

notification-delivery-offer =
    { $state ->
        [accepted] ✅ <b>Заказ №{ $number } ваш</b> · { $shop }
        [declined] ↩️ <b>Вы отказались от заказа №{ $number }</b> · { $shop }
        [expired] ⌛ <b>Время на ответ по заказу №{ $number } вышло</b> · { $shop }
        [withdrawn] 🚫 <b>Заказ №{ $number } больше не ждёт курьера</b> · { $shop }
       *[open] 🛵 <b>Новый заказ №{ $number }</b> · { $shop }
    }
    📍 Забрать: { $pickup }
    📦 Позиций: { $items }
    🗺 До покупателя: { $route_ru } { $route_unit ->
        [km] км
       *[m] м
    }
    💰 Заработок: { $earning }{ $answer }
notification-delivery-offer-answer =
    🚶 До магазина: { $away_ru } { $away_unit ->
        [km] км
       *[m] м
    }
    <b>Ответьте за { $seconds } с</b>
notification-delivery-btn-accept = ✅ Беру
notification-delivery-btn-decline = Отказаться

## Курьеру: карточка доставки

notification-delivery-card =
    { $status ->
        [assigned] 🛵 <b>Заказ №{ $number }: езжайте в магазин</b>
        [picked_up] 🚚 <b>Заказ №{ $number }: везите покупателю</b>
        [awaiting_customer] ⏳ <b>Заказ №{ $number }: ждём покупателя</b>
        [delivered] ✅ <b>Заказ №{ $number } доставлен</b>
        [returned] ↩️ <b>Заказ №{ $number } возвращён в магазин</b>
        [canceled] ❌ <b>Заказ №{ $number } отменён</b>, везти его не нужно
       *[other] <b>Заказ №{ $number }</b>
    } · { $shop }
    📍 Забрать: { $pickup }
    📦 Позиций: { $items }
    🏠 Куда: <a href="https://yandex.ru/maps/?pt={ $lon },{ $lat }&amp;z=17&amp;l=map">{ $dropoff }</a>{ $entrance }{ $floor }{ $apartment }{ $comment }
    ⏱ Обещали к { $promised }{ $phone }
    💰 Заработок: { $earning }
notification-delivery-card-entrance = Подъезд: { $value }
notification-delivery-card-floor = Этаж: { $value }
notification-delivery-card-apartment = Квартира: { $value }
notification-delivery-card-comment = Комментарий: { $value }
notification-delivery-card-phone = 📞 Покупатель: { $value }
notification-delivery-btn-pickup = 📦 Забрал заказ
notification-delivery-btn-handover = ✅ Передать по коду
notification-delivery-btn-unreachable = 📵 Покупатель не отвечает
notification-delivery-btn-return = ↩️ Вернуть в магазин

## Покупателю: код для курьера

notification-delivery-code =
    🛵 <b>Заказ №{ $number }</b>: курьер { $courier } едет к вам.
    Код для курьера: <b>{ $code }</b>
    Назовите его курьеру, когда получите заказ.

## Поддержке

notification-delivery-at-risk =
    ⚠️ <b>Заказ №{ $number } может опоздать</b> · { $shop }
    { $reason ->
        [unassigned] Курьер не найден больше 10 минут.
        [overdue] Обещанное время прошло.
       *[late] Курьер не успевает к обещанному времени.
    }
    Обещали к { $promised }. Сейчас: { $status ->
        [waiting] заказ собирается
        [searching] ищем курьера
        [assigned] курьер едет в магазин
        [picked_up] курьер везёт заказ
        [awaiting_customer] курьер ждёт покупателя
       *[other] { $status }
    }{ $courier }
notification-delivery-at-risk-courier = Курьер: { $name }
notification-delivery-locked =
    🔒 <b>Заказ №{ $number }</b> · { $shop }
    Курьер { $courier } пять раз ввёл неверный код. Свяжитесь с покупателем и разблокируйте передачу.

## Магазину

notification-delivery-returned =
    ↩️ <b>Заказ №{ $number } возвращается в магазин</b> · { $shop }
    Покупатель не вышел на связь; курьер { $courier } везёт заказ обратно.
