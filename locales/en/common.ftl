# Shared by all four bots.

# How to address someone whose name we do not know.
friend = friend

cmd-start = Start
cmd-help = Help
cmd-language = Interface language
cmd-settings = Settings: addresses, phone, data
cmd-cancel = Cancel the current step

language-prompt = Choose the interface language:
language-changed = Done: I speak English now.
language-name-ru = Русский
language-name-en = English
