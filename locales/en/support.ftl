# Support bot.

support-start =
    Hello, { $name }! 💬
    This is FruktGo support. Tell us what happened and we will help.
support-help =
    <b>Support</b>
    /start — start over
    /help — this help
    /language — change the language
    /admin — admin tools (platform admins)
    /couriers — courier applications (platform admins)
    /deliveries — deliveries without a courier or at risk of being late

support-admin-only = This command is for FruktGo platform admins.
support-admin-menu = Admin tools: review seller applications in the Mini App.
support-btn-applications = Seller applications
cmd-admin = Admin tools
