"""Seller applications over the API: applying, following one's own, and the admins' review."""

from __future__ import annotations

from http import HTTPStatus
from uuid import UUID

from aiohttp import web

from core.auth.api import get_user
from core.business.api import (
    apply,
    approve_application,
    get_business,
    list_applications,
    my_applications,
    reject_application,
)
from core.business.schemas import ApplicationOut, BusinessStatus
from core.shared.errors import ValidationFailed
from core.shared.uow import Database, Transaction
from web.api_business.forms import to_application
from web.api_business.localized import answers_localized
from web.api_business.models import (
    ApplicationIn,
    ApplicationsView,
    ApplicationView,
    RejectionIn,
    application_view,
)
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("business",)
# The admins' queue shows this many, newest first, out of at most QUEUE_SCAN of the oldest.
QUEUE_LIMIT = 200
QUEUE_SCAN = 1_000
_FIELDS_NOTE = (" A wrong field answers 422 with `error.fields`: each wrong field's name, code, "
                "params and message in the page's language (`?lang=`).")


def business_id_of(request: web.Request) -> UUID:
    """The ``business_id`` of the path."""
    try:
        return UUID(request.match_info["business_id"])
    except ValueError:
        raise ValidationFailed("business_id: expected a UUID") from None


async def _with_applicants(db: Database, applications: list[ApplicationOut]
                           ) -> list[ApplicationView]:
    async def read(tx: Transaction) -> list[ApplicationView]:
        return [application_view(a, await get_user(db, a.business.applicant_id))
                for a in applications]

    return await db.run(read)


@routes.post("/applications", summary="Apply to sell: the business and its first shop",
             security=SIGNED_IN, request=ApplicationIn, response=ApplicationView,
             status=HTTPStatus.CREATED, errors=(403, 409), tags=TAGS,
             description="Amounts are roubles as typed (150, 150,50, 150.5) and become kopecks "
             "exactly; the zone is a radius in km around the shop or a polygon. 409 "
             "`application_pending` while another application waits, `inn_taken` for an INN "
             "already registered." + _FIELDS_NOTE)
@answers_localized
async def post_application(request: web.Request) -> web.Response:
    """Send a seller's application for review."""
    form = await read_model(request, ApplicationIn)
    applied = await apply(request.app[DB_KEY], actor_of(request), to_application(form))
    return model_response(application_view(applied), status=HTTPStatus.CREATED)


@routes.get("/me/applications", summary="My seller applications, newest first",
            security=SIGNED_IN, response=ApplicationsView, tags=TAGS)
@answers_localized
async def get_my_applications(request: web.Request) -> web.Response:
    """The signed-in person's applications and what became of them."""
    mine = await my_applications(request.app[DB_KEY], actor_of(request))
    return model_response(ApplicationsView(applications=[application_view(a) for a in mine]))


@routes.get("/applications", summary="Applications to review, newest first",
            security=SIGNED_IN, response=ApplicationsView, errors=(403, 422), tags=TAGS,
            description="Admins only. `?status=pending` (default), `approved` or `rejected`; "
            f"at most {QUEUE_LIMIT}, with who applied.")
@answers_localized
async def get_applications(request: web.Request) -> web.Response:
    """The admins' review queue."""
    try:
        status = BusinessStatus(request.query.get("status", BusinessStatus.PENDING.value))
    except ValueError:
        raise ValidationFailed("status: expected one of " + ", ".join(BusinessStatus)) from None
    db, actor = request.app[DB_KEY], actor_of(request)
    # core lists oldest first, a page at a time (a fair queue); the page shows the newest on top.
    found: list[ApplicationOut] = []
    while len(found) < QUEUE_SCAN:
        page = await list_applications(db, actor, status, limit=QUEUE_LIMIT, offset=len(found))
        found.extend(page)
        if len(page) < QUEUE_LIMIT:
            break
    newest = sorted(found, key=lambda a: (a.business.created_at, a.business.id),
                    reverse=True)[:QUEUE_LIMIT]
    return model_response(ApplicationsView(applications=await _with_applicants(db, newest)))


@routes.get("/applications/{business_id}", summary="One application with its shops",
            security=SIGNED_IN, response=ApplicationView, errors=(403, 404), tags=TAGS,
            description="For the applicant, the staff of its shops and platform staff.")
@answers_localized
async def get_application(request: web.Request) -> web.Response:
    """A business and its shops."""
    found = await get_business(request.app[DB_KEY], actor_of(request), business_id_of(request))
    return model_response(application_view(found))


@routes.post("/applications/{business_id}/approve", summary="Approve an application",
             security=SIGNED_IN, response=ApplicationView, errors=(403, 404, 409), tags=TAGS,
             description="Admins only. Its shops start taking orders and the applicant becomes "
             "their owner; approving twice is harmless.")
@answers_localized
async def post_application_approval(request: web.Request) -> web.Response:
    """Approve a pending application."""
    decided = await approve_application(request.app[DB_KEY], actor_of(request),
                                        business_id_of(request))
    return model_response(application_view(decided))


@routes.post("/applications/{business_id}/reject", summary="Reject an application with a reason",
             security=SIGNED_IN, request=RejectionIn, response=ApplicationView,
             errors=(403, 404, 409), tags=TAGS,
             description="Admins only. The applicant is told the reason." + _FIELDS_NOTE)
@answers_localized
async def post_application_rejection(request: web.Request) -> web.Response:
    """Turn a pending application down."""
    body = await read_model(request, RejectionIn)
    decided = await reject_application(request.app[DB_KEY], actor_of(request),
                                       business_id_of(request), body.reason)
    return model_response(application_view(decided))
