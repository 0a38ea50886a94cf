"""sendPhoto, sendDocument (uploads, file_id reuse, URLs) and getFile."""

from __future__ import annotations

import mimetypes
from urllib.parse import urlsplit

from aiohttp import ClientError, ClientTimeout

from ...errors import WRONG_FILE_ID, bad_request
from ...files import FileKind, StoredFile
from ...images import image_mime_type, image_size
from ...models import JSON
from ..call import Call
from ..common import caption_content, resolve_target
from ..params import Upload
from ..registry import method
from .messages import post

_MAX_PHOTO_SIDES = 10000
_MAX_PHOTO_RATIO = 20


async def _download(call: Call, url: str) -> Upload:
    """Fetch a file Telegram was given by URL (the sandbox reaches only local servers)."""
    session = call.state.http
    if session is None:
        raise bad_request("failed to get HTTP URL content")
    timeout = ClientTimeout(total=call.state.options.url_fetch_timeout)
    try:
        async with session.get(url, timeout=timeout) as response:
            if response.status != 200:
                raise bad_request("failed to get HTTP URL content")
            data = await response.read()
            content_type = response.content_type
    except (TimeoutError, ClientError):
        raise bad_request("failed to get HTTP URL content") from None
    name = urlsplit(url).path.rsplit("/", 1)[-1] or None
    return Upload(data=data, filename=name, content_type=content_type)


def _store(call: Call, upload: Upload, kind: FileKind) -> StoredFile:
    if not upload.data:
        raise bad_request("file must be non-empty")
    files = call.state.files
    if kind == "photo":
        size = image_size(upload.data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > _MAX_PHOTO_SIDES or max(width, height) > _MAX_PHOTO_RATIO * max(
            min(width, height), 1
        ):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        return files.add(upload.data, "photo", mime_type=image_mime_type(upload.data), size=size)
    mime_type = upload.content_type
    if not mime_type or mime_type == "application/octet-stream":
        guessed = mimetypes.guess_type(upload.filename or "")[0]
        mime_type = guessed or mime_type
    return files.add(upload.data, "document", file_name=upload.filename, mime_type=mime_type)


async def obtain_file(call: Call, name: str, kind: FileKind) -> StoredFile:
    """The file a parameter names: uploaded now, reused by file_id, or fetched by URL."""
    ref = call.params.file(name)
    if ref is None:
        raise bad_request(f"there is no {kind} in the request")
    if ref.file_id is not None:
        stored = call.state.files.resolve(call.bot.id, ref.file_id)
        if stored is None:
            raise bad_request(WRONG_FILE_ID)
        if stored.kind != kind:
            raise bad_request(
                f"can't use file of type {stored.kind.capitalize()} as {kind.capitalize()}"
            )
        return stored
    upload = ref.upload if ref.upload is not None else await _download(call, ref.url or "")
    return _store(call, upload, kind)


@method("sendPhoto")
async def send_photo(call: Call) -> JSON:
    """A photo with an optional caption."""
    target = resolve_target(call)
    stored = await obtain_file(call, "photo", "photo")
    content: JSON = {"photo": call.state.files.photo_sizes(call.bot.id, stored)}
    content.update(caption_content(call))
    if call.params.boolean("has_spoiler"):
        content["has_media_spoiler"] = True
    return post(call, target, content).data


@method("sendDocument")
async def send_document(call: Call) -> JSON:
    """A general file with an optional caption."""
    target = resolve_target(call)
    stored = await obtain_file(call, "document", "document")
    content: JSON = {"document": call.state.files.document_json(call.bot.id, stored)}
    content.update(caption_content(call))
    return post(call, target, content).data


@method("getFile")
async def get_file(call: Call) -> JSON:
    """A File with the path to download it from /file/bot<token>/<file_path>."""
    file_id = call.params.string("file_id", required="file_id is empty")
    assert file_id is not None
    stored = call.state.files.resolve(call.bot.id, file_id)
    if stored is None:
        raise bad_request("invalid file_id")
    if "file_path" not in call.state.files.file_json(call.bot.id, stored):
        raise bad_request("file is too big")
    return call.state.files.file_json(call.bot.id, stored)
