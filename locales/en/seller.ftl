# Seller bot.

seller-start =
    Hello, { $name }! 🏪
    This is the FruktGo seller bot: applying to sell, your shop and its team, order alerts.
    Want to sell with us? /apply. Already selling? /shop and /staff.
seller-help =
    <b>Seller bot</b>
    /apply — apply to sell: your business and its first shop
    /shop — the shop card, pause, description and logo
    /products — products, prices, stock and the price list
    /orders — orders: accept, assemble, hand over
    /staff — the shop's team and invitations
    /cancel — cancel the current step
    /start — start over
    /help — this help
    /language — change the language

cmd-apply = Apply to sell
cmd-shop = My shop
cmd-staff = Shop team

# -- dialogs in general --

seller-btn-cancel = Cancel
seller-btn-continue = Continue
seller-btn-start-over = Start over
seller-btn-back = ← Back
seller-btn-no = No
seller-btn-remove = Remove
seller-cancel-done = OK, cancelled. Nothing was saved.
seller-cancel-nothing = There is nothing to cancel.
seller-dialog-expired = This dialog has ended. Start again: /apply, /shop or /staff.
seller-resume-prompt = You have an unfinished dialog. Continue where you left off, or start over?
seller-resume-continuing = Let's continue.
seller-resume-restarting = Starting over.

# -- /start --

seller-btn-apply = 📝 Apply to sell
seller-btn-apply-webapp = 📋 Fill in the Mini App form
seller-btn-shop = 🏪 Shop
seller-btn-staff = 👥 Team

# -- /apply --

seller-apply-intro =
    <b>Application to sell</b>
    Tell us about your business and its first shop; it takes a few minutes. We check every answer right away. At the end you will see the whole application and can change anything.
    You can stop at any time with /cancel. Prefer a form? Tap the button below.
seller-ask-legal-name = What is the business's legal name? For example: Sad i Ogorod LLC, or IE Petrova O. I.
seller-ask-inn = The INN (taxpayer number): 10 digits for a company, 12 for an entrepreneur or self-employed person.
seller-ask-tax-system = Choose the tax system:
seller-ask-phone = A contact phone: tap "Share my number" or type one, like +7 912 345-67-89.
seller-ask-email = An e-mail address for documents and notices:
seller-ask-shop-name = Now the shop. What name will customers see?
seller-ask-location = Where is the shop? Tap "Send location" (or type coordinates: 55.7539, 37.6208).
seller-ask-address = Type the shop's address: city, street, building.
seller-ask-timezone = The shop's time zone: <b>{ $zone }</b>. Keep it or choose another? You can also type a name such as Asia/Novosibirsk.
seller-ask-hours =
    Working hours, one line per group of days, for example:
    <code>mon-fri 09:00-21:00 break 14:00-15:00
    sat 10:00-18:00
    sun closed</code>
    Also possible: "daily 10:00-22:00", "24/7", "fri 18:00-02:00" (until Saturday morning). Days not listed are closed.
seller-ask-zone =
    The delivery zone. Type a radius in kilometres around the shop, like <code>3</code> or <code>2.5</code>.
    Or paste the zone's border: GeoJSON of type Polygon, or the corner points one per line as "latitude, longitude".
seller-ask-min-order = The minimum order in roubles, like 500 or 1 500 (0 for none):
seller-ask-delivery-fee = The delivery fee in roubles, like 99 or 149.90 (0 for free):
seller-ask-assembly = How many minutes does it take to assemble an order? For example: 20
seller-chosen = Chosen: { $value }
seller-timezone-chosen = Time zone: { $zone }

seller-btn-share-phone = 📱 Share my number
seller-btn-share-location = 📍 Send location
seller-btn-timezone-keep = ✓ Keep { $zone }

seller-tax-expected = Please choose the tax system with a button under the question.
seller-location-expected = We need the shop's location: tap "Send location" or type coordinates separated by a comma, like 55.7539, 37.6208.
seller-hours-all-closed = That makes the shop closed every day. Please give at least one working day.
seller-hours-unreadable =
    We could not read line { $line }: "{ $text }". { $reason ->
        [days] A line starts with the days: mon, tue, wed, thu, fri, sat, sun, a range like "mon-fri", or "daily".
        [times] The days are followed by the hours, like 09:00-21:00, or "closed", or "24/7".
        [breaks] A break comes after the hours, like this: break 14:00-15:00.
        [repeated_day] { $day ->
            [mon] Monday
            [tue] Tuesday
            [wed] Wednesday
            [thu] Thursday
            [fri] Friday
            [sat] Saturday
           *[sun] Sunday
        } is already given on another line.
       *[other] Please write the hours, one line per group of days.
    }
seller-zone-radius-range = The delivery radius is 0.1 to { $maximum } km.
seller-zone-unreadable = We could not read the zone. Type a radius in kilometres (like 3), or paste a GeoJSON Polygon, or the corner points one per line: "55.75, 37.61".
seller-amount-unreadable = Please type the amount in roubles as digits: 150, 150.50 or 1 500.
seller-minutes-unreadable = Please type a number of minutes, like 20.
seller-summary-expected = Please check the application and tap a button under it: "Send", "Change" or "Cancel".

seller-summary-title = <b>Please check your application</b>
seller-summary-business = <b>Business</b>
seller-summary-legal-name = Name: { $value }
seller-summary-inn = INN: { $value }
seller-summary-tax = Tax system: { $value }
seller-summary-phone = Phone: { $value }
seller-summary-email = E-mail: { $value }
seller-summary-shop = <b>Shop</b>
seller-summary-shop-name = Name: { $value }
seller-summary-address = Address: { $value } ({ $lat }, { $lon })
seller-summary-timezone = Time zone: { $value }
seller-summary-hours = Working hours:
seller-summary-zone = Delivery zone: { $value }
seller-summary-min-order = Minimum order: { $value }
seller-summary-delivery-fee = Delivery fee: { $value }
seller-summary-assembly = Assembly: { $minutes } min
seller-zone-radius = a { $km } km radius
seller-zone-polygon = { $count ->
    [1] a polygon, { $points } corners
   *[other] { $count } polygons, { $points } corners
}

seller-hours-daily = daily
seller-hours-closed = closed
seller-hours-round-the-clock = 24/7
seller-hours-break = break
seller-wd-mon = mon
seller-wd-tue = tue
seller-wd-wed = wed
seller-wd-thu = thu
seller-wd-fri = fri
seller-wd-sat = sat
seller-wd-sun = sun

seller-btn-confirm = ✅ Send the application
seller-btn-edit = ✏️ Change
seller-edit-choose = What would you like to change?
seller-edit-field = Changing: { $field }
seller-field-legal_name = Legal name
seller-field-inn = INN
seller-field-tax_system = Tax system
seller-field-phone = Phone
seller-field-email = E-mail
seller-field-shop_name = Shop name
seller-field-location = Location
seller-field-address = Address
seller-field-timezone = Time zone
seller-field-hours = Working hours
seller-field-zone = Delivery zone
seller-field-min_order = Minimum order
seller-field-delivery_fee = Delivery fee
seller-field-assembly = Assembly time
seller-apply-sent = ✅ Application sent! We will review it and tell you here. It usually takes one working day.
seller-apply-cancelled = Application cancelled. When you are ready: /apply.

# -- /shop --

seller-shop-none = You do not work in any shop yet. To start selling on FruktGo, apply: /apply. If you were invited to a team, open your invitation link.
seller-shop-none-pending = Your application is under review. Your shop will appear here once it is approved.
seller-shops-choose = Choose a shop:
seller-shop-title = 🏪 <b>{ $name }</b>
seller-shop-status = Status: { $status }
seller-shop-open-until = 🟢 Open by its hours, closes { $when }.
seller-shop-open-always = 🟢 Open round the clock.
seller-shop-closed-until = 🔴 Closed now, opens { $when }.
seller-shop-never-open = No working hours are set.
seller-shop-paused-note = ⏸ The shop is paused: no new orders until you resume it.
seller-shop-rejected-reason = Reason for rejection: { $reason }
seller-shop-role = Your role: { $role }
seller-shop-description = Description: { $text }
seller-shop-no-description = No description yet.
seller-shop-logo-set = Logo: set
seller-shop-no-logo = No logo yet.
seller-when-today = today at { $time }
seller-when-tomorrow = tomorrow at { $time }
seller-when-weekday = on { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
} at { $time }
seller-btn-pause = ⏸ Pause orders
seller-btn-resume = ▶️ Resume orders
seller-btn-description = 📝 Description
seller-btn-logo = 🖼 Logo
seller-btn-shop-webapp = ⚙️ Shop settings
seller-btn-all-shops = All shops
seller-btn-to-shop = 🏪 To the shop
seller-shop-paused-toast = The shop is paused
seller-shop-resumed-toast = The shop takes orders again
seller-ask-description = Send the shop's new description; customers will read it (up to 2000 characters). "Remove" deletes it.
seller-ask-logo = Send the logo as a picture (a photo). "Remove" deletes it.
seller-description-saved = Description saved.
seller-logo-saved = Logo saved.
seller-description-expected = Please send the description as text, or tap "Remove".
seller-logo-expected = Please send the logo as a photo, or tap "Remove".

# -- /staff --

seller-staff-choose = Which shop's team?
seller-staff-not-allowed = A shop's team is for its owners and managers.
seller-staff-title = 👥 <b>The { $shop } team</b>
seller-staff-line = • { $name } — { $role }, since { $date }
seller-staff-line-me = • { $name } (you) — { $role }, since { $date }
seller-member-card =
    <b>{ $name }</b>
    Shop: { $shop }
    Role: { $role }
    On the team since { $date }
seller-member-remove-confirm = Remove { $name } from the { $shop } team? Their access to the shop ends at once.
seller-member-role-changed = Role changed: { $role }
seller-member-removed = Removed from the team
seller-btn-member = { $name } — { $role }
seller-btn-make-role = Make { $role }
seller-btn-remove-member = 🚫 Remove from the team
seller-btn-remove-yes = Yes, remove
seller-btn-invite-manager = ➕ Invite a manager
seller-btn-invite-picker = ➕ Invite a picker
seller-btn-invitations = ✉️ Invitations
seller-btn-revoke = Revoke no. { $number } ({ $role })
seller-btn-share-invite = Forward the invitation
seller-invite-created =
    An invitation to { $shop } as { $role }.
    Send this link to the person: it works once and until { $until }:
    { $link }
seller-invitations-none = { $shop } has no open invitations.
seller-invitations-title = ✉️ <b>Open invitations of { $shop }</b>
seller-invitation-line = { $number }. { $role }, valid until { $until }
seller-invitation-revoked = Invitation revoked
