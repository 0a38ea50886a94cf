"""inventory: how much of each offer a shop has, and who is holding it.

Stock per storefront offer in whole units (pieces, or grams for weight goods): on hand, reserved
(taken at checkout, with an expiry) and allocated (the shop accepted the order); available is
on hand minus both and never negative, whatever the concurrency (row locks in offer-id order,
conditional updates and a CHECK in the database). Reservations are grouped by an opaque holder
key (an order id) and move reserved -> allocated -> settled (the actual quantity taken off at
assembly) or end released / expired. Every change to the counters is written to an adjustment
log (who, why, how much, the result), the stock history of an offer. Staff set counts after a
recount or adjust them for deliveries and write-offs; a per-offer threshold publishes
``inventory.low_stock`` once each time available falls to it or below.
"""
