# Order messages (core.communications on core.orders events): the customer's live order status,
# new-order alerts to the shop, substitute proposals. Text parameters arrive HTML-escaped;
# quantities arrive written out (qty_en) with a unit code: kg, g or pcs. A list parameter (eta,
# lines, receipt...) becomes its items, each on a line of its own (message <template>-<param>),
# so it is written at the end of the line it follows.

## The customer's live order status

notification-order-status =
    🛒 <b>Order #{ $number }</b> · { $shop }
    { $status ->
        [pending_payment] 💳 Waiting for payment
        [placed] 🕐 Waiting for the shop to accept the order
        [accepted] ✅ The shop accepted the order
        [assembling] 🧺 Putting the order together
        [ready] 📦 The order is packed, finding a courier
        [courier_assigned] 🛵 A courier is on the way to the shop
        [picked_up] 🚚 The courier is bringing the order
        [delivered] 🏠 The order was delivered
        [completed] 🎉 The order is complete, thank you!
        [canceled] ❌ The order was canceled
        [delivery_failed] ⚠️ The order could not be delivered
       *[other] { $status }
    }{ $payby }{ $eta }{ $amount }{ $lines }{ $receipt }{ $canceled }{ $note }
notification-order-status-payby = Please pay by { $at }, or the order will be canceled.
notification-order-status-eta = { $kind ->
        [slot] 🗓 Delivery on { $day }, { $start }–{ $end }
       *[asap] ⏱ Arriving at about { $at }
    }
notification-order-status-amount = { $kind ->
        [estimate] Total ≈ { $total }, final after weighing
       *[exact] Total: { $total }
    }
notification-order-status-lines = { $kind ->
        [missing] • <s>{ $name_en }</s> — out of stock
        [substitute] • { $name_en } { $qty_en } { $qty_unit ->
            [kg] kg
            [g] g
           *[pcs] pcs
        } × { $price }{ $per ->
            [kg] /kg
           *[pcs] { "" }
        } = { $total } (instead of “{ $was_en }”)
       *[picked] • { $name_en } { $qty_en } { $qty_unit ->
            [kg] kg
            [g] g
           *[pcs] pcs
        } × { $price }{ $per ->
            [kg] /kg
           *[pcs] { "" }
        } = { $total }{ $changed ->
            [yes] { " " }(ordered { $planned_en } { $planned_unit ->
                [kg] kg
                [g] g
               *[pcs] pcs
            })
           *[no] { "" }
        }
    }
notification-order-status-receipt =
    Items: { $subtotal }
    Delivery: { $delivery }
    <b>Total: { $total }</b>
    { $diff_kind ->
        [less] That is { $diff } less than the estimate ({ $estimate }).
        [more] That is { $diff } more than the estimate ({ $estimate }).
       *[same] Exactly as estimated.
    }
notification-order-status-canceled = { $party ->
        [customer] You canceled the order.
        [shop] The shop canceled the order.
        [courier] The courier canceled the order.
        [support] Support canceled the order.
       *[system] The order was canceled automatically.
    }{ $reason ->
        [customer_request] { "" }
        [out_of_stock] { " " }Reason: out of stock.
        [shop_closing] { " " }Reason: the shop is closing.
        [too_busy] { " " }Reason: the shop has too many orders.
        [address_unreachable] { " " }Reason: the address cannot be reached.
        [payment_timeout] { " " }Reason: the order was not paid in time.
        [duplicate] { " " }Reason: a duplicate order.
       *[other] { " " }Reason: other.
    }
notification-order-status-note = Comment: { $text }

notification-order-btn-cancel = Cancel order
notification-order-btn-details = Details
notification-order-btn-reorder = Order again

## To the shop: a new order (owner, managers and pickers)

notification-order-shop =
    { $state ->
        [accepted] ✅ <b>Order #{ $number } accepted</b> · { $shop }
        [canceled] ❌ <b>Order #{ $number } canceled</b> · { $shop }
       *[new] 🆕 <b>New order #{ $number }</b> · { $shop }
    }{ $by }{ $canceled }{ $lines }
    { $approx ->
        [yes] Total ≈ { $total } with delivery { $delivery }, final after weighing
       *[no] Total { $total } with delivery { $delivery }
    }{ $eta }
    Payment: { $payment ->
        [cash] cash to the courier
        [card_to_courier] card to the courier
       *[online] online
    }{ $comment }
notification-order-shop-by = Accepted by { $name }
notification-order-shop-canceled = { $party ->
        [customer] Canceled by the customer
        [shop] Canceled by the shop
        [courier] Canceled by the courier
        [support] Canceled by support
       *[system] Canceled automatically
    }{ $reason ->
        [customer_request] { "" }
        [out_of_stock] : out of stock
        [shop_closing] : the shop is closing
        [too_busy] : too many orders
        [address_unreachable] : the address cannot be reached
        [payment_timeout] : not paid in time
        [duplicate] : a duplicate order
       *[other] : another reason
    }
notification-order-shop-lines = • { $name_en } — { $qty_en } { $qty_unit ->
        [kg] kg
        [g] g
       *[pcs] pcs
    } { $approx ->
        [yes] ≈
       *[no] =
    } { $total }
notification-order-shop-eta = { $kind ->
        [slot] Delivery on { $day }, { $start }–{ $end }
       *[asap] Delivery as soon as possible, at about { $at }
    }
notification-order-shop-comment = Comment: { $text }

notification-order-btn-accept = ✅ Accept
notification-order-btn-reject = ❌ Reject
notification-order-btn-board = Open orders

## To the customer: a substitute proposal

notification-order-substitute =
    { $state ->
        [accepted] ✅ Order #{ $number }: instead of “{ $missing_en }” you get “{ $name_en }” { $qty_en } { $qty_unit ->
            [kg] kg
            [g] g
           *[pcs] pcs
        } for { $approx ->
            [yes] ≈ { $total }
           *[no] { $total }
        }.
        [declined] ➖ Order #{ $number }: “{ $missing_en }” was left out, no substitute.
       *[proposed] 🔄 Order #{ $number }: no “{ $missing_en }” — take “{ $name_en }” { $qty_en } { $qty_unit ->
            [kg] kg
            [g] g
           *[pcs] pcs
        } for { $approx ->
            [yes] ≈ { $total }
           *[no] { $total }
        } instead? Please answer by { $until }.
    }{ $auto ->
        [yes] { " " }(No answer in time — decided by your substitution preference.)
       *[no] { "" }
    }

notification-order-btn-sub-yes = Yes, substitute
notification-order-btn-sub-no = No, thanks
