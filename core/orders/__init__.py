"""orders: carts, checkout, orders and their lines, the order state machine, assembly.

A cart belongs to one customer in one shop (an order comes from one shop; a customer may keep
carts in several). Its lines are offers with a quantity in the offer's unit: pieces, or grams in
whole steps. A line remembers the price the customer last saw, so a cart read later shows price
changes, stock-outs and offers that went away before checkout; ``accept_cart_changes`` takes the
new prices and trims what cannot be had. Carts live in PostgreSQL and survive restarts.

Checkout (``_checkout``) turns a cart into an order in one transaction: stock reserved under the
order's id, the order and its lines (product, price and quantity as at checkout), the cart
emptied, ``orders.placed`` published; a repeated idempotency key returns the same order. The
lifecycle (``_lifecycle``) is a transition table with the parties allowed for each step;
every step is a conditional update, a history row and an event. Assembly (``_assembly``) records
actual weights and counts, missing lines and substitutes, and fixes the final amount when the
order is ready. ``tasks.py`` expires unpaid orders and decides unanswered substitutes.
"""
