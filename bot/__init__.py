"""The four Telegram bots (customer, courier, seller, support) as aiogram adapters over core.

Each role package has a router factory, ``create_router()``; ``bot.common`` holds what all four
share: middlewares (update dedup, user context, i18n), error handling, FSM storage, the language
switch, command menus and formatting. ``bot.dispatcher`` puts one role together. Handlers call
core's public api only and talk to Telegram after the transaction, never inside it."""
