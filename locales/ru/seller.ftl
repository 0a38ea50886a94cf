# Seller bot.

seller-start =
    Здравствуйте, { $name }! 🏪
    Это бот продавцов FruktGo: заявка на подключение, ваш магазин и его команда, уведомления о заказах.
    Хотите продавать у нас — /apply. Уже работаете — /shop и /staff.
seller-help =
    <b>Бот продавца</b>
    /apply — подать заявку: организация и первый магазин
    /shop — карточка магазина, пауза, описание и логотип
    /products — товары, цены, остатки и прайс-лист
    /orders — заказы: принять, собрать, отдать курьеру
    /staff — команда магазина и приглашения
    /cancel — отменить текущий шаг
    /start — начать сначала
    /help — эта подсказка
    /language — сменить язык

cmd-apply = Подать заявку на подключение
cmd-shop = Мой магазин
cmd-staff = Команда магазина

# -- dialogs in general --

seller-btn-cancel = Отмена
seller-btn-continue = Продолжить
seller-btn-start-over = Начать заново
seller-btn-back = ← Назад
seller-btn-no = Нет
seller-btn-remove = Убрать
seller-cancel-done = Хорошо, отменили. Данные не сохранены.
seller-cancel-nothing = Сейчас нечего отменять.
seller-dialog-expired = Этот диалог уже закончен. Начните заново: /apply, /shop или /staff.
seller-resume-prompt = У вас есть незаконченный диалог. Продолжить с того же места или начать заново?
seller-resume-continuing = Продолжаем.
seller-resume-restarting = Начинаем заново.

# -- /start --

seller-btn-apply = 📝 Подать заявку
seller-btn-apply-webapp = 📋 Заполнить форму в мини-приложении
seller-btn-shop = 🏪 Магазин
seller-btn-staff = 👥 Команда

# -- /apply --

seller-apply-intro =
    <b>Заявка на подключение</b>
    Расскажите об организации и первом магазине — это займёт несколько минут. Каждый ответ мы сразу проверяем. В конце вы увидите заявку целиком и сможете что-то поправить.
    Прервать можно в любой момент: /cancel. Удобнее в форме? Нажмите кнопку ниже.
seller-ask-legal-name = Как называется организация или ИП? Например: ООО «Сад и огород» или ИП Петрова О. И.
seller-ask-inn = ИНН: 10 цифр у организации, 12 — у ИП и самозанятого.
seller-ask-tax-system = Выберите систему налогообложения:
seller-ask-phone = Контактный телефон: нажмите «Поделиться номером» или напишите номер, например +7 912 345-67-89.
seller-ask-email = Электронная почта для документов и уведомлений:
seller-ask-shop-name = Теперь о магазине. Как он будет называться у покупателей?
seller-ask-location = Где находится магазин? Отправьте геопозицию кнопкой «Отправить геопозицию» (или напишите координаты: 55.7539, 37.6208).
seller-ask-address = Напишите адрес магазина текстом: город, улица, дом.
seller-ask-timezone = Часовой пояс магазина: <b>{ $zone }</b>. Оставить его или выбрать другой? Можно написать название, например Asia/Novosibirsk.
seller-ask-hours =
    Часы работы — по строке на группу дней, например:
    <code>пн-пт 09:00-21:00 перерыв 14:00-15:00
    сб 10:00-18:00
    вс выходной</code>
    Ещё можно: «ежедневно 10:00-22:00», «круглосуточно», «пт 18:00-02:00» (до утра субботы). Дни, которых нет в списке, — выходные.
seller-ask-zone =
    Зона доставки. Напишите радиус в километрах от магазина, например <code>3</code> или <code>2,5</code>.
    Или вставьте границу зоны: GeoJSON с типом Polygon, или точки углов по одной на строке — «широта, долгота».
seller-ask-min-order = Минимальная сумма заказа в рублях, например 500 или 1 500 (0 — без минимума):
seller-ask-delivery-fee = Стоимость доставки в рублях, например 99 или 149,90 (0 — бесплатно):
seller-ask-assembly = Сколько минут нужно, чтобы собрать заказ? Например: 20
seller-chosen = Выбрано: { $value }
seller-timezone-chosen = Часовой пояс: { $zone }

seller-btn-share-phone = 📱 Поделиться номером
seller-btn-share-location = 📍 Отправить геопозицию
seller-btn-timezone-keep = ✓ Оставить { $zone }

seller-tax-expected = Выберите систему налогообложения кнопкой под вопросом.
seller-location-expected = Нужна геопозиция магазина: нажмите «Отправить геопозицию» или напишите координаты через запятую, например 55.7539, 37.6208.
seller-hours-all-closed = Получилось, что магазин не работает ни в один день. Укажите хотя бы один рабочий день.
seller-hours-unreadable =
    Не получилось прочитать строку { $line }: «{ $text }». { $reason ->
        [days] Строка должна начинаться с дней: пн, вт, ср, чт, пт, сб, вс, диапазона «пн-пт» или слова «ежедневно».
        [times] После дней нужно время работы, например 09:00-21:00, или «выходной», или «круглосуточно».
        [breaks] Перерыв пишется после часов работы так: перерыв 14:00-15:00.
        [repeated_day] { $day ->
            [mon] Понедельник
            [tue] Вторник
            [wed] Среда
            [thu] Четверг
            [fri] Пятница
            [sat] Суббота
           *[sun] Воскресенье
        } уже указан в другой строке.
       *[other] Напишите часы работы, по строке на группу дней.
    }
seller-zone-radius-range = Радиус доставки — от 0,1 до { $maximum } км.
seller-zone-unreadable = Не получилось прочитать зону. Напишите радиус в километрах (например 3) или вставьте GeoJSON Polygon, или точки углов по одной на строке: «55.75, 37.61».
seller-amount-unreadable = Напишите сумму в рублях цифрами: 150, 150,50 или 1 500.
seller-minutes-unreadable = Напишите число минут, например 20.
seller-summary-expected = Проверьте заявку и нажмите кнопку под ней: «Отправить», «Изменить» или «Отмена».

seller-summary-title = <b>Проверьте заявку</b>
seller-summary-business = <b>Организация</b>
seller-summary-legal-name = Название: { $value }
seller-summary-inn = ИНН: { $value }
seller-summary-tax = Налогообложение: { $value }
seller-summary-phone = Телефон: { $value }
seller-summary-email = Почта: { $value }
seller-summary-shop = <b>Магазин</b>
seller-summary-shop-name = Название: { $value }
seller-summary-address = Адрес: { $value } ({ $lat }, { $lon })
seller-summary-timezone = Часовой пояс: { $value }
seller-summary-hours = Часы работы:
seller-summary-zone = Зона доставки: { $value }
seller-summary-min-order = Минимальный заказ: { $value }
seller-summary-delivery-fee = Доставка: { $value }
seller-summary-assembly = Сборка заказа: { $minutes } мин.
seller-zone-radius = радиус { $km } км
seller-zone-polygon = { $count ->
    [1] многоугольник, вершин: { $points }
   *[other] многоугольники ({ $count }), вершин: { $points }
}

seller-hours-daily = ежедневно
seller-hours-closed = выходной
seller-hours-round-the-clock = круглосуточно
seller-hours-break = перерыв
seller-wd-mon = пн
seller-wd-tue = вт
seller-wd-wed = ср
seller-wd-thu = чт
seller-wd-fri = пт
seller-wd-sat = сб
seller-wd-sun = вс

seller-btn-confirm = ✅ Отправить заявку
seller-btn-edit = ✏️ Изменить
seller-edit-choose = Что исправить?
seller-edit-field = Исправляем: { $field }
seller-field-legal_name = Название организации
seller-field-inn = ИНН
seller-field-tax_system = Налогообложение
seller-field-phone = Телефон
seller-field-email = Почта
seller-field-shop_name = Название магазина
seller-field-location = Геопозиция
seller-field-address = Адрес
seller-field-timezone = Часовой пояс
seller-field-hours = Часы работы
seller-field-zone = Зона доставки
seller-field-min_order = Минимальный заказ
seller-field-delivery_fee = Доставка
seller-field-assembly = Время сборки
seller-apply-sent = ✅ Заявка отправлена! Мы проверим её и напишем здесь о решении. Обычно это занимает один рабочий день.
seller-apply-cancelled = Заявка отменена. Когда будете готовы — /apply.

# -- /shop --

seller-shop-none = Вы пока не работаете ни в одном магазине. Чтобы начать продавать в FruktGo, подайте заявку: /apply. Если вас пригласили в команду — откройте ссылку-приглашение.
seller-shop-none-pending = Ваша заявка на проверке. Как только её одобрят, здесь появится ваш магазин.
seller-shops-choose = Выберите магазин:
seller-shop-title = 🏪 <b>{ $name }</b>
seller-shop-status = Статус: { $status }
seller-shop-open-until = 🟢 Открыт по часам работы, закроется { $when }.
seller-shop-open-always = 🟢 Работает круглосуточно.
seller-shop-closed-until = 🔴 Сейчас закрыт, откроется { $when }.
seller-shop-never-open = Часы работы не заданы.
seller-shop-paused-note = ⏸ Магазин на паузе: новые заказы не принимаются, пока вы его не возобновите.
seller-shop-rejected-reason = Причина отказа: { $reason }
seller-shop-role = Ваша роль: { $role }
seller-shop-description = Описание: { $text }
seller-shop-no-description = Описания пока нет.
seller-shop-logo-set = Логотип: есть
seller-shop-no-logo = Логотипа пока нет.
seller-when-today = сегодня в { $time }
seller-when-tomorrow = завтра в { $time }
seller-when-weekday = { $day ->
    [mon] в понедельник
    [tue] во вторник
    [wed] в среду
    [thu] в четверг
    [fri] в пятницу
    [sat] в субботу
   *[sun] в воскресенье
} в { $time }
seller-btn-pause = ⏸ Приостановить приём заказов
seller-btn-resume = ▶️ Возобновить приём заказов
seller-btn-description = 📝 Описание
seller-btn-logo = 🖼 Логотип
seller-btn-shop-webapp = ⚙️ Настройки магазина
seller-btn-all-shops = Все магазины
seller-btn-to-shop = 🏪 К магазину
seller-shop-paused-toast = Магазин на паузе
seller-shop-resumed-toast = Магазин снова принимает заказы
seller-ask-description = Пришлите новое описание магазина — его увидят покупатели (до 2000 символов). Кнопка «Убрать» удалит описание.
seller-ask-logo = Пришлите логотип картинкой (как фото). Кнопка «Убрать» удалит логотип.
seller-description-saved = Описание сохранено.
seller-logo-saved = Логотип сохранён.
seller-description-expected = Пришлите описание текстом или нажмите «Убрать».
seller-logo-expected = Пришлите логотип как фото или нажмите «Убрать».

# -- /staff --

seller-staff-choose = Команду какого магазина показать?
seller-staff-not-allowed = Команду магазина видят владельцы и менеджеры.
seller-staff-title = 👥 <b>Команда «{ $shop }»</b>
seller-staff-line = • { $name } — { $role }, с { $date }
seller-staff-line-me = • { $name } (вы) — { $role }, с { $date }
seller-member-card =
    <b>{ $name }</b>
    Магазин: { $shop }
    Роль: { $role }
    В команде с { $date }
seller-member-remove-confirm = Убрать { $name } из команды «{ $shop }»? Доступ к магазину пропадёт сразу.
seller-member-role-changed = Роль изменена: { $role }
seller-member-removed = Убрали из команды
seller-btn-member = { $name } — { $role }
seller-btn-make-role = Сделать: { $role }
seller-btn-remove-member = 🚫 Убрать из команды
seller-btn-remove-yes = Да, убрать
seller-btn-invite-manager = ➕ Пригласить менеджера
seller-btn-invite-picker = ➕ Пригласить сборщика
seller-btn-invitations = ✉️ Приглашения
seller-btn-revoke = Отозвать № { $number } ({ $role })
seller-btn-share-invite = Переслать приглашение
seller-invite-created =
    Приглашение в «{ $shop }», роль: { $role }.
    Перешлите эту ссылку человеку — она сработает один раз и действует до { $until }:
    { $link }
seller-invitations-none = У «{ $shop }» нет открытых приглашений.
seller-invitations-title = ✉️ <b>Открытые приглашения «{ $shop }»</b>
seller-invitation-line = { $number }. { $role }, действует до { $until }
seller-invitation-revoked = Приглашение отозвано
