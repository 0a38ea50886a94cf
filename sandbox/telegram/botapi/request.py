"""Reading a Bot API call's parameters from whatever body Telegram accepts: query string,
JSON, urlencoded or multipart form (files included); and from a webhook's reply body."""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from aiohttp import web

from ..errors import bad_request
from .params import Params, Upload


async def read_params(request: web.Request) -> Params:
    """The parameters of a Bot API request."""
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method == "POST" and request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON request body") from None
            if isinstance(body, dict):
                values.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    uploads[name] = Upload(
                        data=value.file.read(),
                        filename=value.filename,
                        content_type=value.content_type,
                    )
                else:
                    values[name] = value
    return Params(values, uploads)


def params_from_reply(content_type: str, body: bytes) -> tuple[str, Params] | None:
    """A method call carried in a webhook's reply (JSON or multipart, as aiogram sends it)."""
    if not body.strip():
        return None
    values: dict[str, Any] = {}
    uploads: dict[str, Upload] = {}
    if content_type.startswith("application/json"):
        try:
            parsed = json.loads(body)
        except ValueError:
            return None
        if not isinstance(parsed, dict):
            return None
        values = parsed
    elif content_type.startswith("multipart/form-data"):
        header = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(header + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                uploads[name] = Upload(
                    data=data, filename=filename, content_type=part.get_content_type()
                )
            else:
                values[name] = data.decode("utf-8")
    else:
        return None
    method = values.pop("method", None)
    if not isinstance(method, str) or not method:
        return None
    return method, Params(values, uploads)
