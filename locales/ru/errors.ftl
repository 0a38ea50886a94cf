# error-<code>: what a person sees when a command fails with that CoreError code.

error-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже — мы уже разбираемся.
error-internal = Извините, что-то пошло не так на нашей стороне. Попробуйте ещё раз чуть позже.
error-not_found = Не нашли то, что вы ищете. Возможно, оно уже удалено.
error-validation_failed = Кажется, в запросе что-то не так. Проверьте и попробуйте снова.
error-conflict = Это действие сейчас невозможно: данные уже изменились. Обновите и попробуйте снова.
error-forbidden = У вас нет доступа к этому действию.
error-unauthenticated = Не удалось вас узнать. Нажмите /start и попробуйте снова.
error-unavailable = Сервис временно недоступен. Попробуйте через минуту.
error-unsupported_language = Такого языка пока нет. Доступны русский и английский.
error-user_not_found = Не удалось вас узнать. Нажмите /start и попробуйте снова.
