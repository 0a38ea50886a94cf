# Mini App pages of sellers and admins: the application form, the review queue, my shop.
# Keys start with page-apply-, page-review-, page-myshop- and page-biz- (shared).

error-form_amount_unreadable = Please write { $field ->
    [min_order] the minimum order
    [delivery_fee] the delivery fee
   *[other] the amount
} in roubles, in figures, like 150 or 150.50.
error-form_radius_unreadable = Please give the delivery radius in kilometres, above zero and at most { $maximum }, like 3 or 2.5.
error-form_whole_number_unreadable = Please write a whole number, like 20.

# -- shared ---------------------------------------------------------------------------------

page-biz-inn = INN
page-biz-hours = Hours
page-biz-zone = Delivery zone
page-biz-min-order = Minimum order
page-biz-delivery-fee = Delivery
page-biz-assembly = Assembly time
page-biz-minutes = min
page-biz-km = km
page-biz-closed = closed
page-biz-break = break
page-biz-zone-radius = Radius
page-biz-zone-polygon-corners = Polygon, corners:
page-biz-check-fields = Please check the fields marked above.
page-biz-tz-kaliningrad = Kaliningrad
page-biz-tz-moscow = Moscow
page-biz-tz-samara = Samara
page-biz-tz-yekaterinburg = Yekaterinburg
page-biz-tz-omsk = Omsk
page-biz-tz-novosibirsk = Novosibirsk
page-biz-tz-krasnoyarsk = Krasnoyarsk
page-biz-tz-irkutsk = Irkutsk
page-biz-tz-yakutsk = Yakutsk
page-biz-tz-vladivostok = Vladivostok
page-biz-tz-magadan = Magadan
page-biz-tz-kamchatka = Petropavlovsk-Kamchatsky

# -- /app/seller/apply ----------------------------------------------------------------------

page-apply-title = Seller application
page-apply-intro = Tell us about your business and its first shop. An admin will review the application and we will message you in the bot.
page-apply-business = Business
page-apply-legal-name = Legal name
page-apply-legal-name-hint = As in your documents, e.g. OOO Sad i Ogorod or IP Ivanova A. A.
page-apply-inn = INN
page-apply-inn-hint = 10 digits for a company, 12 for an entrepreneur or self-employed person.
page-apply-tax-system = Tax system
page-apply-phone = Contact phone
page-apply-email = E-mail
page-apply-shop = First shop
page-apply-shop-name = Shop name
page-apply-address = Address
page-apply-paste-coordinates = Paste coordinates
page-apply-paste-coordinates-hint = Copy the point from a map: latitude and longitude fill in by themselves.
page-apply-latitude = Latitude
page-apply-longitude = Longitude
page-apply-timezone = Time zone
page-apply-hours = Working hours
page-apply-hours-hint = Untick a day off. Closing after midnight is fine, e.g. 10:00–02:00. A break is optional.
page-apply-opens = Opens
page-apply-closes = Closes
page-apply-break = Break
page-apply-break-start = Break starts
page-apply-break-end = Break ends
page-apply-copy-monday = Copy Monday to every day
page-apply-zone = Delivery zone
page-apply-zone-radius = Radius
page-apply-zone-polygon = Polygon
page-apply-radius-km = Radius around the shop, km
page-apply-geojson = Zone border as GeoJSON
page-apply-geojson-hint = Draw the zone in a map editor and paste its GeoJSON: a Polygon or MultiPolygon, positions as longitude, latitude.
page-apply-orders = Orders
page-apply-min-order = Minimum order, ₽
page-apply-delivery-fee = Delivery fee, ₽
page-apply-assembly-minutes = Time to assemble an order, minutes
page-apply-submit = Send the application
page-apply-sent = Your application is sent for review.
page-apply-status-title = Your application
page-apply-status-pending = The application is under review.
page-apply-status-approved = The application is approved.
page-apply-status-rejected = The application was rejected.
page-apply-next-pending = An admin will review it soon; we will message you in the bot.
page-apply-next-approved = Your shop is taking orders. Manage it on the shop page.
page-apply-next-rejected = Fix what the admin pointed out and send the application again.
page-apply-reason = Reason:
page-apply-open-shop = Open my shop
page-apply-again = Apply again

# -- /app/admin/applications ----------------------------------------------------------------

page-review-title = Seller applications
page-review-empty = No new applications.
page-review-not-allowed = This page is for FruktGo admins only.
page-review-refresh = Refresh
page-review-applied = Applied
page-review-inn-legal_entity = company
page-review-inn-individual = entrepreneur or self-employed
page-review-tax-system = Taxes
page-review-contacts = Contacts
page-review-applicant = Applicant
page-review-shop = Shop
page-review-point = Map point
page-review-timezone = Time zone
page-review-approve = Approve the application
page-review-reject = Reject
page-review-reason = Reason for rejecting
page-review-reason-hint = The applicant reads it in the bot. Say what to fix.
page-review-decided-approved = Approved: the shop is taking orders.
page-review-decided-rejected = Rejected. Reason:

# -- /app/seller/shop -----------------------------------------------------------------------

page-myshop-title = My shop
page-myshop-none = You do not work in any shop yet.
page-myshop-open-until = Open until
page-myshop-open-always = Open round the clock
page-myshop-closed-opens = Closed, opens
page-myshop-no-hours = No working hours set
page-myshop-paused-note = Orders are paused: customers cannot order until you resume.
page-myshop-your-role = Your role:
page-myshop-pause = Pause taking orders
page-myshop-resume = Resume taking orders
page-myshop-pause-not-allowed = Only the owner and managers can pause the shop and change its settings.
page-myshop-settings = Terms
page-myshop-profile = Storefront
page-myshop-description = Description for customers
page-myshop-logo = Logo
page-myshop-logo-hint = A link to a picture, starting with https://
page-myshop-save = Save
page-myshop-saved = Saved.
page-myshop-staff = Team
page-myshop-remove = Remove
page-myshop-invite = Invite
page-myshop-invite-manager = A manager
page-myshop-invite-picker = A picker
page-myshop-invite-link = Invitation link
page-myshop-invite-hint = Send it to the person: the link works once.
page-myshop-invitations = Waiting for an answer
page-myshop-invitation-until = until
page-myshop-revoke = Withdraw
