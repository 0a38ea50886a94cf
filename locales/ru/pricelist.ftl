# Прайс-лист магазина в CSV и каталог продавца (core.pricelist, web.api_catalog).

error-price_list_too_large = Файл слишком большой: не больше { $max_kb } КБ и { $max_rows } строк. Разбейте его на части.
error-price_list_unreadable = Не получается прочитать файл как CSV{ $line ->
    [0] {""}
   *[other] {""} (строка { $line })
}. Сохраните таблицу как «CSV UTF-8 (разделитель — точка с запятой)».
error-price_list_no_key_column = В первой строке нет колонки product_id или barcode — по ним ищутся товары. Скачайте прайс-лист и правьте его.
error-price_list_invalid = Ошибок в строках: { $count }. Ничего не изменено — исправьте их и загрузите файл снова.
error-price_list_bad_amount = Сумма — рубли с копейками через запятую или точку, например 89,90.
error-price_list_bad_stock = { $unit ->
    [weight] Остаток весового товара — килограммы, не больше трёх знаков после запятой, например 1,5.
   *[other] Остаток штучного товара — целое число штук.
}
error-price_list_bad_visible = Видимость — 1 или 0 (да/нет).
error-price_list_unit_mismatch = Единица не совпадает: этот товар { $unit ->
    [weight] продаётся на вес (kg)
   *[other] продаётся поштучно (piece)
}.
error-price_list_bad_product_id = Это не идентификатор товара: скопируйте его из скачанного прайс-листа.
error-price_list_no_product = Нужен product_id или штрихкод, чтобы найти товар.
error-price_list_unknown_product = Товар не найден: его нет в каталоге, он снят с продажи или принадлежит другому магазину.
error-price_list_duplicate_row = Этот товар уже есть в строке { $first_line }.
error-price_list_price_required = Укажите цену: товар ещё не продаётся в магазине, и без цены его не добавить.
error-price_list_not_allowed = { $permission ->
    [manage_stock] Менять остатки могут только сотрудники магазина.
   *[other] Менять цены и видимость могут только владелец и менеджеры магазина.
}

price-list-import-note = Загрузка прайс-листа
error-product_not_own = Это товар общего каталога: его описание меняет только администратор. Изменить можно цену и наличие.
