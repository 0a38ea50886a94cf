"""Method parameters with Telegram's type coercion.

Parameters arrive as query strings, urlencoded or multipart form fields (everything a string;
objects and arrays as JSON text, as aiogram sends them) or as a JSON body (native types).
Telegram accepts either, so every accessor here coerces."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import TelegramError, bad_request


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart request."""

    data: bytes
    filename: str | None
    content_type: str | None


@dataclass(frozen=True)
class FileRef:
    """What a file parameter names: an upload, an existing file_id or a URL to fetch."""

    upload: Upload | None = None
    file_id: str | None = None
    url: str | None = None


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


class Params:
    """The parameters of one Bot API call."""

    def __init__(self, values: Mapping[str, Any], uploads: Mapping[str, Upload] | None = None):
        self._values = dict(values)
        self._uploads = dict(uploads or {})

    def has(self, name: str) -> bool:
        """Whether the parameter was given (and is not null)."""
        return self._values.get(name) is not None or name in self._uploads

    def raw(self, name: str) -> Any:
        """The value as it arrived."""
        return self._values.get(name)

    def string(self, name: str, *, required: str | None = None) -> str | None:
        """A String parameter (numbers are accepted and turned into text)."""
        value = self._values.get(name)
        if value is None:
            if required is not None:
                raise bad_request(required)
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float, str)):
            return str(value)
        raise bad_request(f'field "{name}" must be of type String')

    def integer(self, name: str, *, required: str | None = None) -> int | None:
        """An Integer parameter."""
        value = self._values.get(name)
        if value is None or value == "":
            if required is not None:
                raise bad_request(required)
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Integer')

    def number(self, name: str, *, required: str | None = None) -> float | None:
        """A Float parameter."""
        value = self._values.get(name)
        if value is None or value == "":
            if required is not None:
                raise bad_request(required)
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Float')

    def boolean(self, name: str, default: bool = False) -> bool:
        """A Boolean parameter."""
        value = self._values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise bad_request(f'field "{name}" must be of type Boolean')

    def json_value(self, name: str) -> Any:
        """An object or array parameter, decoding JSON text if it came as a form field."""
        value = self._values.get(name)
        if isinstance(value, str):
            if value == "":
                return None
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def obj(self, name: str) -> dict[str, Any] | None:
        """A JSON object parameter."""
        value = self.json_value(name)
        if value is None or isinstance(value, dict):
            return value
        raise bad_request(f"can't parse {name} JSON object")

    def array(self, name: str) -> list[Any] | None:
        """A JSON array parameter."""
        value = self.json_value(name)
        if value is None or isinstance(value, list):
            return value
        raise bad_request(f"can't parse {name} JSON object: array expected")

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat_id: an integer, or "@username" for public chats."""
        value = self._values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, str) and value.strip().startswith("@"):
            return value.strip()
        try:
            chat_id = self.integer(name)
        except TelegramError:
            raise bad_request("chat not found") from None
        assert chat_id is not None
        return chat_id

    def file(self, name: str) -> FileRef | None:
        """A file parameter: a multipart upload (direct or attach://), a file_id or a URL."""
        if name in self._uploads:
            return FileRef(upload=self._uploads[name])
        value = self._values.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise bad_request(f'field "{name}" must be of type String')
        if value.startswith("attach://"):
            upload = self._uploads.get(value[len("attach://") :])
            if upload is None:
                raise bad_request("wrong HTTP URL specified")
            return FileRef(upload=upload)
        if value.startswith(("http://", "https://")):
            return FileRef(url=value)
        return FileRef(file_id=value)
