# Customer bot: onboarding, addresses, profile and settings, the person's data.
# Keys start with "customer-" (errors with "error-"): every bot's files share one namespace.

## Buttons shared by the forms

customer-btn-skip = Пропустить
customer-btn-cancel = Отмена
customer-btn-clear = Очистить
customer-btn-back = « Назад
customer-btn-share-location = 📍 Отправить геопозицию
customer-btn-share-phone = 📱 Поделиться номером

## Dialogs: cancel and resume

customer-cancel-done = Хорошо, отменили. Начать заново — /start, настройки — /settings.
customer-cancel-nothing = Сейчас нечего отменять.
customer-resume-prompt = У нас остался незаконченный разговор. Продолжим с того же места или начнём заново?
customer-btn-continue = Продолжить
customer-btn-start-over = Начать заново
customer-resume-continuing = Продолжаем.
customer-resume-restarting = Начинаем заново.
customer-dialog-expired = Этот разговор уже закончен.

## Onboarding

customer-onboarding-language-set = Язык: { $language ->
        [en] English
       *[ru] русский
    } ✓
customer-onboarding-choose-language = Сначала выберите язык кнопкой под приветствием.
customer-onboarding-done =
    Готово, можно заказывать! 🍎
    Адреса, телефон и язык меняются в /settings.
customer-phone-ask =
    Оставите номер телефона? Курьер позвонит, если не найдёт вас.
    Можно пропустить — спросим при первом заказе.
customer-phone-expected = Нажмите «Поделиться номером» внизу или «Пропустить». Номер вручную не принимаем — только ваш контакт из Telegram.
customer-phone-saved = Номер { $phone } сохранён.
customer-phone-removed = Номер удалён.
customer-phone-unchanged = Номер не изменён.

## The address form

customer-address-ask-place =
    Куда привозить заказы?
    Отправьте геопозицию кнопкой внизу или напишите адрес: город, улица, дом.
customer-address-ask-text = Напишите улицу и дом — курьеру так проще. Или «Пропустить».
customer-address-ask-entrance = Подъезд? Или «Пропустить».
customer-address-ask-floor = Этаж? Числом, например 5. Или «Пропустить».
customer-address-ask-apartment = Квартира или офис? Или «Пропустить».
customer-address-ask-comment = Комментарий для курьера: код домофона, как пройти. Или «Пропустить».
customer-address-ask-label = Как назвать этот адрес?
customer-address-place-expected = Отправьте геопозицию кнопкой внизу или напишите адрес текстом.
customer-address-label-expected = Выберите вариант кнопкой внизу или нажмите «Пропустить».
customer-address-saved = Адрес сохранён.
customer-address-updated = Адрес обновлён.
customer-address-not-covered = ⚠️ Пока ни один магазин не доставляет по этому адресу. Адрес сохранён — закажете, как только рядом появится магазин.

## How an address reads

customer-address-label-home = 🏠 Дом
customer-address-label-work = 💼 Работа
customer-address-label-other = 📌 Другое
customer-address-point = 📍 { $lat }, { $lon }
customer-address-entrance = подъезд { $value }
customer-address-floor = этаж { $value }
customer-address-apartment = кв./офис { $value }
customer-address-comment = 💬 { $value }
customer-address-default = ★ Адрес по умолчанию

## Settings

customer-settings-title = <b>Настройки</b>
customer-settings-profile = 👤 Профиль
customer-settings-language = 🌐 Язык
customer-settings-addresses = 🏠 Адреса
customer-settings-export = 📦 Выгрузить мои данные
customer-settings-delete = 🗑 Удалить аккаунт

customer-profile-title = <b>Профиль</b>
customer-profile-name = Имя: { $name }
customer-profile-phone = Телефон: { $phone }
customer-profile-no-phone = Телефон: не указан
customer-profile-language = Язык: { $language ->
        [en] English
       *[ru] русский
    }
customer-profile-addresses = Сохранённых адресов: { $count }
customer-btn-phone-share = 📱 Указать номер
customer-btn-phone-change = 📱 Сменить номер
customer-btn-phone-remove = Удалить номер

customer-addresses-title = <b>Ваши адреса</b> ({ $count } из { $limit })
customer-addresses-hint = Нажмите на адрес, чтобы изменить его. ★ — адрес по умолчанию.
customer-addresses-empty = Сохранённых адресов пока нет.
customer-btn-address-add = ➕ Добавить адрес
customer-btn-address-default = ★ Сделать основным
customer-btn-address-edit = ✏️ Изменить
customer-btn-address-delete = 🗑 Удалить
customer-btn-addresses = « К адресам
customer-address-delete-confirm = Удалить этот адрес?
customer-btn-address-delete-yes = Да, удалить
customer-btn-no = Нет
customer-address-deleted = Адрес удалён.
customer-address-edit-choose = Что изменить?
customer-address-field-text = Улица и дом
customer-address-field-location = Геопозиция
customer-address-field-entrance = Подъезд
customer-address-field-floor = Этаж
customer-address-field-apartment = Квартира
customer-address-field-comment = Комментарий
customer-address-field-label = Название
customer-address-edit-text = Напишите улицу и дом. «Очистить» — убрать текст (останется точка на карте).
customer-address-edit-location = Отправьте новую геопозицию кнопкой внизу. «Очистить» — убрать точку (останется адрес текстом).
customer-address-edit-entrance = Напишите подъезд или нажмите «Очистить».
customer-address-edit-floor = Напишите этаж числом или нажмите «Очистить».
customer-address-edit-apartment = Напишите квартиру или офис, или нажмите «Очистить».
customer-address-edit-comment = Напишите комментарий для курьера или нажмите «Очистить».
customer-address-edit-label = Выберите название кнопкой внизу или нажмите «Очистить».

customer-export-caption = Всё, что FruktGo хранит о вас, в одном файле (JSON).
customer-account-delete-warning =
    <b>Удалить аккаунт?</b>
    Мы сотрём ваш телефон, адреса и имя. Заказы останутся только в обезличенном виде. Отменить это нельзя.
customer-btn-account-delete-continue = Да, продолжить
customer-btn-account-keep = Нет, оставить
customer-account-delete-final = Точно удалить? Это последний шаг.
customer-btn-account-delete-final = Удалить навсегда
customer-account-deleted = Аккаунт удалён. Если захотите вернуться — нажмите /start.

## Errors of the customers module

error-customer_not_found = Не удалось вас узнать. Нажмите /start и попробуйте снова.
error-address_not_found = Этот адрес не найден — возможно, он уже удалён.
error-address_limit_reached = Можно сохранить не больше { $limit } адресов. Удалите ненужный в /settings.
error-address_needs_place = Нужна геопозиция или адрес текстом — иначе курьер вас не найдёт.
error-location_out_of_range = Такой точки на карте нет: широта от −90 до 90, долгота от −180 до 180.
error-address_text_too_short = Слишком коротко: напишите хотя бы { $min } символа.
error-address_text_too_long = Слишком длинный адрес: не больше { $max } символов.
error-entrance_too_long = Слишком длинно для подъезда: не больше { $max } символов.
error-apartment_too_long = Слишком длинно для квартиры: не больше { $max } символов.
error-comment_too_long = Слишком длинный комментарий: не больше { $max } символов.
error-floor_not_a_number = Этаж нужно написать числом, например 5 или -1.
error-floor_out_of_range = Этаж должен быть от { $min } до { $max }.
error-invalid_phone = Не получилось распознать номер телефона.
error-foreign_contact = Это чужой контакт. Нажмите «Поделиться номером», чтобы отправить свой.
