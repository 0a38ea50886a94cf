# core.workforce: errors, notifications about couriers, and the admins' review in the support bot.

error-courier_not_found = Профиль курьера не найден. Откройте бот курьеров и нажмите /start.
error-invalid_courier_name = Имя — от { $minimum } до { $maximum } символов, хотя бы одна буква.
error-courier_application_pending = Ваша заявка уже на рассмотрении. Мы напишем, как только её рассмотрят.
error-courier_application_decided = По этой заявке уже есть решение.
error-invalid_courier_rejection = Напишите причину отказа: от { $minimum } до { $maximum } символов.
error-courier_not_approved = Смены доступны после одобрения заявки.
error-not_on_shift = Вы сейчас не на смене.
error-courier_busy = Сначала завершите доставки в работе ({ $count }).
error-shift_limit_reached = На сегодня смены закончились: не больше { $hours } ч в день. Продолжим завтра!
error-invalid_active_deliveries = Число доставок в работе — целое, не меньше нуля.
error-time_range_unreadable = Не понял время. Напишите так: 10:00-18:00.
error-planned_shift_day_out_of_range = Планировать можно на ближайшие { $days } дней, начиная с сегодня.
error-planned_shift_times_invalid = Конец смены должен быть позже начала, а смена — не длиннее { $hours } ч.
error-planned_shift_in_past = Это время уже прошло: выберите более позднее.
error-planned_shifts_overlap = Пересекается с уже запланированной сменой { $starts }–{ $ends }.
error-planned_hours_exceeded = В этот день получится больше { $hours } ч смен: выберите меньше.
error-planned_shift_not_found = Такой запланированной смены нет.

notification-courier-applied =
    { $state ->
        [approved] ✅
        [rejected] ❌
       *[new] 🛵
    } <b>Заявка курьера</b>: { $name }
    Телефон: { $phone }
    Транспорт: { $vehicle ->
        [foot] пешком
        [bicycle] велосипед
       *[car] автомобиль
    }
    { $state ->
        [approved] Одобрена{ $by_known ->
            [yes] {" "}({ $by })
           *[no] {""}
        }.
        [rejected] Отклонена{ $by_known ->
            [yes] {" "}({ $by })
           *[no] {""}
        }: { $reason }
       *[new] Все заявки: /couriers
    }
notification-courier-btn-approve = ✅ Одобрить
notification-courier-btn-reject = ❌ Отклонить
notification-courier-approved =
    🎉 <b>Заявка одобрена!</b> Теперь вы курьер FruktGo.
    Начните смену: /shift
notification-courier-rejected =
    К сожалению, заявку курьера отклонили.
    Причина: { $reason }
    Исправьте данные и подайте заявку снова: /start
notification-shift-ended =
    { $reason ->
        [limit] ⏱ Смена завершена: сегодня вы отработали { $hours } ч — это дневной лимит. Отдохните, продолжим завтра!
       *[retired] Смена завершена: вы больше не курьер FruktGo.
    }

cmd-couriers = Заявки курьеров
courier-admin-title = <b>Курьеры</b>: заявок ждут { $pending }, на смене сейчас { $on_shift }.
courier-admin-none = Новых заявок нет.
courier-admin-item = { $name } · { $vehicle ->
        [foot] пешком
        [bicycle] велосипед
       *[car] автомобиль
    }
courier-admin-card =
    <b>{ $name }</b>
    Телефон: { $phone }
    Транспорт: { $vehicle ->
        [foot] пешком
        [bicycle] велосипед
       *[car] автомобиль
    }
    Заявка от { $applied }: { $status ->
        [pending] ждёт решения
        [approved] одобрена
        [rejected] отклонена
       *[retired] курьер больше не работает
    }
courier-admin-card-reason = Причина отказа: { $reason }
courier-admin-approved = ✅ Одобрено: курьер получил сообщение.
courier-admin-rejected = ❌ Отклонено: курьер получил причину.
courier-admin-reject-prompt = Почему отклоняем заявку { $name }? Напишите причину одним сообщением — её прочитает курьер.
courier-admin-btn-list = ⬅ Все заявки
courier-admin-btn-cancel = Отмена
