# Оформление заказа и «Мои заказы» в витрине (/app/shop) и их JSON API (web.api_storefront
# checkout и orders). Ключи начинаются с page-checkout-.

## Тексты, которые API подставляет само (с переменными)
page-checkout-total-estimated = ≈ { $amount }, итог после взвешивания
page-checkout-slot-today = Сегодня, { $start }–{ $end }
page-checkout-slot-tomorrow = Завтра, { $start }–{ $end }
page-checkout-slot-day = { $day }, { $start }–{ $end }
page-checkout-entrance = подъезд { $value }
page-checkout-floor = этаж { $value }
page-checkout-apartment = кв. { $value }
page-checkout-blocker-cart_empty = Корзина пуста.
page-checkout-blocker-cart_changed = В корзине кое-что изменилось: проверьте её и примите изменения.
page-checkout-blocker-below_minimum = До минимального заказа не хватает { $missing }.
page-checkout-blocker-no_address = Нет адреса с точкой на карте. Отправьте боту геопозицию, чтобы магазин знал, куда везти.
page-checkout-blocker-out_of_zone = Магазин не доставляет по этому адресу — выберите другой.
page-checkout-blocker-closed = Магазин сейчас не принимает заказы, и свободного времени доставки нет.

## Оформление
page-checkout-open = Оформить заказ
page-checkout-title = Оформление заказа
page-checkout-address = Адрес доставки
page-checkout-not-delivered = не доставляют
page-checkout-when = Когда доставить
page-checkout-asap = Как можно скорее
page-checkout-minutes = мин
page-checkout-slot = Ко времени
page-checkout-no-slots = На сегодня и завтра свободного времени нет.
page-checkout-payment = Оплата
page-checkout-substitution = Если какого-то товара не окажется
page-checkout-comment = Комментарий к заказу
page-checkout-comment-placeholder = Например: позвоните за 10 минут
page-checkout-total = Итого
page-checkout-weighing-note = Весовые товары взвесим при сборке — итог может немного отличаться.
page-checkout-confirm = Подтвердить заказ
page-checkout-sending = Оформляем заказ…

## Заказ оформлен
page-checkout-placed = Заказ оформлен
page-checkout-order = Заказ №
page-checkout-status = Статус
page-checkout-promised = Доставим к
page-checkout-continue = Продолжить покупки

## Мои заказы
page-checkout-my-orders = Мои заказы
page-checkout-orders-empty = Заказов пока нет.
page-checkout-back = Назад
page-checkout-lines = Состав заказа
page-checkout-actual = по факту
page-checkout-final-total = Итого по факту
page-checkout-delivery-address = Адрес
page-checkout-history = История
page-checkout-cancel = Отменить заказ
page-checkout-cancel-confirm = Отменить этот заказ?
page-checkout-cancel-yes = Да, отменить
page-checkout-cancel-no = Нет
page-checkout-reorder = Повторить заказ
page-checkout-reordered-skipped = Некоторых товаров больше нет в продаже или не хватает — корзина собрана из того, что есть.
page-checkout-reorder-elsewhere = Этот магазин сейчас не доставляет по вашему адресу. Корзина в нём сохранена.
