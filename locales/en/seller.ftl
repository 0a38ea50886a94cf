# Seller bot.

seller-start =
    Hello, { $name }! 🏪
    This is the FruktGo seller bot: new order alerts and quick actions for your shop.
seller-help =
    <b>Seller bot</b>
    /start — start over
    /help — this help
    /language — change the language
