"""/sim/users, /sim/bots, /sim/groups, /sim/block, /sim/unblock."""

from __future__ import annotations

from aiohttp import web

from .. import people
from ..models import BotAccount
from ..state import SimError
from .body import Body, sim_route, state_of


@sim_route
async def create_user(request: web.Request) -> web.Response:
    """POST /sim/users {first_name, last_name?, username?, language_code?, phone?, user_id?}."""
    state = state_of(request)
    body = await Body.read(request)
    person = state.add_person(
        body.text("first_name", required=True) or "",
        last_name=body.text("last_name"),
        username=body.text("username"),
        language_code=body.text("language_code"),
        phone=body.text("phone"),
        user_id=body.integer("user_id"),
    )
    return web.json_response({"user_id": person.id})


@sim_route
async def list_users(request: web.Request) -> web.Response:
    """GET /sim/users -> [{user_id, first_name, last_name, username, language_code, phone}]."""
    return web.json_response([person.sim_json() for person in state_of(request).people.values()])


@sim_route
async def create_bot(request: web.Request) -> web.Response:
    """POST /sim/bots {username, first_name?, token?} -> {id, username, token}."""
    state = state_of(request)
    body = await Body.read(request)
    bot = state.register_bot(
        body.text("username", required=True) or "",
        token=body.text("token"),
        first_name=body.text("first_name"),
    )
    return web.json_response({"id": bot.id, "username": bot.username, "token": bot.token})


@sim_route
async def list_bots(request: web.Request) -> web.Response:
    """GET /sim/bots -> [{id, username, first_name}]."""
    return web.json_response([bot.sim_json() for bot in state_of(request).bots.values()])


@sim_route
async def create_group(request: web.Request) -> web.Response:
    """POST /sim/groups {title, forum, members: [user_id], admin_bots: [bot], owner?}."""
    state = state_of(request)
    body = await Body.read(request)
    members = body.raw("members") or []
    bots = body.raw("admin_bots") or []
    if not isinstance(members, list) or not all(isinstance(m, int) for m in members):
        raise SimError("members must be a list of user ids")
    if not isinstance(bots, list) or not all(isinstance(b, str) for b in bots):
        raise SimError("admin_bots must be a list of bot usernames")
    for member in members:
        if member not in state.people:
            raise SimError(f"no person with user_id {member}", 404)
    admin_bots: list[BotAccount] = []
    for username in bots:
        bot = state.bot_by_username(username)
        if bot is None:
            raise SimError(f"no bot @{username}", 404)
        admin_bots.append(bot)
    owner = body.integer("owner")
    if owner is not None and owner not in state.people:
        raise SimError(f"no person with user_id {owner}", 404)
    group = state.create_group(
        body.text("title", required=True) or "",
        forum=body.flag("forum"),
        members=members,
        admin_bots=admin_bots,
        owner=owner,
    )
    people.announce_group(state, group)
    return web.json_response({"chat_id": group.id})


@sim_route
async def list_groups(request: web.Request) -> web.Response:
    """GET /sim/groups -> [{chat_id, title, forum, members: {id: status}, topics: [...]}]."""
    groups = [
        {
            "chat_id": group.id,
            "title": group.title,
            "forum": group.is_forum,
            "owner": group.owner_id,
            "members": {str(member): status for member, status in group.members.items()},
            "topics": [{**topic.json(), "closed": topic.closed} for topic in group.topics.values()],
        }
        for group in state_of(request).groups.values()
    ]
    return web.json_response(groups)


@sim_route
async def block(request: web.Request) -> web.Response:
    """POST /sim/block {user_id, bot}: the bot now gets 403 "bot was blocked by the user"."""
    state = state_of(request)
    body = await Body.read(request)
    people.block(state, body.person(state), body.required_bot(state))
    return web.json_response({"ok": True})


@sim_route
async def unblock(request: web.Request) -> web.Response:
    """POST /sim/unblock {user_id, bot}."""
    state = state_of(request)
    body = await Body.read(request)
    people.unblock(state, body.person(state), body.required_bot(state))
    return web.json_response({"ok": True})
