## Customer bot: the catalog (/catalog) and the cart (/cart).

cmd-catalog = Каталог: магазины рядом и их товары
cmd-cart = Корзина

customer-catalog-grams = { $grams } г
customer-catalog-kilograms = { $kilos } кг
customer-catalog-pieces = { $count } шт.
customer-catalog-per-kg = /кг
customer-catalog-per-piece = /шт.
customer-catalog-in-stock = ✅ в наличии { $amount }
customer-catalog-few-left = ⏳ осталось { $amount }
customer-catalog-out-of-stock = ✖️ нет в наличии

customer-catalog-need-address =
    Чтобы показать магазины, которые к вам доставляют, мне нужен адрес доставки.
    Добавьте его — это пара касаний.
customer-catalog-need-point =
    У адреса по умолчанию нет точки на карте, а без неё не понять, какие магазины к вам доставляют.
    Откройте адрес и отправьте геопозицию.
customer-catalog-no-shops =
    К сожалению, по адресу «{ $address }» пока не доставляет ни один магазин. 🙁
    Мы расширяем зону доставки — загляните позже или выберите другой адрес в /settings.
customer-catalog-closed =
    Сейчас все магазины, которые доставляют к вам, закрыты. 🌙
    Ближайший откроется { $when }: { $shop }.
customer-catalog-when-today = сегодня в { $time }
customer-catalog-when-date = { $date } в { $time }
customer-catalog-shops = Выберите магазин — доставим по адресу «{ $address }»:
customer-catalog-shop-button = { $name } · от { $min_order } · доставка { $fee }
customer-catalog-shop-terms = Заказ от { $min_order } · доставка { $fee }
customer-catalog-shop-gone = Этот магазин сейчас не принимает заказы по вашему адресу.
customer-catalog-choose-category = Выберите раздел:
customer-catalog-empty = В этом магазине сейчас нет товаров для вас.
customer-catalog-category-empty = В этом разделе сейчас пусто.
customer-catalog-page = Страница { $page }
customer-catalog-in-cart = 🛒 В корзине: { $amount } · { $total }
customer-catalog-stale = Эта кнопка устарела — показываю, как сейчас.
customer-catalog-not-here = Этот товар сейчас недоступен по вашему адресу.
customer-catalog-added = В корзине: { $amount }
customer-catalog-removed = Убрано из корзины

customer-btn-catalog = 🛍 Каталог
customer-btn-catalog-refresh = 🔄 Проверить ещё раз
customer-btn-catalog-shops = « Магазины
customer-btn-catalog-categories = « Разделы
customer-btn-catalog-all = Все товары: { $category }
customer-btn-catalog-list = « К списку
customer-btn-catalog-prev = ◀
customer-btn-catalog-next = ▶
customer-btn-catalog-add = ➕ В корзину · { $amount }
customer-btn-catalog-cart = 🛒 Корзина · { $count } · { $total }
customer-btn-catalog-item = { $name } · { $price }
customer-btn-catalog-item-out = ✖️ { $name } · { $price }

customer-cart-empty = 🛒 Корзина пуста. Загляните в каталог!
customer-cart-mine = Ваши корзины — выберите магазин:
customer-cart-summary-button = { $shop } · { $count } · { $total }
customer-cart-title = 🛒 <b>Корзина · { $shop }</b>
customer-cart-line = { $number }. { $name } — { $amount } × { $price } = <b>{ $total }</b>
customer-cart-issue-price = ⚠️ цена изменилась: <s>{ $old }</s> → { $new }
customer-cart-issue-not-enough = ⚠️ в наличии только { $available }
customer-cart-issue-out-of-stock = ✖️ закончился
customer-cart-issue-unavailable = ✖️ больше не продаётся
customer-cart-subtotal = Сумма: <b>{ $total }</b>
customer-cart-subtotal-estimated = Сумма: <b>≈ { $total }</b> — итог после взвешивания
customer-cart-delivery = Доставка: { $fee }
customer-cart-min-reached = ✅ Минимальная сумма заказа ({ $min_order }) набрана
customer-cart-min-missing = До минимального заказа ({ $min_order }) не хватает { $missing }
customer-cart-shop-not-accepting = ⏸ Магазин сейчас не принимает заказы.
customer-cart-out-of-zone = 📍 Магазин не доставляет по вашему адресу по умолчанию.
customer-cart-changes = Что-то изменилось с тех пор, как вы добавили товары. Проверьте корзину.
customer-cart-clear-confirm = Очистить корзину в магазине «{ $shop }»?
customer-cart-cleared = Корзина очищена.
customer-cart-accepted = Изменения приняты.

customer-btn-cart-less = ➖
customer-btn-cart-more = ➕
customer-btn-cart-remove = 🗑
customer-btn-cart-line = { $name } · { $amount }
customer-btn-cart-accept = ✅ Принять изменения
customer-btn-cart-clear = 🗑 Очистить корзину
customer-btn-cart-clear-yes = Да, очистить
customer-btn-cart-keep = Нет, оставить
customer-btn-cart-shop = 🛍 В магазин
customer-btn-cart-mine = « Мои корзины
customer-menu-storefront = Витрина
