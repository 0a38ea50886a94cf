# Customer bot.

customer-start =
    Hello, { $name }! 🍏
    I am FruktGo: fresh fruit, vegetables and groceries from shops near you, delivered within the hour or at a time you choose.
    Soon you will be able to pick a shop, fill a cart and place an order here.
customer-help =
    <b>What I can do</b>
    /start — start over
    /help — this help
    /catalog — shops nearby and what they sell
    /cart — your cart
    /orders — your orders
    /language — change the language
    /settings — addresses, phone, language, my data
    /cancel — cancel the current step
