# Mini App pages of sellers and admins: the application form, the review queue, my shop.
# Keys start with page-apply-, page-review-, page-myshop- and page-biz- (shared).

error-form_amount_unreadable = { $field ->
    [min_order] Минимальную сумму заказа
    [delivery_fee] Стоимость доставки
   *[other] Сумму
} напишите в рублях цифрами, например 150 или 150,50.
error-form_radius_unreadable = Радиус доставки напишите в километрах, больше нуля и не больше { $maximum }, например 3 или 2,5.
error-form_whole_number_unreadable = Напишите целое число, например 20.

# -- shared ---------------------------------------------------------------------------------

page-biz-inn = ИНН
page-biz-hours = Часы работы
page-biz-zone = Зона доставки
page-biz-min-order = Минимальный заказ
page-biz-delivery-fee = Доставка
page-biz-assembly = Время сборки
page-biz-minutes = мин
page-biz-km = км
page-biz-closed = выходной
page-biz-break = перерыв
page-biz-zone-radius = Радиус
page-biz-zone-polygon-corners = Многоугольник, вершин:
page-biz-check-fields = Проверьте поля, отмеченные выше.
page-biz-tz-kaliningrad = Калининград
page-biz-tz-moscow = Москва
page-biz-tz-samara = Самара
page-biz-tz-yekaterinburg = Екатеринбург
page-biz-tz-omsk = Омск
page-biz-tz-novosibirsk = Новосибирск
page-biz-tz-krasnoyarsk = Красноярск
page-biz-tz-irkutsk = Иркутск
page-biz-tz-yakutsk = Якутск
page-biz-tz-vladivostok = Владивосток
page-biz-tz-magadan = Магадан
page-biz-tz-kamchatka = Петропавловск-Камчатский

# -- /app/seller/apply ----------------------------------------------------------------------

page-apply-title = Заявка продавца
page-apply-intro = Расскажите об организации и первом магазине. Администратор проверит заявку, и мы напишем вам в боте.
page-apply-business = Организация
page-apply-legal-name = Название организации или ИП
page-apply-legal-name-hint = Как в документах, например ООО «Сад и огород» или ИП Иванова А. А.
page-apply-inn = ИНН
page-apply-inn-hint = 10 цифр у организации, 12 — у ИП и самозанятого.
page-apply-tax-system = Система налогообложения
page-apply-phone = Телефон для связи
page-apply-email = Электронная почта
page-apply-shop = Первый магазин
page-apply-shop-name = Название магазина
page-apply-address = Адрес
page-apply-paste-coordinates = Вставьте координаты
page-apply-paste-coordinates-hint = Скопируйте точку из карт — широта и долгота заполнятся сами.
page-apply-latitude = Широта
page-apply-longitude = Долгота
page-apply-timezone = Часовой пояс
page-apply-hours = Часы работы
page-apply-hours-hint = Снимите галочку в выходной день. Закрытие после полуночи — например 10:00–02:00. Перерыв можно не указывать.
page-apply-opens = Открытие
page-apply-closes = Закрытие
page-apply-break = Перерыв
page-apply-break-start = Начало перерыва
page-apply-break-end = Конец перерыва
page-apply-copy-monday = Как в понедельник — на все дни
page-apply-zone = Зона доставки
page-apply-zone-radius = Радиус
page-apply-zone-polygon = Многоугольник
page-apply-radius-km = Радиус вокруг магазина, км
page-apply-geojson = Граница зоны в GeoJSON
page-apply-geojson-hint = Нарисуйте зону в конструкторе карт и вставьте GeoJSON: Polygon или MultiPolygon, координаты — долгота, широта.
page-apply-orders = Заказы
page-apply-min-order = Минимальный заказ, ₽
page-apply-delivery-fee = Стоимость доставки, ₽
page-apply-assembly-minutes = Время сборки заказа, минут
page-apply-submit = Отправить заявку
page-apply-sent = Заявка отправлена на проверку.
page-apply-status-title = Ваша заявка
page-apply-status-pending = Заявка на проверке.
page-apply-status-approved = Заявка одобрена.
page-apply-status-rejected = Заявка отклонена.
page-apply-next-pending = Администратор рассмотрит её в ближайшее время — мы напишем вам в боте.
page-apply-next-approved = Магазин принимает заказы. Управлять им можно на странице магазина.
page-apply-next-rejected = Исправьте то, что указал администратор, и отправьте заявку снова.
page-apply-reason = Причина:
page-apply-open-shop = Открыть мой магазин
page-apply-again = Подать заявку снова

# -- /app/admin/applications ----------------------------------------------------------------

page-review-title = Заявки продавцов
page-review-empty = Новых заявок нет.
page-review-not-allowed = Эта страница — только для администраторов FruktGo.
page-review-refresh = Обновить
page-review-applied = Подана
page-review-inn-legal_entity = организация
page-review-inn-individual = ИП или самозанятый
page-review-tax-system = Налоги
page-review-contacts = Контакты
page-review-applicant = Заявитель
page-review-shop = Магазин
page-review-point = Точка на карте
page-review-timezone = Часовой пояс
page-review-approve = Одобрить заявку
page-review-reject = Отклонить
page-review-reason = Причина отказа
page-review-reason-hint = Заявитель увидит её в боте. Напишите, что исправить.
page-review-decided-approved = Заявка одобрена: магазин принимает заказы.
page-review-decided-rejected = Заявка отклонена. Причина:

# -- /app/seller/shop -----------------------------------------------------------------------

page-myshop-title = Мой магазин
page-myshop-none = Вы пока не работаете ни в одном магазине.
page-myshop-open-until = Открыто до
page-myshop-open-always = Открыто круглосуточно
page-myshop-closed-opens = Закрыто, откроется
page-myshop-no-hours = Часы работы не указаны
page-myshop-paused-note = Приём заказов приостановлен: покупатели не могут заказать, пока вы его не возобновите.
page-myshop-your-role = Ваша роль:
page-myshop-pause = Приостановить приём заказов
page-myshop-resume = Возобновить приём заказов
page-myshop-pause-not-allowed = Приостановить магазин и менять его настройки могут владелец и менеджер.
page-myshop-settings = Условия
page-myshop-profile = Витрина
page-myshop-description = Описание для покупателей
page-myshop-logo = Логотип
page-myshop-logo-hint = Ссылка на картинку, начинается с https://
page-myshop-save = Сохранить
page-myshop-saved = Сохранено.
page-myshop-staff = Команда
page-myshop-remove = Убрать
page-myshop-invite = Пригласить
page-myshop-invite-manager = Менеджера
page-myshop-invite-picker = Сборщика
page-myshop-invite-link = Ссылка-приглашение
page-myshop-invite-hint = Отправьте её человеку: ссылка сработает один раз.
page-myshop-invitations = Ждут ответа
page-myshop-invitation-until = до
page-myshop-revoke = Отозвать
