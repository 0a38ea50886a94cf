"""Stand-ins for what this machine cannot reach (Telegram, YooKassa), speaking their real HTTP
protocols so that aiogram and the yookassa SDK run unchanged. Imports nothing from the product."""
