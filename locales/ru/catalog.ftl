# Каталог и витрина (core.catalog, core.storefront).

unit-piece = шт.
unit-weight = кг
unit-step = шаг { $grams } г
unit-per-piece = за шт.
unit-per-kg = за кг

tag-seasonal = сезонное
tag-local = местное
tag-organic = органическое

error-invalid_catalog_text = { $field ->
    [category_name] Название категории
    [product_name] Название товара
    [description] Описание
   *[other] Текст
} должно содержать от { $minimum } до { $maximum } символов.
error-invalid_slug = Адрес категории — латинские строчные буквы, цифры и дефисы, не длиннее 60 символов, например «citrus-fruit».
error-invalid_emoji = Значок категории — один эмодзи, например 🍎.
error-invalid_photo = Фото — картинка, отправленная в чат, или ссылка https://; не больше { $maximum } фото у товара.
error-invalid_position = Порядковый номер — целое число от 0 до { $maximum }.
error-invalid_unit = { $field ->
    [step_grams] Шаг веса
    [piece_grams] Вес одной штуки
   *[other] Единица
} указан неверно: у весового товара шаг от { $minimum } до { $maximum } г, у штучного шага нет.
error-invalid_tag = Такой метки нет. Доступны: { $known }.
error-invalid_barcode = Штрихкод не сходится: нужно 13 цифр EAN-13 с верной контрольной цифрой.
error-unit_change_not_allowed = Единицу товара нельзя сменить: по ней считаются цены и остатки. Заведите новый товар.
error-category_not_found = Такой категории нет. Возможно, её удалили.
error-product_not_found = Такого товара нет. Возможно, его удалили.
error-slug_taken = Категория с таким адресом уже есть. Выберите другой.
error-barcode_taken = Товар с таким штрихкодом уже есть в каталоге.
error-category_cycle = Категорию нельзя перенести внутрь неё самой.
error-category_too_deep = Категории вкладываются не глубже { $maximum } уровней.
error-category_not_empty = В категории есть подкатегории или товары: сначала перенесите их.
error-invalid_price = Цена — положительная сумма в рублях, не больше { $maximum }.
error-old_price_not_above = Старая цена ({ $old_price }) должна быть больше новой ({ $price }).
error-offer_not_found = Такого предложения нет. Возможно, его удалили.
error-offer_exists = Этот товар уже есть в магазине: измените его цену вместо нового предложения.
error-product_not_offerable = Этот товар нельзя выставить: он снят с продажи или принадлежит другому магазину.
