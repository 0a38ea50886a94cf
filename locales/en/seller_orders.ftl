## Seller bot: /orders and the Accept / Reject buttons of new-order alerts (bot/seller/orders.py)

seller-orders-open = Orders of “{ $name }”: new, assembling and ready. The board refreshes by itself.
seller-orders-choose = Which shop's orders?
seller-btn-orders-webapp = Open orders
seller-order-btn-back = ← Back
seller-order-accepted = Accepted
seller-order-rejected = Order rejected
seller-order-choose-reason = Why do you reject the order?
