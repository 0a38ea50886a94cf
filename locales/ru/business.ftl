# Sellers: businesses, shops, onboarding (core.business).

tax-system-osn = ОСН (общая система)
tax-system-usn_income = УСН «Доходы»
tax-system-usn_income_minus_expenses = УСН «Доходы минус расходы»
tax-system-ausn = АУСН
tax-system-eshn = ЕСХН
tax-system-patent = Патент
tax-system-npd = НПД (самозанятый)

business-status-pending = на проверке
business-status-approved = одобрена
business-status-rejected = отклонена

shop-status-draft = черновик
shop-status-pending_approval = на проверке
shop-status-active = принимает заказы
shop-status-paused = на паузе
shop-status-rejected = отклонён

weekday-mon = Понедельник
weekday-tue = Вторник
weekday-wed = Среда
weekday-thu = Четверг
weekday-fri = Пятница
weekday-sat = Суббота
weekday-sun = Воскресенье

error-invalid_inn = ИНН не подходит: у организации 10 цифр, у ИП и самозанятого — 12, и контрольные цифры должны сойтись. Проверьте номер.
error-tax_system_not_allowed = Патент и НПД доступны только ИП и самозанятым (ИНН из 12 цифр).
error-invalid_text = { $field ->
    [legal_name] Название организации
    [shop_name] Название магазина
    [address] Адрес
    [description] Описание
   *[other] Текст
} — от { $minimum } до { $maximum } символов.
error-invalid_business_phone = Не получилось распознать номер телефона. Напишите его так: +7 912 345-67-89.
error-invalid_email = Не похоже на адрес почты. Напишите его так: name@example.ru.
error-invalid_logo = Логотип — это картинка, отправленная в чат, или ссылка https://.
error-invalid_amount = { $field ->
    [min_order] Минимальная сумма заказа
    [delivery_fee] Стоимость доставки
   *[other] Сумма
} — в рублях, от нуля до { $maximum }.
error-invalid_assembly_time = Время сборки — от { $minimum } до { $maximum } минут.
error-invalid_timezone = Не знаем такого часового пояса. Укажите его так: Europe/Moscow.
error-invalid_rejection_reason = Напишите причину отказа: от { $minimum } до { $maximum } символов.
error-invalid_hours = Не получилось прочитать часы работы. Время пишется так: 09:00, закрытие в полночь — 00:00 или 24:00.
error-overlapping_hours = Часы работы { $day ->
    [mon] в понедельник
    [tue] во вторник
    [wed] в среду
    [thu] в четверг
    [fri] в пятницу
    [sat] в субботу
   *[sun] в воскресенье
} заходят на часы { $other_day ->
    [mon] понедельника
    [tue] вторника
    [wed] среды
    [thu] четверга
    [fri] пятницы
    [sat] субботы
   *[sun] воскресенья
}. Поправьте время закрытия или открытия.
error-overlapping_breaks = Перерывы { $day ->
    [mon] в понедельник
    [tue] во вторник
    [wed] в среду
    [thu] в четверг
    [fri] в пятницу
    [sat] в субботу
   *[sun] в воскресенье
} пересекаются.
error-break_outside_hours = Перерыв { $start }–{ $end } { $day ->
    [mon] в понедельник
    [tue] во вторник
    [wed] в среду
    [thu] в четверг
    [fri] в пятницу
    [sat] в субботу
   *[sun] в воскресенье
} должен быть внутри часов работы { $opens }–{ $closes }.
error-business_not_found = Заявка не найдена.
error-shop_not_found = Магазин не найден.
error-inn_taken = Организация с ИНН { $inn } уже работает у нас или ждёт проверки.
error-application_pending = У вас уже есть заявка на проверке. Дождитесь решения — мы сообщим здесь.
error-application_decided = По этой заявке уже принято решение.
error-business_not_approved = Сначала должна быть одобрена заявка организации.
error-shop_status_conflict = Сейчас это сделать нельзя: магазин { $status ->
    [draft] ещё черновик
    [pending_approval] на проверке
    [active] уже принимает заказы
    [paused] на паузе
   *[rejected] отклонён
}.
