# Stock, reservations and stock history (core.inventory). Quantities are pieces or grams.

stock-reason-recount = Recount
stock-reason-delivery = Delivery
stock-reason-write_off = Write-off
stock-reason-return = Back on the shelf
stock-reason-correction = Correction
stock-reason-reserved = Reserved for an order
stock-reason-released = Reservation released
stock-reason-expired = Reservation expired
stock-reason-allocated = Order accepted by the shop
stock-reason-assembled = Picked for an order

stock-who-system = system

reservation-status-reserved = reserved
reservation-status-allocated = allocated to the order
reservation-status-settled = picked
reservation-status-released = released
reservation-status-expired = expired

error-stock_quantity_invalid = The quantity must be a whole number from { $minimum } to { $maximum }.
error-stock_quantity_off_step = This product is sold in steps of { $step } g: enter a weight that is a multiple of the step.
error-stock_count_invalid = Stock is a whole number from 0 to { $maximum }.
error-stock_change_invalid = A stock change must be non-zero and at most { $maximum } either way; deliveries and returns add, write-offs remove.
error-stock_reason_not_allowed = That reason cannot be given here: choose recount, delivery, write-off, return or correction.
error-stock_threshold_invalid = The threshold is a whole number from 0 to { $maximum }, or empty for no alert.
error-stock_note_too_long = The comment is too long: at most { $maximum } characters.
error-stock_holder_invalid = No order was given to hold the goods for.
error-stock_no_lines = The request has no lines.
error-stock_duplicate_line = The same line was given twice.
error-insufficient_stock = Not that many in stock: { $available } available, { $requested } needed.
error-stock_below_committed = Stock cannot be set below { $committed }: that much is already held for orders. Cancel or pick them first.
error-reservation_not_found = Reservation not found — it may have been released already.
error-reservation_exists = Goods are already held for this order. Release the earlier reservation first.
error-reservation_expired = The reservation has expired and the goods are back on sale. Please place the order again.
error-reservation_not_allocated = Accept the order before picking it.
error-reservation_settled = This line has already been picked: { $taken } taken.
