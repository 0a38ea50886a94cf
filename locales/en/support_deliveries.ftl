# Support bot: deliveries that need a person, and assigning a courier by hand (/deliveries).

support-deliveries-only = Deliveries are for FruktGo support agents and admins only.
support-deliveries-none = 👌 Every delivery is on track: none is late and none waits for a courier.
support-deliveries-title = 🚨 <b>Deliveries that need a person: { $count }</b>
support-deliveries-item = { $risk ->
        [yes] ⚠️
       *[no] 🔎
    } #{ $number } · { $shop } — { $status ->
        [waiting] the shop is assembling
        [searching] looking for a courier
        [assigned] the courier is on the way to the shop
        [picked_up] the courier is delivering
        [awaiting_customer] the courier is waiting for the customer
       *[other] { $status }
    }, due by { $at }
support-deliveries-more = …and { $count } more
support-deliveries-btn-assign = 👤 Assign a courier · #{ $number }
support-deliveries-btn-refresh = 🔄 Refresh
support-deliveries-btn-back = ‹ To the deliveries
support-deliveries-gone = This delivery no longer waits for a courier. Here is the list as it is now.
support-deliveries-stale = This button is out of date. Open /deliveries.
support-deliveries-assigned-toast = Courier assigned.
support-deliveries-assigned = ✅ Order #{ $number } ({ $shop }) went to { $name }. They get the delivery card in the courier bot.

support-couriers-title = 👤 <b>Who takes order #{ $number }</b> · { $shop }
support-couriers-pickup = 🏪 Pick up: { $address }
support-couriers-choose = Couriers on shift, nearest to the shop first:
support-couriers-more = Not all are shown: { $count } more are farther away.
support-couriers-none = No courier is on shift right now.
support-deliveries-courier = { $name } · { $vehicle ->
        [foot] 🚶
        [bicycle] 🚲
       *[car] 🚗
    } · { $distance } · busy { $active }/{ $capacity }
support-distance-m = { $m } m
support-distance-km = { $km } km
support-distance-unknown = 📍?
