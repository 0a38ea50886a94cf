# Mini App pages of the seller's catalog: the list, a product, the price list, stock history;
# and the seller bot's way in (/products). Page texts start with page-catalog-.

# -- shared ---------------------------------------------------------------------------------

page-catalog-choose-shop = Выберите магазин
page-catalog-no-shops = У вас пока нет магазина. Подайте заявку в боте продавца: /apply.
page-catalog-unit-kg = кг
page-catalog-unit-piece = шт
page-catalog-more = Показать ещё
page-catalog-back = К списку товаров
page-catalog-search = Поиск по названию
page-catalog-category = Категория
page-catalog-price = Цена
page-catalog-stock = Остаток
page-catalog-visibility = Видимость
page-catalog-visible-shown = виден покупателям
page-catalog-visible-hidden = скрыт
page-catalog-price-unreadable = Цену напишите в рублях цифрами, например 89 или 89,90.
page-catalog-stock-unreadable-piece = Остаток — целое число штук, например 12.
page-catalog-stock-unreadable-kg = Остаток — в килограммах, до граммов, например 12 или 2,5.

# -- /app/seller/catalog --------------------------------------------------------------------

page-catalog-title = Товары магазина
page-catalog-add = Добавить товар
page-catalog-import-link = Прайс-лист CSV
page-catalog-all-categories = Все категории
page-catalog-visible-all = Видимые и скрытые
page-catalog-stock-all = Любой остаток
page-catalog-stock-low = Заканчиваются
page-catalog-stock-out = Нет в наличии
page-catalog-stock-in = В наличии
page-catalog-picker-note = Вы сборщик: можете менять остатки, а цены и товары меняют владелец и менеджеры.
page-catalog-empty = Ничего не нашлось. Измените поиск или фильтры — или добавьте товар.
page-catalog-badge-hidden = скрыт
page-catalog-badge-sale = скидка
page-catalog-badge-low = мало
page-catalog-badge-out = нет в наличии
page-catalog-available = Свободно:
page-catalog-tap-to-edit = Нажмите, чтобы изменить
page-catalog-hide = Скрыть
page-catalog-show = Показать
page-catalog-edit = Изменить
page-catalog-history = История остатков

# -- /app/seller/catalog/product ------------------------------------------------------------

page-catalog-product-title = Новый товар
page-catalog-product-edit-title = Товар
page-catalog-product-how = Как добавить товар
page-catalog-product-from-catalog = Из каталога FruktGo
page-catalog-product-own = Свой товар
page-catalog-product-pick = Найдите товар в каталоге
page-catalog-product-none-found = В каталоге такого нет — или он уже есть в вашем магазине. Можно добавить свой товар.
page-catalog-product-change = Выбрать другой
page-catalog-product-pick-first = Сначала выберите товар из каталога.
page-catalog-product-about = О товаре
page-catalog-product-platform-note = Это товар из каталога FruktGo: название, фото и описание у него общие. Вы задаёте цену, остаток и видимость.
page-catalog-category-choose = Выберите категорию
page-catalog-category-required = Выберите категорию.
page-catalog-name-ru = Название по-русски
page-catalog-name-en = Название по-английски
page-catalog-name-required = Напишите название.
page-catalog-description-ru = Описание по-русски
page-catalog-description-en = Описание по-английски
page-catalog-unit = Как продаётся
page-catalog-unit-by-piece = поштучно
page-catalog-unit-by-weight = на вес
page-catalog-unit-fixed = Способ продажи после создания товара не меняется: по нему считаются цены и остатки.
page-catalog-step-grams = Шаг веса, г
page-catalog-step-required = Для весового товара укажите шаг в граммах, например 100.
page-catalog-piece-grams = Вес одной штуки, г
page-catalog-grams-unreadable = Граммы — целое число, например 150.
page-catalog-tags = Метки
page-catalog-barcode = Штрихкод
page-catalog-barcode-hint = EAN-13, 13 цифр; можно не указывать.
page-catalog-photos = Фото
page-catalog-photo-add = Добавить фото
page-catalog-photo-uploading = Загружаем фото…
page-catalog-photo-remove = Убрать
page-catalog-photo-in-telegram = фото из Telegram
page-catalog-offer = Цена и остаток
page-catalog-old-price = Старая цена
page-catalog-old-price-hint = Зачёркнутая; выше цены. Можно не указывать.
page-catalog-price-per-piece = Цена за штуку, ₽.
page-catalog-price-per-kg = Цена за килограмм, ₽.
page-catalog-stock-on-hand = Остаток
page-catalog-stock-pieces = Остаток, шт
page-catalog-stock-kg = Остаток, кг
page-catalog-low-threshold = Предупредить, когда останется
page-catalog-low-threshold-hint = Пусто — не предупреждать.
page-catalog-visible = Показывать покупателям
page-catalog-save = Сохранить

# -- /app/seller/catalog/import -------------------------------------------------------------

page-catalog-import-title = Прайс-лист
page-catalog-export = Скачать прайс-лист
page-catalog-export-hint = Файл CSV со всеми товарами магазина: откройте в Excel или Google Таблицах, поменяйте цены и остатки и загрузите обратно.
page-catalog-export-button = Скачать CSV
page-catalog-import = Загрузить прайс-лист
page-catalog-import-hint = Сначала проверим файл: покажем, что изменится, и ошибки по строкам. Пока в файле есть ошибки, ничего не меняется. Столбцы:
page-catalog-import-file = Файл CSV
page-catalog-import-check = Проверить
page-catalog-import-apply = Применить
page-catalog-import-errors = Ошибки
page-catalog-import-changes = Что изменится
page-catalog-import-changed = Что изменилось
page-catalog-import-line = Строка
page-catalog-import-column = Столбец
page-catalog-import-message = Что не так
page-catalog-import-product = Товар
page-catalog-import-new-offer = новый
page-catalog-import-rows = Строк в файле:
page-catalog-import-ready = Ошибок нет. Проверьте изменения и нажмите «Применить».
page-catalog-import-has-errors = В файле есть ошибки — ничего не изменено. Исправьте строки и проверьте снова.
page-catalog-import-nothing = Ошибок нет, но и менять нечего.
page-catalog-import-applied = Прайс-лист применён.
page-catalog-import-to-list = К товарам

# -- /app/seller/catalog/stock --------------------------------------------------------------

page-catalog-stock-title = История остатков
page-catalog-stock-now = Сейчас на складе:
page-catalog-stock-after = стало
page-catalog-stock-history-empty = Остаток ещё не менялся.
page-catalog-by-system = система

# -- the seller bot -------------------------------------------------------------------------

cmd-products = Товары, цены и остатки
seller-btn-catalog-webapp = 🍎 Товары и цены
seller-catalog-open = Товары магазина «{ $name }»: поиск, цены и остатки, прайс-лист CSV.
seller-catalog-choose = Товары какого магазина открыть?
