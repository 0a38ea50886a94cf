# Support bot.

support-start =
    Здравствуйте, { $name }! 💬
    Это поддержка FruktGo. Опишите, что случилось, и мы поможем.
support-help =
    <b>Поддержка</b>
    /start — начать сначала
    /help — эта подсказка
    /language — сменить язык
