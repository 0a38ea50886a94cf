# Бот поддержки: доставки, которым нужен человек, и ручное назначение курьера (/deliveries).

support-deliveries-only = Доставки видят только сотрудники поддержки и администраторы FruktGo.
support-deliveries-none = 👌 Все доставки идут по плану: нет ни опаздывающих, ни ждущих курьера.
support-deliveries-title = 🚨 <b>Доставки, которым нужен человек: { $count }</b>
support-deliveries-item = { $risk ->
        [yes] ⚠️
       *[no] 🔎
    } №{ $number } · { $shop } — { $status ->
        [waiting] магазин собирает
        [searching] ищем курьера
        [assigned] курьер едет в магазин
        [picked_up] курьер везёт
        [awaiting_customer] курьер ждёт клиента
       *[other] { $status }
    }, привезти к { $at }
support-deliveries-more = …и ещё { $count }
support-deliveries-btn-assign = 👤 Назначить курьера · №{ $number }
support-deliveries-btn-refresh = 🔄 Обновить
support-deliveries-btn-back = ‹ К доставкам
support-deliveries-gone = Эта доставка уже не ждёт курьера. Вот список как он есть сейчас.
support-deliveries-stale = Эта кнопка устарела. Откройте /deliveries.
support-deliveries-assigned-toast = Курьер назначен.
support-deliveries-assigned = ✅ Заказ №{ $number } ({ $shop }) передан курьеру { $name }. Он получит карточку доставки в боте курьера.

support-couriers-title = 👤 <b>Кому отдать заказ №{ $number }</b> · { $shop }
support-couriers-pickup = 🏪 Забрать: { $address }
support-couriers-choose = Курьеры на смене, ближние к магазину — первыми:
support-couriers-more = Показаны не все: ещё { $count } дальше.
support-couriers-none = Сейчас на смене нет ни одного курьера.
support-deliveries-courier = { $name } · { $vehicle ->
        [foot] 🚶
        [bicycle] 🚲
       *[car] 🚗
    } · { $distance } · в работе { $active }/{ $capacity }
support-distance-m = { $m } м
support-distance-km = { $km } км
support-distance-unknown = 📍?
