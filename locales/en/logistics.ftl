## logistics: deliveries

error-delivery_not_found = Delivery not found.
error-delivery_offer_not_found = Offer not found.
error-delivery_offer_expired = Time to answer is up: the order went to another courier.
error-delivery_offer_closed = This offer was answered already or no longer applies.
error-delivery_state_changed = Something already happened to this delivery; refresh the card.
error-delivery_courier_unavailable = The courier cannot take the order now: off shift, on a break, or carrying as much as they can.
error-delivery_handover_code_wrong = Wrong code. Attempts left: { $attempts_left }.
error-delivery_handover_locked = Too many wrong codes: the handover is locked and support has been told.
error-delivery_wait_not_over = Wait for the customer a little longer: the order can go back once the wait is over.
