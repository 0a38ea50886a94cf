# Delivery messages (core.communications on core.logistics events): an offer to a courier, the
# courier's delivery card, the handover code to the customer, deliveries at risk and locked
# handovers to support, a returned order to the shop. Text parameters arrive HTML-escaped;
# distances arrive written out (route_en, away_en) with a unit: m or km. A list parameter
# (phone, entrance...) becomes its items, each on a line of its own.

## To a courier: an offer

notification-delivery-offer =
    { $state ->
        [accepted] ✅ <b>Order #{ $number } is yours</b> · { $shop }
        [declined] ↩️ <b>You declined order #{ $number }</b> · { $shop }
        [expired] ⌛ <b>Time to answer for order #{ $number } is up</b> · { $shop }
        [withdrawn] 🚫 <b>Order #{ $number } no longer needs a courier</b> · { $shop }
       *[open] 🛵 <b>New order #{ $number }</b> · { $shop }
    }
    📍 Pick up: { $pickup }
    📦 Items: { $items }
    🗺 To the customer: { $route_en } { $route_unit ->
        [km] km
       *[m] m
    }
    💰 Earning: { $earning }{ $answer }
notification-delivery-offer-answer =
    🚶 To the shop: { $away_en } { $away_unit ->
        [km] km
       *[m] m
    }
    <b>Answer within { $seconds } s</b>
notification-delivery-btn-accept = ✅ Take it
notification-delivery-btn-decline = Decline

## To a courier: the delivery card

notification-delivery-card =
    { $status ->
        [assigned] 🛵 <b>Order #{ $number }: go to the shop</b>
        [picked_up] 🚚 <b>Order #{ $number }: take it to the customer</b>
        [awaiting_customer] ⏳ <b>Order #{ $number }: waiting for the customer</b>
        [delivered] ✅ <b>Order #{ $number } delivered</b>
        [returned] ↩️ <b>Order #{ $number } returned to the shop</b>
        [canceled] ❌ <b>Order #{ $number } was canceled</b>, no need to deliver it
       *[other] <b>Order #{ $number }</b>
    } · { $shop }
    📍 Pick up: { $pickup }
    📦 Items: { $items }
    🏠 To: <a href="https://yandex.ru/maps/?pt={ $lon },{ $lat }&amp;z=17&amp;l=map">{ $dropoff }</a>{ $entrance }{ $floor }{ $apartment }{ $comment }
    ⏱ Promised by { $promised }{ $phone }
    💰 Earning: { $earning }
notification-delivery-card-entrance = Entrance: { $value }
notification-delivery-card-floor = Floor: { $value }
notification-delivery-card-apartment = Apartment: { $value }
notification-delivery-card-comment = Comment: { $value }
notification-delivery-card-phone = 📞 Customer: { $value }
notification-delivery-btn-pickup = 📦 Picked up
notification-delivery-btn-handover = ✅ Hand over with the code
notification-delivery-btn-unreachable = 📵 Customer unreachable
notification-delivery-btn-return = ↩️ Return to the shop

## To the customer: the code for the courier

notification-delivery-code =
    🛵 <b>Order #{ $number }</b>: courier { $courier } is on the way to you.
    Code for the courier: <b>{ $code }</b>
    Tell it to the courier when you receive the order.

## To support

notification-delivery-at-risk =
    ⚠️ <b>Order #{ $number } may be late</b> · { $shop }
    { $reason ->
        [unassigned] No courier found for over 10 minutes.
        [overdue] The promised time has passed.
       *[late] The courier cannot make the promised time.
    }
    Promised by { $promised }. Now: { $status ->
        [waiting] the order is being assembled
        [searching] looking for a courier
        [assigned] the courier is on the way to the shop
        [picked_up] the courier is bringing the order
        [awaiting_customer] the courier is waiting for the customer
       *[other] { $status }
    }{ $courier }
notification-delivery-at-risk-courier = Courier: { $name }
notification-delivery-locked =
    🔒 <b>Order #{ $number }</b> · { $shop }
    Courier { $courier } entered a wrong code five times. Contact the customer and unlock the handover.

## To the shop

notification-delivery-returned =
    ↩️ <b>Order #{ $number } is coming back to the shop</b> · { $shop }
    The customer could not be reached; courier { $courier } is bringing the order back.
