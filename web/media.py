"""Uploading pictures (POST /api/v1/media) and serving them (GET /media/{media_id}).

An upload is the raw bytes with an ``image/*`` type, or a ``multipart/form-data`` form whose
field ``file`` holds them; core.media decides what the bytes are, whatever the type says. The
body is read here from the stream with its own bound (5 MB), not through ``request.read()``:
the app-wide ``client_max_size`` (aiohttp's 1 MiB default) stays the limit of every JSON
endpoint. Pictures never change under their id, so they are served as immutable, with their
SHA-256 as the ETag.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from uuid import UUID

from aiohttp import BodyPartReader, web
from aiohttp.typedefs import Handler
from pydantic import BaseModel

from core.media.api import MAX_BYTES, describe_image, get_image, save_image
from core.media.errors import MediaNotFound, MediaTooLarge, MediaTypeUnsupported
from core.media.schemas import ImageType, MediaOut
from core.shared.errors import CoreError, ValidationFailed
from web.api_business.localized import error_answer
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import PUBLIC, ApiRoutes, model_response
from web.photos import photo_url

routes = ApiRoutes()
files = ApiRoutes(prefix="")

TAGS = ("media",)
FILE_FIELD = "file"
CACHE_FOREVER = "public, max-age=31536000, immutable"
_CHUNK = 64 * 1024
# Room for a multipart form's boundaries and part headers around the file itself.
_FORM_OVERHEAD = 64 * 1024
_STATUS_BY_CODE: Mapping[str, int] = {
    MediaTooLarge.code: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    MediaTypeUnsupported.code: HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_UPLOAD_CONTENT = {
    "image/*": _BINARY,
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "properties": {FILE_FIELD: {"type": "string", "format": "binary"}},
            "required": [FILE_FIELD],
        }
    },
}


class MediaView(BaseModel):
    """An uploaded picture: keep ``ref`` in a form (a photo, a logo); show ``url``."""

    id: UUID
    ref: str
    url: str
    width: int
    height: int
    size: int
    content_type: str


def media_view(media: MediaOut) -> MediaView:
    """The API's view of a stored picture."""
    return MediaView(
        id=media.id,
        ref=media.ref,
        url=photo_url(media.ref) or "",
        width=media.width,
        height=media.height,
        size=media.size,
        content_type=media.content_type.value,
    )


def _answers_with_media_statuses(handler: Handler) -> Handler:
    """Localized error answers, with 413 and 415 for the upload's size and type."""

    @functools.wraps(handler)
    async def answered(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except CoreError as error:
            response = error_answer(request, error)
            response.set_status(_STATUS_BY_CODE.get(error.code, response.status))
            return response

    return answered


def _too_large() -> MediaTooLarge:
    return MediaTooLarge(maximum_mb=MAX_BYTES // (1024 * 1024))


async def _bounded(read: Callable[[int], Awaitable[bytes]]) -> bytes:
    """Everything ``read`` gives until it gives nothing; ``MediaTooLarge`` past the limit."""
    data = bytearray()
    while True:
        chunk = await read(_CHUNK)
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > MAX_BYTES:
            raise _too_large()


async def _form_file(request: web.Request) -> bytes:
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if isinstance(part, BodyPartReader) and part.name == FILE_FIELD:
            return await _bounded(part.read_chunk)
        await part.release()
    raise ValidationFailed(f"the form has no {FILE_FIELD!r} field")


async def upload_of(request: web.Request) -> bytes:
    """The picture's bytes, from a raw body or a form's ``file`` field."""
    form = request.content_type == "multipart/form-data"
    limit = MAX_BYTES + (_FORM_OVERHEAD if form else 0)
    if request.content_length is not None and request.content_length > limit:
        raise _too_large()  # said up front: no need to read it
    if form:
        return await _form_file(request)
    if request.content_type.startswith("image/") or (
        request.content_type == "application/octet-stream"
    ):
        return await _bounded(request.content.read)
    raise MediaTypeUnsupported(
        f"expected an image/* body or a multipart form, got {request.content_type!r}"
    )


@routes.post(
    "/media",
    summary="Upload a picture (a product photo, a shop logo)",
    security=SIGNED_IN,
    response=MediaView,
    status=HTTPStatus.CREATED,
    errors=(
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
        HTTPStatus.UNPROCESSABLE_ENTITY,
    ),
    request_content=_UPLOAD_CONTENT,
    tags=TAGS,
    description="JPEG, PNG or WebP (told by the bytes, not the declared type), up to "
    "5 MB, each side 32..6000 px. The body is the picture itself (`Content-Type: "
    "image/...`) or a multipart form with the field `file`. The same bytes uploaded "
    "again give the same `ref`. Errors: 413 `media_too_large`, 415 "
    "`media_type_unsupported`, 422 `media_invalid`; messages are localized.",
)
@_answers_with_media_statuses
async def post_media(request: web.Request) -> web.Response:
    """Store an uploaded picture."""
    data = await upload_of(request)
    saved = await save_image(request.app[DB_KEY], actor_of(request), data)
    return model_response(media_view(saved), status=HTTPStatus.CREATED)


def _media_id(request: web.Request) -> UUID:
    try:
        return UUID(request.match_info["media_id"])
    except ValueError:
        raise MediaNotFound() from None


def _etag(media: MediaOut) -> str:
    return f'"{media.sha256}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    # A list of tags; weak ones (W/"...") match too for GET, and "*" matches anything.
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


@files.get(
    "/media/{media_id}",
    summary="An uploaded picture",
    security=PUBLIC,
    errors=(HTTPStatus.NOT_FOUND,),
    tags=TAGS,
    response_content={kind.value: _BINARY for kind in ImageType},
    description="Served as immutable (cached for a year); the ETag is the SHA-256 of "
    "the bytes, so `If-None-Match` answers 304.",
)
async def get_media(request: web.Request) -> web.Response:
    """The bytes of a stored picture."""
    db, media_id = request.app[DB_KEY], _media_id(request)
    described = await describe_image(db, media_id)
    headers = {
        "ETag": _etag(described),
        "Cache-Control": CACHE_FOREVER,
        "X-Content-Type-Options": "nosniff",
    }
    if _matches(request.headers.get("If-None-Match"), headers["ETag"]):
        return web.Response(status=HTTPStatus.NOT_MODIFIED, headers=headers)
    media, data = await get_image(db, media_id)
    return web.Response(body=data, content_type=media.content_type.value, headers=headers)
