# Courier bot.

courier-start =
    Hello, { $name }! 🚲
    This is the FruktGo courier bot: your shifts, delivery offers and earnings will live here.
courier-help =
    <b>Courier bot</b>
    /start — start over
    /help — this help
    /language — change the language
