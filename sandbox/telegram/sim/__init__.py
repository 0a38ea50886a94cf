"""The sim API: JSON routes under /sim that act as the people talking to the bots."""

from __future__ import annotations

from aiohttp import web

from . import actions, chats, control, directory


def setup_sim(app: web.Application) -> None:
    """Mount every /sim route."""
    router = app.router
    router.add_post("/sim/users", directory.create_user)
    router.add_get("/sim/users", directory.list_users)
    router.add_post("/sim/bots", directory.create_bot)
    router.add_get("/sim/bots", directory.list_bots)
    router.add_post("/sim/groups", directory.create_group)
    router.add_get("/sim/groups", directory.list_groups)
    router.add_post("/sim/block", directory.block)
    router.add_post("/sim/unblock", directory.unblock)
    router.add_post("/sim/send", chats.send)
    router.add_post("/sim/edit", chats.edit)
    router.add_get("/sim/chat", chats.chat)
    router.add_post("/sim/wait", chats.wait)
    router.add_get("/sim/files/{file_unique_id}", chats.file)
    router.add_post("/sim/press", actions.press)
    router.add_post("/sim/pay", actions.pay)
    router.add_post("/sim/webapp", actions.webapp)
    router.add_post("/sim/webapp_data", actions.webapp_data)
    router.add_post("/sim/faults", control.faults)
    router.add_get("/sim/stats", control.stats)
    router.add_delete("/sim/stats", control.stats)
    router.add_post("/sim/limits", control.limits)
    router.add_get("/sim/menu", control.menu)
