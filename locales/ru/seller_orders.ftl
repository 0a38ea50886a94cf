## Seller bot: /orders and the Accept / Reject buttons of new-order alerts (bot/seller/orders.py)

seller-orders-open = Заказы магазина «{ $name }»: новые, в сборке и готовые. Доска обновляется сама.
seller-orders-choose = Заказы какого магазина открыть?
seller-btn-orders-webapp = Открыть заказы
seller-order-btn-back = ← Назад
seller-order-accepted = Принят
seller-order-rejected = Заказ отклонён
seller-order-choose-reason = Почему отклоняете заказ?
