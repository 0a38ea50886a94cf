# Notifications sent through the bots (core.communications). Text parameters arrive
# HTML-escaped; the messages may use Telegram's HTML.

notification-business-approved =
    🎉 <b>Заявка одобрена!</b>
    «{ $legal_name }» теперь продаёт на FruktGo. Магазины, которые уже принимают заказы: { $shops }.
    Откройте меню продавца: /start
notification-business-rejected =
    К сожалению, заявку «{ $legal_name }» отклонили.
    Причина: { $reason }
    Исправьте данные и подайте заявку снова: /start
notification-staff-role-changed =
    Ваша роль в магазине «{ $shop }» изменилась: теперь вы { $role ->
        [owner] владелец
        [manager] менеджер
       *[picker] сборщик
    }.
notification-staff-removed = У вас больше нет доступа к магазину «{ $shop }».

error-invalid_notification = Это уведомление нельзя поставить в очередь: проверьте шаблон, параметры и ключ.
error-notification_not_found = Уведомление не найдено.
notification-business-applied =
    Новая заявка продавца: <b>{ $legal_name }</b>.
    Рассмотрите её: /admin.
