"""auth: who people are and what they may do.

Owns users by Telegram id (profile as Telegram last showed it, chosen language), platform roles
(courier, support, admin; everyone is a customer), shop staff (owner, manager, picker per shop),
single-use invitations sent as bot deep links, Mini App sign-in (initData checked against the
issuing bot's token, exchanged for a short Redis session), and the authorization policy every
module checks its commands against (``core.auth.policy``)."""
