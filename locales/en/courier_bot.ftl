# Courier bot: becoming a courier, the shift card, planned shifts, statistics.

cmd-shift = My shift
cmd-stats = My statistics

courier-home-approved =
    Hello, { $name }! 🚲
    Shift: /shift · deliveries: /deliveries · statistics: /stats
courier-home-pending = Your application is being reviewed. We will write here as soon as an admin decides.
courier-home-rejected =
    Your application was rejected. Reason: { $reason }
    You may apply again.
courier-home-retired = You are no longer a FruktGo courier. To come back, apply again.
courier-btn-join = 🛵 Become a courier
courier-btn-apply-again = Apply again

courier-profile-intro = The courier form: three questions, your name, phone and vehicle. Cancel: /cancel
courier-ask-name = What is your name? Write your first and last name.
courier-ask-phone = Share your phone number with the button below: customers and support will call you on it.
courier-btn-share-phone = 📱 Share my number
courier-phone-use-button = Tap the "Share my number" button at the bottom of the screen.
courier-phone-not-yours = We need your own number: tap the "Share my number" button.
courier-phone-saved = Number { $phone } saved.
courier-ask-vehicle = How will you deliver orders?
courier-vehicle = { $vehicle ->
        [foot] 🚶 On foot
        [bicycle] 🚲 Bicycle
       *[car] 🚗 Car
    }
courier-vehicle-chosen = Vehicle: { $vehicle ->
        [foot] on foot
        [bicycle] bicycle
       *[car] car
    }.
courier-profile-done =
    Done, { $name }! You are a FruktGo courier.
    Start a shift: /shift
courier-application-sent = Application sent! An admin will review it, and we will write to you here.
courier-profile-restart = Start again: /start
courier-dialog-expired = This step is out of date. Start again: /start
courier-cancel-done = Cancelled.
courier-cancel-nothing = Nothing to cancel.

courier-shift-title = <b>My shift</b>
courier-shift-status = Status: { $status ->
        [available] 🟢 on shift, waiting for orders
        [delivering] 🚴 delivering
        [on_break] ☕ on a break
       *[offline] ⚪ off shift
    }
courier-shift-since = On shift since { $time }
courier-shift-break-since = On a break since { $time }
courier-shift-load = Deliveries in hand: { $count } of { $capacity }
courier-shift-hours = Hours today: { $today } of { $limit } · last 7 days: { $week }
courier-shift-live-hint = 📍 To get orders nearby, share your live location: paperclip 📎 → "Location" → "Share My Live Location" for the whole shift.
courier-shift-limit-reached = You have worked { $hours } h today, the daily limit. The next shift is tomorrow.
courier-shift-send-first-point = Your shift has started! Send your current point with the button below, then share your live location (paperclip 📎 → "Location" → "Share My Live Location").
courier-btn-send-location = 📍 Send my location
courier-btn-shift-start = ▶️ Start shift
courier-btn-shift-break = ☕ Break
courier-btn-shift-resume = ▶️ Back from break
courier-btn-shift-end = ⏹ End shift
courier-btn-shift-refresh = 🔄 Refresh
courier-btn-shift-plan = 🗓 Plans

courier-plan-title = <b>Planned shifts</b> for { $days } days
courier-plan-empty = Nothing planned yet.
courier-plan-added = ✅ Shift planned.
courier-plan-removed = The shift was removed from your plans.
courier-plan-already-removed = That shift is no longer in your plans.
courier-plan-choose-day = Which day?
courier-plan-choose-time = { $day }: choose the time of the shift.
courier-plan-type-range = { $day }: write the time of the shift, for example 10:00-18:00.
courier-btn-plan-add = ➕ Add
courier-btn-plan-back = ⬅ To my shift
courier-btn-plan-cancel = ⬅ Back
courier-btn-plan-custom = ✏️ Other time
courier-btn-plan-other-day = Another day
courier-btn-plan-remove = ✖ { $shift }
courier-day-today = Today
courier-day-tomorrow = Tomorrow
courier-day = { $weekday ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    } { $date }

courier-stats-title = <b>My statistics</b>
courier-stats-hours = Hours on shift: today { $today } (limit { $limit } h), last 7 days { $week }
courier-stats-deliveries = Delivered: { $done } · returned to the shop: { $returned } · earned: { $earnings }
courier-stats-offers = Offers: accepted { $accepted }, declined { $declined }, missed { $expired }
