"""Uploaded files: one stored blob per file_unique_id, a file_id per bot (a file_id works only
for the bot it was issued to, as on Telegram), and a file_path for /file/bot<token>/<path>."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any, Literal

from .ids import new_file_id, new_file_unique_id

FileKind = Literal["photo", "document"]
DOWNLOAD_LIMIT = 20 * 1024 * 1024


@dataclass
class StoredFile:
    """A file's bytes and what Telegram reports about it."""

    unique_id: str
    kind: FileKind
    data: bytes
    path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)


class FileStore:
    """Every file the emulator has seen, addressable by bot-specific file_id and by path."""

    def __init__(self) -> None:
        self._files: dict[str, StoredFile] = {}
        self._ids: dict[str, tuple[int, str]] = {}
        self._id_for: dict[tuple[int, str], str] = {}
        self._paths: dict[str, str] = {}
        self._count = 0

    def add(
        self,
        data: bytes,
        kind: FileKind,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        size: tuple[int, int] | None = None,
    ) -> StoredFile:
        """Store new bytes and return the record (no file_id yet)."""
        unique_id = new_file_unique_id()
        folder = "photos" if kind == "photo" else "documents"
        extension = ""
        if file_name and "." in file_name:
            extension = file_name[file_name.rfind(".") :]
        elif mime_type:
            extension = mimetypes.guess_extension(mime_type) or ""
        path = f"{folder}/file_{self._count}{extension}"
        self._count += 1
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        stored = StoredFile(
            unique_id=unique_id,
            kind=kind,
            data=data,
            path=path,
            file_name=file_name,
            mime_type=mime_type,
            width=size[0] if size else None,
            height=size[1] if size else None,
        )
        self._files[unique_id] = stored
        self._paths[path] = unique_id
        return stored

    def file_id_for(self, bot_id: int, stored: StoredFile) -> str:
        """The file_id this bot knows the file by (issued on first use)."""
        key = (bot_id, stored.unique_id)
        file_id = self._id_for.get(key)
        if file_id is None:
            file_id = new_file_id()
            self._id_for[key] = file_id
            self._ids[file_id] = key
        return file_id

    def resolve(self, bot_id: int, file_id: str) -> StoredFile | None:
        """The file behind a file_id, if that file_id belongs to this bot."""
        owner = self._ids.get(file_id)
        if owner is None or owner[0] != bot_id:
            return None
        return self._files.get(owner[1])

    def by_path(self, bot_id: int, path: str) -> StoredFile | None:
        """The file at a file_path, if this bot has been given access to it."""
        unique_id = self._paths.get(path)
        if unique_id is None or (bot_id, unique_id) not in self._id_for:
            return None
        return self._files.get(unique_id)

    def by_unique_id(self, unique_id: str) -> StoredFile | None:
        """The file with this file_unique_id (for the person's side: the chat UI)."""
        return self._files.get(unique_id)

    def photo_sizes(self, bot_id: int, stored: StoredFile) -> list[dict[str, Any]]:
        """The Message.photo array: Telegram's several sizes, here the one original."""
        return [
            {
                "file_id": self.file_id_for(bot_id, stored),
                "file_unique_id": stored.unique_id,
                "file_size": stored.size,
                "width": stored.width or 0,
                "height": stored.height or 0,
            }
        ]

    def document_json(self, bot_id: int, stored: StoredFile) -> dict[str, Any]:
        """The Message.document object."""
        document: dict[str, Any] = {
            "file_id": self.file_id_for(bot_id, stored),
            "file_unique_id": stored.unique_id,
            "file_size": stored.size,
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return document

    def file_json(self, bot_id: int, stored: StoredFile) -> dict[str, Any]:
        """The Bot API File object returned by getFile."""
        file: dict[str, Any] = {
            "file_id": self.file_id_for(bot_id, stored),
            "file_unique_id": stored.unique_id,
            "file_size": stored.size,
        }
        if stored.size <= DOWNLOAD_LIMIT:
            file["file_path"] = stored.path
        return file
