# auth: роли, приглашения, вход в мини-приложение и страница «Мой профиль».

role-customer = покупатель
role-courier = курьер
role-owner = владелец
role-manager = менеджер
role-picker = сборщик
role-support = сотрудник поддержки
role-admin = администратор

bot-name-customer = бот FruktGo для покупателей
bot-name-courier = бот FruktGo для курьеров
bot-name-seller = бот FruktGo для продавцов
bot-name-support = бот поддержки FruktGo

invitation-welcome-staff = Добро пожаловать в команду «{ $shop }»! Ваша роль: { $role }.
invitation-welcome-staff-unnamed = Добро пожаловать в команду магазина! Ваша роль: { $role }.
invitation-welcome-courier = Добро пожаловать! Теперь вы курьер FruktGo.
invitation-joined-notice = { $name } принял(а) ваше приглашение. Роль: { $role }.

page-me-title = Мой профиль
page-me-roles = Роли
page-me-shops = Магазины
page-me-language = Язык
page-me-language-saved = Готово: интерфейс теперь на русском.
page-loading = Загрузка…
page-close = Закрыть
page-retry = Повторить
page-outside-telegram = Откройте эту страницу из бота FruktGo в Telegram.

error-credentials_missing = Откройте эту страницу из бота в Telegram: мы не смогли понять, кто вы.
error-init_data_malformed = Не удалось прочитать данные входа от Telegram. Закройте страницу и откройте её из бота снова.
error-init_data_bad_signature = Данные входа пришли не от наших ботов. Закройте страницу и откройте её из бота FruktGo.
error-init_data_expired = Страница открыта слишком давно. Закройте её и откройте из бота снова.
error-session_invalid = Сеанс завершён. Закройте страницу и откройте её из бота снова.
error-permission_denied = У вас нет доступа к этому действию.
error-role_not_allowed = Эту роль нельзя выдать таким способом.
error-already_has_role =
    { $role ->
        [owner] Вы уже владелец этого магазина.
        [manager] Вы уже менеджер этого магазина.
        [picker] Вы уже сборщик в этом магазине.
        [courier] Вы уже курьер FruktGo.
        [support] Этот человек уже сотрудник поддержки.
        [admin] Этот человек уже администратор.
       *[other] Эта роль уже выдана.
    }
error-role_not_held = У этого человека нет такой роли.
error-staff_member_not_found = Этого человека нет в команде магазина.
error-last_owner = У магазина должен остаться хотя бы один владелец. Сначала назначьте владельцем кого-то ещё.
error-last_admin = На платформе должен остаться хотя бы один администратор.
error-invitation_not_found = Ссылка-приглашение недействительна. Попросите новую.
error-invitation_used = Это приглашение уже использовано. Если нужно, попросите новое.
error-invitation_expired = Срок действия приглашения истёк. Попросите новое.
error-invitation_revoked = Это приглашение отозвано. Если нужно, попросите новое.
error-invitation_wrong_bot =
    { $bot ->
        [seller] Это приглашение для бота FruktGo для продавцов. Откройте ссылку, которую вам прислали: она ведёт туда.
        [courier] Это приглашение для бота FruktGo для курьеров. Откройте ссылку, которую вам прислали: она ведёт туда.
       *[other] Это приглашение для другого бота FruktGo. Откройте ссылку, которую вам прислали.
    }
error-invitation_ttl_out_of_range = Приглашение может действовать от 10 минут до 30 дней.
