"""Mini App sign-in for the JSON API, and the endpoints about the signed-in person.

Two security schemes authenticate API calls (see web.openapi):

- ``tma``: ``Authorization: tma <initData>``, the Mini App's own launch data. Its HMAC is checked
  against each of our four bots' tokens (the API is shared; the matching bot is recorded as the
  actor's ``via``) and its auth_date against FRUKTGO_INIT_DATA_MAX_AGE_SECONDS.
- ``session``: ``Authorization: Bearer <token>``, a short session (FRUKTGO_SESSION_TTL_SECONDS)
  that ``POST /api/v1/auth/session`` hands out for valid initData.

Either way the request then carries the person's ``Actor`` (``actor_of(request)``) with the roles
they hold right now, which handlers pass to the core commands; core.auth.policy decides. Every
refusal is a 401 with a code saying why: ``credentials_missing``, ``init_data_malformed``,
``init_data_bad_signature``, ``init_data_expired``, ``session_invalid``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from http import HTTPStatus
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel

from core.auth.api import (
    close_session,
    open_session,
    set_language,
    sign_in_web_app,
    sign_in_with_session,
)
from core.auth.errors import CredentialsMissing
from core.auth.policy import Actor, Role
from core.auth.schemas import SignedIn, UserOut
from core.shared.config import BotRole, Settings
from core.shared.errors import Unauthenticated
from core.shared.i18n import LANGUAGES
from web.keys import DB_KEY, REDIS_KEY, SETTINGS_KEY
from web.openapi import (
    TMA,
    ApiRoutes,
    add_api_routes,
    model_response,
    read_model,
    register_authenticator,
)

SESSION = "session"
SESSION_SCHEME: Mapping[str, str] = {
    "type": "http",
    "scheme": "bearer",
    "description": "A Mini App session: `Authorization: Bearer <token>` with the token from "
    "POST /api/v1/auth/session. It ends after FRUKTGO_SESSION_TTL_SECONDS (30 minutes by "
    "default); sign in again with initData then.",
}
SIGNED_IN: tuple[str, ...] = (TMA, SESSION)
"""The security of an endpoint any signed-in person may call, either way."""

ACTOR_KEY = web.RequestKey("actor", Actor)
USER_KEY = web.RequestKey("user", UserOut)
# The first precise refusal (bad signature, expired...), so that a later scheme the caller did not
# even try does not hide it behind "credentials missing".
_REFUSAL_KEY = web.RequestKey("auth_refusal", Unauthenticated)


def actor_of(request: web.Request) -> Actor:
    """The signed-in person of a request to an endpoint with ``tma`` or ``session`` security."""
    try:
        return request[ACTOR_KEY]
    except KeyError:
        raise RuntimeError("actor_of() used on an endpoint without sign-in security") from None


def bot_tokens(settings: Settings) -> dict[BotRole, str]:
    """The tokens of the configured bots; initData signed by any of them is accepted."""
    return {role: token for role in BotRole if (token := settings.bot_token(role))}


def _credentials(request: web.Request, scheme: str) -> str:
    header = request.headers.get("Authorization", "")
    given, _, value = header.strip().partition(" ")
    if given.lower() != scheme or not value.strip():
        raise request.get(_REFUSAL_KEY) or CredentialsMissing(
            "send Authorization: tma <initData> (or Bearer <session token>)"
        )
    return value.strip()


def _admit(request: web.Request, signed_in: SignedIn) -> None:
    request[ACTOR_KEY] = signed_in.actor
    request[USER_KEY] = signed_in.user


async def _sign_in_with_init_data(request: web.Request, *, refresh: bool) -> SignedIn:
    init_data = _credentials(request, "tma")
    settings = request.app[SETTINGS_KEY]
    try:
        return await sign_in_web_app(
            request.app[DB_KEY],
            init_data,
            bot_tokens=bot_tokens(settings),
            max_age=timedelta(seconds=settings.init_data_max_age_seconds),
            refresh_profile=refresh,
        )
    except Unauthenticated as refusal:
        request[_REFUSAL_KEY] = refusal
        raise


async def authenticate_tma(request: web.Request) -> None:
    """The ``tma`` scheme: verified initData."""
    _admit(request, await _sign_in_with_init_data(request, refresh=False))


async def authenticate_session(request: web.Request) -> None:
    """The ``session`` scheme: a live bearer token."""
    token = _credentials(request, "bearer")
    try:
        signed_in = await sign_in_with_session(request.app[DB_KEY], request.app[REDIS_KEY], token)
    except Unauthenticated as refusal:
        request[_REFUSAL_KEY] = refusal
        raise
    _admit(request, signed_in)


# -- endpoints -------------------------------------------------------------------------------

routes = ApiRoutes()


class UserView(BaseModel):
    telegram_id: int
    first_name: str
    last_name: str | None
    username: str | None
    language: str | None


class ShopRoleView(BaseModel):
    shop_id: UUID
    role: Role


class MeView(BaseModel):
    """The signed-in person, everything they are, and the bot they came through."""

    user: UserView
    roles: list[Role]
    shops: list[ShopRoleView]
    bot: BotRole | None


class SessionView(BaseModel):
    token: str
    expires_at: datetime
    user: UserView


class LanguageChoice(BaseModel):
    language: str


def user_view(user: UserOut) -> UserView:
    """The API's view of a user record."""
    return UserView(telegram_id=user.telegram_id, first_name=user.first_name,
                    last_name=user.last_name, username=user.username, language=user.language)


def _me(user: UserOut, actor: Actor) -> MeView:
    order = list(Role)
    return MeView(
        user=user_view(user),
        roles=sorted(actor.roles, key=order.index),
        shops=[ShopRoleView(shop_id=shop_id, role=role)
               for shop_id, role in sorted(actor.shops.items())],
        bot=actor.via,
    )


@routes.post("/auth/session", summary="Exchange Mini App initData for a session",
             security=(TMA,), response=SessionView, status=HTTPStatus.CREATED, tags=("auth",),
             description="Send `Authorization: tma <initData>`; use the returned token as "
             "`Authorization: Bearer <token>` until expires_at.")
async def create_session(request: web.Request) -> web.Response:
    """Open a session for the person the initData names, refreshing their profile."""
    signed_in = await _sign_in_with_init_data(request, refresh=True)
    session = await open_session(
        request.app[REDIS_KEY],
        request.app[DB_KEY].clock,
        telegram_id=signed_in.user.telegram_id,
        bot=signed_in.actor.via,
        ttl=timedelta(seconds=request.app[SETTINGS_KEY].session_ttl_seconds),
    )
    view = SessionView(token=session.token, expires_at=session.expires_at,
                       user=user_view(signed_in.user))
    return model_response(view, status=HTTPStatus.CREATED)


@routes.delete("/auth/session", summary="End the session", security=(SESSION,),
               status=HTTPStatus.NO_CONTENT, tags=("auth",))
async def delete_session(request: web.Request) -> web.Response:
    """Forget the bearer token this request came with."""
    await close_session(request.app[REDIS_KEY], _credentials(request, "bearer"))
    return web.Response(status=HTTPStatus.NO_CONTENT)


@routes.get("/me", summary="Who I am: profile, roles, shops", security=SIGNED_IN,
            response=MeView, tags=("auth",))
async def get_me(request: web.Request) -> web.Response:
    """The signed-in person with every role they hold."""
    return model_response(_me(request[USER_KEY], actor_of(request)))


@routes.put("/me/language", summary="Choose my interface language", security=SIGNED_IN,
            request=LanguageChoice, response=MeView, tags=("auth",),
            description=f"One of: {', '.join(LANGUAGES)}.")
async def put_my_language(request: web.Request) -> web.Response:
    """Store the language the bots and pages speak to me in."""
    choice = await read_model(request, LanguageChoice)
    actor = actor_of(request)
    user = await set_language(request.app[DB_KEY], actor.telegram_id, choice.language)
    return model_response(_me(user, actor))


def setup_auth(app: web.Application) -> None:
    """Register both sign-in schemes and the auth endpoints on ``app``."""
    register_authenticator(app, TMA, authenticate_tma)
    register_authenticator(app, SESSION, authenticate_session, description=SESSION_SCHEME)
    add_api_routes(app, routes)

