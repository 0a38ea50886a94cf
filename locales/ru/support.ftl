# Support bot.

support-start =
    Здравствуйте, { $name }! 💬
    Это поддержка FruktGo. Опишите, что случилось, и мы поможем.
support-help =
    <b>Поддержка</b>
    /start — начать сначала
    /help — эта подсказка
    /language — сменить язык
    /admin — для администраторов платформы

support-admin-only = Эта команда — для администраторов платформы FruktGo.
support-admin-menu = Инструменты администратора: заявки продавцов в мини-приложении.
support-btn-applications = Заявки продавцов
cmd-admin = Для администраторов
