"""auth: people known by their Telegram id (profile as Telegram last showed it, chosen language).

Roles and grants, Mini App sessions and staff invitations come later."""
