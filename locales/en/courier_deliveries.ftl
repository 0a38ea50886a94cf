# Courier bot: deliveries (/deliveries, answers to offers, the delivery card, the handover code).
# The card follows notification-delivery-card (core.communications sends its first version) and
# takes the step buttons' texts from it too: notification-delivery-btn-*.

## cmd-deliveries describes /deliveries in the support bot too: it stays neutral.
cmd-deliveries = Deliveries

courier-deliveries-couriers-only = Deliveries are for FruktGo couriers only.
courier-deliveries-none =
    You have no deliveries right now.
    Start a shift (/shift) and share your live location: offers will arrive here.
courier-delivery-stale = This button is out of date. Open /deliveries.

courier-offer-accepted = ✅ Order #{ $number } is yours!
courier-offer-declined = Offer declined.

courier-delivery-headline = { $status ->
        [waiting] 🕐 <b>Order #{ $number }: the shop is still assembling it</b>
        [searching] 🔎 <b>Order #{ $number }: looking for a courier</b>
        [assigned] 🛵 <b>Order #{ $number }: go to the shop</b>
        [picked_up] 🚚 <b>Order #{ $number }: take it to the customer</b>
        [awaiting_customer] ⏳ <b>Order #{ $number }: waiting for the customer</b>
        [delivered] ✅ <b>Order #{ $number } delivered</b>
        [returned] ↩️ <b>Order #{ $number } is going back to the shop</b>
        [canceled] ❌ <b>Order #{ $number } was canceled</b>, no need to deliver it
       *[other] <b>Order #{ $number }</b>
    } · { $shop }
courier-delivery-pickup = 📍 Pick up: { $address }
courier-delivery-items = 📦 Items: { $count }
courier-delivery-dropoff = 🏠 To: <a href="{ $url }">{ $address }</a>
courier-delivery-door = 🚪 { $parts }
courier-delivery-entrance = entrance { $value }
courier-delivery-floor = floor { $value }
courier-delivery-apartment = apt. { $value }
courier-delivery-comment = 💬 { $comment }
courier-delivery-promised = ⏱ Promised by { $at }
courier-delivery-phone = 📞 Customer: { $phone }
courier-delivery-earning = 💰 Earning: { $amount }
courier-delivery-waiting = ⏳ The customer does not answer. Wait until { $until }; then you may take the order back to the shop.
courier-delivery-done = 🎉 <b>Delivered! +{ $amount }</b>

courier-delivery-btn-map-shop = 🗺 Shop on the map
courier-delivery-btn-map-customer = 🗺 Customer on the map

courier-handover-prompt = 🔑 <b>Type the 4-digit code</b> the customer got in the FruktGo bot.
courier-handover-not-a-code = Exactly 4 digits, please, e.g. 4831.
courier-handover-wrong = ❌ Wrong code, attempts left: { $left }
courier-handover-btn-back = ‹ Back to the order
courier-handover-not-now = You can hand the order over only after picking it up.
courier-handover-locked = 🔒 Too many wrong codes: the handover is locked. Write to support: they will help.

courier-return-too-early = You can take the order back in { $minutes } min. Try calling the customer once more.
courier-picked-up = The order is with you. Off to the customer!
courier-waiting-started = Waiting for the customer until { $until }.
courier-returned = The order is going back to the shop.
