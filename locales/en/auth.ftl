# auth: roles, invitations, Mini App sign-in and the "me" page.

role-customer = customer
role-courier = courier
role-owner = owner
role-manager = manager
role-picker = picker
role-support = support agent
role-admin = admin

bot-name-customer = FruktGo customer bot
bot-name-courier = FruktGo courier bot
bot-name-seller = FruktGo seller bot
bot-name-support = FruktGo support bot

invitation-welcome-staff = Welcome to the team of «{ $shop }»! You are now { $role }.
invitation-welcome-staff-unnamed = Welcome to the shop's team! You are now { $role }.
invitation-welcome-courier = Welcome aboard! You are now a FruktGo courier.
invitation-joined-notice = { $name } accepted your invitation and joined as { $role }.

page-me-title = My profile
page-me-roles = Roles
page-me-shops = Shops
page-me-language = Language
page-me-language-saved = Saved: the interface is in English now.
page-loading = Loading…
page-close = Close
page-retry = Try again
page-outside-telegram = Open this page from the FruktGo bot in Telegram.

error-credentials_missing = Please open this page from the bot in Telegram: we could not see who you are.
error-init_data_malformed = The sign-in data from Telegram could not be read. Close the page and open it from the bot again.
error-init_data_bad_signature = The sign-in data is not from our bots. Close the page and open it from the FruktGo bot.
error-init_data_expired = This page was opened too long ago. Close it and open it from the bot again.
error-session_invalid = Your session has ended. Close the page and open it from the bot again.
error-permission_denied = You do not have access to this action.
error-role_not_allowed = That role cannot be given this way.
error-already_has_role =
    { $role ->
        [owner] You are already an owner of this shop.
        [manager] You are already a manager of this shop.
        [picker] You are already a picker in this shop.
        [courier] You are already a FruktGo courier.
        [support] This person is already a support agent.
        [admin] This person is already an admin.
       *[other] This role is already held.
    }
error-role_not_held = This person does not have that role.
error-staff_member_not_found = This person is not on the shop's staff.
error-last_owner = A shop must keep at least one owner. Make someone else an owner first.
error-last_admin = The platform must keep at least one admin.
error-invitation_not_found = This invitation link is not valid. Ask for a new one.
error-invitation_used = This invitation has already been used. Ask for a new one if you need it.
error-invitation_expired = This invitation has expired. Ask for a new one.
error-invitation_revoked = This invitation was withdrawn. Ask for a new one if you need it.
error-invitation_wrong_bot =
    { $bot ->
        [seller] This invitation is for the FruktGo seller bot. Open the link you were sent: it leads there.
        [courier] This invitation is for the FruktGo courier bot. Open the link you were sent: it leads there.
       *[other] This invitation is for another FruktGo bot. Open the link you were sent.
    }
error-invitation_ttl_out_of_range = An invitation can live from 10 minutes to 30 days.
