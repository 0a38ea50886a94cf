# core.workforce: errors, notifications about couriers, and the admins' review in the support bot.

error-courier_not_found = No courier profile found. Open the courier bot and tap /start.
error-invalid_courier_name = A name is { $minimum } to { $maximum } characters with at least one letter.
error-courier_application_pending = Your application is already being reviewed. We will write as soon as it is decided.
error-courier_application_decided = This application has been decided already.
error-invalid_courier_rejection = Write the reason for the rejection: { $minimum } to { $maximum } characters.
error-courier_not_approved = Shifts open once your application is approved.
error-not_on_shift = You are not on a shift now.
error-courier_busy = Finish the deliveries in hand first ({ $count }).
error-shift_limit_reached = That is it for today: at most { $hours } h of shifts a day. See you tomorrow!
error-invalid_active_deliveries = The number of deliveries in hand is a whole number, zero or more.
error-time_range_unreadable = I could not read that time. Write it like this: 10:00-18:00.
error-planned_shift_day_out_of_range = You can plan the next { $days } days, starting today.
error-planned_shift_times_invalid = A shift ends after it starts and lasts at most { $hours } h.
error-planned_shift_in_past = That time has passed: choose a later one.
error-planned_shifts_overlap = It overlaps a shift already planned for { $starts }–{ $ends }.
error-planned_hours_exceeded = That day would have more than { $hours } h of shifts: choose less.
error-planned_shift_not_found = There is no such planned shift.

notification-courier-applied =
    { $state ->
        [approved] ✅
        [rejected] ❌
       *[new] 🛵
    } <b>Courier application</b>: { $name }
    Phone: { $phone }
    Vehicle: { $vehicle ->
        [foot] on foot
        [bicycle] bicycle
       *[car] car
    }
    { $state ->
        [approved] Approved{ $by_known ->
            [yes] {" "}({ $by })
           *[no] {""}
        }.
        [rejected] Rejected{ $by_known ->
            [yes] {" "}({ $by })
           *[no] {""}
        }: { $reason }
       *[new] All applications: /couriers
    }
notification-courier-btn-approve = ✅ Approve
notification-courier-btn-reject = ❌ Reject
notification-courier-approved =
    🎉 <b>Application approved!</b> You are a FruktGo courier now.
    Start a shift: /shift
notification-courier-rejected =
    Sorry, your courier application was rejected.
    Reason: { $reason }
    Fix the details and apply again: /start
notification-shift-ended =
    { $reason ->
        [limit] ⏱ Your shift has ended: you have worked { $hours } h today, the daily limit. Rest well, see you tomorrow!
       *[retired] Your shift has ended: you are no longer a FruktGo courier.
    }

cmd-couriers = Courier applications
courier-admin-title = <b>Couriers</b>: { $pending } applications waiting, { $on_shift } on shift now.
courier-admin-none = No new applications.
courier-admin-item = { $name } · { $vehicle ->
        [foot] on foot
        [bicycle] bicycle
       *[car] car
    }
courier-admin-card =
    <b>{ $name }</b>
    Phone: { $phone }
    Vehicle: { $vehicle ->
        [foot] on foot
        [bicycle] bicycle
       *[car] car
    }
    Applied { $applied }: { $status ->
        [pending] waiting for a decision
        [approved] approved
        [rejected] rejected
       *[retired] no longer a courier
    }
courier-admin-card-reason = Reason for rejection: { $reason }
courier-admin-approved = ✅ Approved: the courier has been told.
courier-admin-rejected = ❌ Rejected: the courier has been told why.
courier-admin-reject-prompt = Why is { $name }'s application rejected? Write the reason in one message: the courier will read it.
courier-admin-btn-list = ⬅ All applications
courier-admin-btn-cancel = Cancel
