# Картинки, которые загружают продавцы (core.media).

error-media_too_large = Файл слишком большой: не больше { $maximum_mb } МБ.
error-media_type_unsupported = Такой файл не подойдёт: нужна картинка JPEG, PNG или WebP.
error-media_invalid = Картинку не удалось прочитать или она неподходящего размера: каждая сторона от { $minimum } до { $maximum } пикселей.
error-media_not_found = Картинка не найдена.
