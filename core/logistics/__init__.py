"""logistics: deliveries, dispatch offers, assignment, handover proof, courier earnings, SLA.

A delivery is made when a shop accepts an order (``waiting``), with a 4-digit handover code that
only the customer and support may read; it starts ``searching`` when the order is ready. The
``Dispatcher`` (``_dispatch``, a loop in ``fruktgo worker``) expires unanswered offers and
offers each searching delivery to the best free courier near the shop for ``OFFER_TTL``: one
open offer per courier and per delivery (partial unique indexes), never the same courier twice
for one delivery. Accepting is a conditional update, so of two taps exactly one wins; the order
then moves to ``courier_assigned`` (party system, or support by hand). The courier picks the
order up, hands it over with the customer's code (``MAX_CODE_ATTEMPTS`` wrong codes lock the
handover until support resets it), or waits ``WAIT_FOR_CUSTOMER`` for an unreachable customer
and brings the order back. A handed-over delivery records the courier's earning (``_pay``).
Every change re-counts the courier's deliveries in hand for core.workforce. ``tasks.py`` flags
deliveries at risk of being late once (``_sla``). orders sits below logistics: logistics
listens to its events and moves orders through its api; orders never imports logistics.
"""
