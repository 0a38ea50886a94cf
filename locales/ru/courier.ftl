# Courier bot.

courier-start =
    Здравствуйте, { $name }! 🚲
    Это бот курьеров FruktGo: здесь будут смены, предложения доставок и ваш заработок.
courier-help =
    <b>Бот курьера</b>
    /start — начать сначала
    /help — эта подсказка
    /language — сменить язык
