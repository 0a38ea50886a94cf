# Notifications sent through the bots (core.communications). Text parameters arrive
# HTML-escaped; the messages may use Telegram's HTML.

notification-business-approved =
    🎉 <b>Your application is approved!</b>
    “{ $legal_name }” now sells on FruktGo. Shops taking orders already: { $shops }.
    Open the seller menu: /start
notification-business-rejected =
    Sorry, the application for “{ $legal_name }” was turned down.
    Reason: { $reason }
    Fix the details and apply again: /start
notification-staff-role-changed =
    Your role in “{ $shop }” has changed: you are now { $role ->
        [owner] an owner
        [manager] a manager
       *[picker] a picker
    }.
notification-staff-removed = You no longer have access to the shop “{ $shop }”.

error-invalid_notification = This notification cannot be queued: check its template, parameters and key.
error-notification_not_found = Notification not found.
notification-business-applied =
    New seller application: <b>{ $legal_name }</b>.
    Review it with /admin.
