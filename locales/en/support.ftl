# Support bot.

support-start =
    Hello, { $name }! 💬
    This is FruktGo support. Tell us what happened and we will help.
support-help =
    <b>Support</b>
    /start — start over
    /help — this help
    /language — change the language
