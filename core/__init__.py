"""The FruktGo domain: one package per module, each with a public face (api, events, schemas,
errors) and private parts whose names start with an underscore. Imports no aiogram or aiohttp."""
