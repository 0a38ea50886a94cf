# Courier bot.

courier-start =
    Hello, { $name }! 🚲
    This is the FruktGo courier bot: shifts, delivery offers and your earnings.
    Want to deliver orders? Fill in a short form: an admin will review it and write to you here.
courier-help =
    <b>Courier bot</b>
    /start — start over
    /shift — my shift: start, break, end, plans
    /deliveries — my deliveries
    /stats — hours, deliveries and earnings
    /cancel — cancel the current step
    /help — this help
    /language — change the language
