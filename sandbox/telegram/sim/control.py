"""/sim/faults, /sim/stats, /sim/limits, /sim/menu: steering and watching the emulator."""

from __future__ import annotations

from aiohttp import web

from ..botapi.methods.commands import commands_for, menu_button_for
from ..botapi.registry import lookup
from ..faults import Fault
from ..state import SimError
from .body import Body, sim_route, state_of


@sim_route
async def faults(request: web.Request) -> web.Response:
    """POST /sim/faults {bot, method, error_code, description?, retry_after?, times}: the next
    `times` calls of that method fail that way (times 0 clears)."""
    state = state_of(request)
    body = await Body.read(request)
    bot = body.required_bot(state)
    method = body.text("method", required=True) or ""
    entry = lookup(method)
    if entry is None:
        raise SimError(f"the emulator has no method {method}", 404)
    error_code = body.integer("error_code", required=True) or 0
    if not 400 <= error_code <= 599:
        raise SimError("error_code must be an HTTP error status (400-599)")
    times = body.integer("times")
    fault = Fault(
        error_code=error_code,
        remaining=1 if times is None else times,
        description=body.text("description"),
        retry_after=body.integer("retry_after"),
    )
    state.faults.add(bot.id, entry[0], fault)
    return web.json_response({"ok": True})


@sim_route
async def stats(request: web.Request) -> web.Response:
    """GET /sim/stats -> {calls, calls_by_bot, too_many_requests, errors, webhook_deliveries,
    webhook_failures}; DELETE /sim/stats resets the counters."""
    state = state_of(request)
    if request.method == "DELETE":
        state.stats.reset()
    return web.json_response(state.stats.json())


@sim_route
async def limits(request: web.Request) -> web.Response:
    """POST /sim/limits {enabled} -> {enabled}: switch the flood limits on or off."""
    state = state_of(request)
    body = await Body.read(request)
    settings = state.limiter.settings
    if body.raw("enabled") is not None:
        settings.enabled = body.flag("enabled")
        state.limiter.reset()
    return web.json_response({"enabled": settings.enabled})


@sim_route
async def menu(request: web.Request) -> web.Response:
    """GET /sim/menu?user_id=&bot= -> {commands, menu_button, description, short_description,
    name}: what the person sees of the bot (commands resolved by scope and language)."""
    state = state_of(request)
    body = await Body.read(request)
    person = body.person(state)
    bot = body.required_bot(state)
    language = person.language_code or ""
    return web.json_response(
        {
            "commands": commands_for(bot, person.id, person.language_code),
            "menu_button": menu_button_for(bot, person.id),
            "description": bot.descriptions.get(language, bot.descriptions.get("", "")),
            "short_description": bot.short_descriptions.get(
                language, bot.short_descriptions.get("", "")
            ),
            "name": bot.names.get(language, bot.names.get("", bot.first_name)),
        }
    )
