# Shared by all four bots.

# How to address someone whose name we do not know.
friend = друг

cmd-start = Начать
cmd-help = Помощь
cmd-language = Язык интерфейса
cmd-settings = Настройки: адреса, телефон, данные
cmd-cancel = Отменить текущий шаг

language-prompt = Выберите язык интерфейса:
language-changed = Готово: теперь я говорю по-русски.
language-name-ru = Русский
language-name-en = English
