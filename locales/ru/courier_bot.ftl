# Courier bot: becoming a courier, the shift card, planned shifts, statistics.

cmd-shift = Моя смена
cmd-stats = Моя статистика

courier-home-approved =
    Здравствуйте, { $name }! 🚲
    Смена: /shift · доставки: /deliveries · статистика: /stats
courier-home-pending = Ваша заявка на рассмотрении. Мы напишем сюда, как только администратор её рассмотрит.
courier-home-rejected =
    Вашу заявку отклонили. Причина: { $reason }
    Можно подать заявку снова.
courier-home-retired = Вы больше не курьер FruktGo. Если хотите вернуться, подайте заявку снова.
courier-btn-join = 🛵 Стать курьером
courier-btn-apply-again = Подать заявку снова

courier-profile-intro = Анкета курьера: три вопроса — имя, телефон и транспорт. Отменить: /cancel
courier-ask-name = Как вас зовут? Напишите имя и фамилию.
courier-ask-phone = Поделитесь номером телефона кнопкой ниже: по нему вам позвонят покупатели и поддержка.
courier-btn-share-phone = 📱 Поделиться номером
courier-phone-use-button = Нажмите кнопку «Поделиться номером» внизу экрана.
courier-phone-not-yours = Нужен ваш собственный номер: нажмите кнопку «Поделиться номером».
courier-phone-saved = Номер { $phone } сохранён.
courier-ask-vehicle = На чём будете развозить заказы?
courier-vehicle = { $vehicle ->
        [foot] 🚶 Пешком
        [bicycle] 🚲 Велосипед
       *[car] 🚗 Автомобиль
    }
courier-vehicle-chosen = Транспорт: { $vehicle ->
        [foot] пешком
        [bicycle] велосипед
       *[car] автомобиль
    }.
courier-profile-done =
    Готово, { $name }! Вы курьер FruktGo.
    Начните смену: /shift
courier-application-sent = Заявка отправлена! Администратор рассмотрит её, и мы напишем сюда.
courier-profile-restart = Начните заново: /start
courier-dialog-expired = Этот шаг уже неактуален. Начните заново: /start
courier-cancel-done = Отменено.
courier-cancel-nothing = Отменять нечего.

courier-shift-title = <b>Моя смена</b>
courier-shift-status = Статус: { $status ->
        [available] 🟢 на смене, жду заказы
        [delivering] 🚴 везу заказ
        [on_break] ☕ перерыв
       *[offline] ⚪ не на смене
    }
courier-shift-since = На смене с { $time }
courier-shift-break-since = Перерыв с { $time }
courier-shift-load = Доставок в работе: { $count } из { $capacity }
courier-shift-hours = Часы сегодня: { $today } из { $limit } · за 7 дней: { $week }
courier-shift-live-hint = 📍 Чтобы получать заказы рядом, включите трансляцию геопозиции: скрепка 📎 → «Геопозиция» → «Транслировать геопозицию» на всю смену.
courier-shift-limit-reached = Сегодня отработано { $hours } ч — это дневной лимит. Новая смена — завтра.
courier-shift-send-first-point = Смена началась! Отправьте текущую точку кнопкой ниже, а затем включите трансляцию геопозиции (скрепка 📎 → «Геопозиция» → «Транслировать»).
courier-btn-send-location = 📍 Отправить мою точку
courier-btn-shift-start = ▶️ Начать смену
courier-btn-shift-break = ☕ Перерыв
courier-btn-shift-resume = ▶️ Вернуться с перерыва
courier-btn-shift-end = ⏹ Закончить смену
courier-btn-shift-refresh = 🔄 Обновить
courier-btn-shift-plan = 🗓 Планы

courier-plan-title = <b>Планы смен</b> на { $days } дней
courier-plan-empty = Пока ничего не запланировано.
courier-plan-added = ✅ Смена запланирована.
courier-plan-removed = Смена удалена из планов.
courier-plan-already-removed = Этой смены в планах уже нет.
courier-plan-choose-day = В какой день?
courier-plan-choose-time = { $day }: выберите время смены.
courier-plan-type-range = { $day }: напишите время смены, например 10:00-18:00.
courier-btn-plan-add = ➕ Добавить
courier-btn-plan-back = ⬅ К смене
courier-btn-plan-cancel = ⬅ Назад
courier-btn-plan-custom = ✏️ Другое время
courier-btn-plan-other-day = Другой день
courier-btn-plan-remove = ✖ { $shift }
courier-day-today = Сегодня
courier-day-tomorrow = Завтра
courier-day = { $weekday ->
        [mon] Пн
        [tue] Вт
        [wed] Ср
        [thu] Чт
        [fri] Пт
        [sat] Сб
       *[sun] Вс
    } { $date }

courier-stats-title = <b>Моя статистика</b>
courier-stats-hours = Часы на смене: сегодня { $today } (лимит { $limit } ч), за 7 дней { $week }
courier-stats-deliveries = Доставлено: { $done } · возвращено в магазин: { $returned } · заработано: { $earnings }
courier-stats-offers = Предложения: принято { $accepted }, отклонено { $declined }, пропущено { $expired }
