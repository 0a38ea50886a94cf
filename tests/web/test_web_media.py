"""Uploading pictures over HTTP (raw bytes and forms) and serving them with caching headers."""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from image_bytes import jpeg_bytes, png_bytes, webp_bytes
from miniapp_signing import make_app, tma
from redis.asyncio import Redis

from core.media.api import MAX_BYTES, get_image, parse_ref
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.uow import Database
from web.photos import photo_url

_people = itertools.count(7_830_100_000)


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


@pytest.fixture
def signed_in(clock: FrozenClock) -> dict[str, str]:
    return tma(next(_people), clock.now())


async def test_raw_bytes_are_stored_and_described(
    api: TestClient, db: Database, signed_in: dict[str, str]
) -> None:
    data = png_bytes(120, 80, (10, 20, 30))

    response = await api.post(
        "/api/v1/media", data=data, headers={**signed_in, "Content-Type": "image/png"}
    )
    body = await response.json()

    assert response.status == 201, body
    media_id = parse_ref(body["ref"])
    assert media_id is not None
    assert body == {
        "id": str(media_id),
        "ref": f"media:{media_id}",
        "url": f"/media/{media_id}",
        "width": 120,
        "height": 80,
        "size": len(data),
        "content_type": "image/png",
    }
    _, stored = await get_image(db, media_id)
    assert stored == data


async def test_a_form_field_named_file_is_stored_and_the_declared_type_is_ignored(
    api: TestClient, signed_in: dict[str, str]
) -> None:
    form = aiohttp.FormData()
    form.add_field("caption", "яблоки")
    # Named and typed as a PNG; the bytes say JPEG.
    form.add_field("file", jpeg_bytes(64, 40), filename="apples.png", content_type="image/png")

    response = await api.post("/api/v1/media", data=form, headers=signed_in)
    body = await response.json()

    assert response.status == 201, body
    assert (body["content_type"], body["width"], body["height"]) == ("image/jpeg", 64, 40)


async def test_the_same_picture_twice_is_one_reference(
    api: TestClient, signed_in: dict[str, str], clock: FrozenClock
) -> None:
    data = webp_bytes(300, 200)
    first = await api.post(
        "/api/v1/media", data=data, headers={**signed_in, "Content-Type": "image/webp"}
    )
    second = await api.post(
        "/api/v1/media",
        data=data,
        headers={**tma(next(_people), clock.now()), "Content-Type": "image/jpeg"},
    )
    assert first.status == second.status == 201
    assert (await first.json())["ref"] == (await second.json())["ref"]


async def test_a_picture_is_served_immutable_with_its_hash_as_etag(
    api: TestClient, signed_in: dict[str, str]
) -> None:
    data = png_bytes(48, 48, (250, 0, 0))
    uploaded = await (
        await api.post(
            "/api/v1/media", data=data, headers={**signed_in, "Content-Type": "image/png"}
        )
    ).json()
    etag = f'"{hashlib.sha256(data).hexdigest()}"'

    served = await api.get(uploaded["url"])  # no sign-in: pictures are public

    assert served.status == 200
    assert await served.read() == data
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["ETag"] == etag
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    for tags in (etag, f'"other", W/{etag}', "*"):
        cached = await api.get(uploaded["url"], headers={"If-None-Match": tags})
        assert cached.status == 304, tags
        assert await cached.read() == b""
        assert cached.headers["ETag"] == etag
    stale = await api.get(uploaded["url"], headers={"If-None-Match": '"something-else"'})
    assert stale.status == 200
    assert await stale.read() == data


@pytest.mark.parametrize("path", [f"/media/{uuid.uuid4()}", "/media/not-a-uuid"])
async def test_an_unknown_picture_is_a_json_404(api: TestClient, path: str) -> None:
    response = await api.get(path)

    assert response.status == 404
    assert (await response.json())["error"]["code"] == "media_not_found"


async def test_an_upload_over_5_mb_is_413(api: TestClient, signed_in: dict[str, str]) -> None:
    header = png_bytes(64, 64)
    too_big = header + b"\0" * (MAX_BYTES + 1 - len(header))

    response = await api.post(
        "/api/v1/media", data=too_big, headers={**signed_in, "Content-Type": "image/png"}
    )
    body = await response.json()

    assert response.status == 413
    assert body["error"]["code"] == "media_too_large"
    assert body["error"]["message"] == "Файл слишком большой: не больше 5 МБ."


async def test_an_upload_sent_in_chunks_is_cut_off_at_5_mb(
    api: TestClient, signed_in: dict[str, str]
) -> None:
    # No Content-Length: the bound is found while reading.
    async def chunks() -> AsyncIterator[bytes]:
        yield png_bytes(64, 64)
        for _ in range(6):
            yield b"\0" * (1024 * 1024)

    response = await api.post(
        "/api/v1/media", data=chunks(), headers={**signed_in, "Content-Type": "image/png"}
    )

    assert response.status == 413
    assert (await response.json())["error"]["code"] == "media_too_large"


async def test_a_form_file_over_5_mb_is_413(api: TestClient, signed_in: dict[str, str]) -> None:
    header = png_bytes(64, 64)
    form = aiohttp.FormData()
    form.add_field(
        "file",
        header + b"\0" * (MAX_BYTES + 1 - len(header)),
        filename="a.png",
        content_type="image/png",
    )

    response = await api.post("/api/v1/media", data=form, headers=signed_in)

    assert response.status == 413


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("image/gif", b"GIF89a" + b"\x40\x00\x40\x00" + b"\0" * 30),
        ("image/png", b"%PDF-1.7 not a picture"),
        ("application/json", b'{"photo": "x"}'),
        ("text/plain", png_bytes(64, 64)),
    ],
)
async def test_what_is_not_a_jpeg_png_or_webp_is_415(
    api: TestClient, signed_in: dict[str, str], content_type: str, data: bytes
) -> None:
    response = await api.post(
        "/api/v1/media", data=data, headers={**signed_in, "Content-Type": content_type}
    )

    assert response.status == 415
    assert (await response.json())["error"]["code"] == "media_type_unsupported"


async def test_a_broken_or_tiny_picture_is_422_in_english_when_asked(
    api: TestClient, signed_in: dict[str, str]
) -> None:
    for data in (png_bytes(10, 10), png_bytes(64, 64)[:20]):
        response = await api.post(
            "/api/v1/media?lang=en", data=data, headers={**signed_in, "Content-Type": "image/png"}
        )
        body = await response.json()
        assert response.status == 422
        assert body["error"]["code"] == "media_invalid"
        assert "each side must be 32 to 6,000 pixels" in body["error"]["message"]


async def test_a_form_without_a_file_field_is_422(
    api: TestClient, signed_in: dict[str, str]
) -> None:
    form = aiohttp.FormData()
    form.add_field("photo", png_bytes(64, 64), filename="a.png", content_type="image/png")

    response = await api.post("/api/v1/media", data=form, headers=signed_in)

    assert response.status == 422
    assert (await response.json())["error"]["code"] == "validation_failed"


async def test_uploading_needs_sign_in(api: TestClient) -> None:
    response = await api.post(
        "/api/v1/media", data=png_bytes(64, 64), headers={"Content-Type": "image/png"}
    )

    assert response.status == 401
    assert (await response.json())["error"]["code"] == "credentials_missing"


async def test_a_json_endpoint_still_refuses_a_body_over_1_mib(
    api: TestClient, signed_in: dict[str, str]
) -> None:
    # The upload's own bound does not widen what the JSON endpoints read.
    response = await api.put(
        "/api/v1/me/language",
        data=b" " * (1024 * 1024 + 1),
        headers={**signed_in, "Content-Type": "application/json"},
    )

    assert response.status == 413


async def test_both_routes_are_in_the_api_document(api: TestClient) -> None:
    doc = await (await api.get("/api/v1/openapi.json")).json()

    upload = doc["paths"]["/api/v1/media"]["post"]
    assert {"201", "401", "413", "415", "422"} <= set(upload["responses"])
    assert set(upload["requestBody"]["content"]) == {"image/*", "multipart/form-data"}
    assert upload["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MediaView"
    }
    served = doc["paths"]["/media/{media_id}"]["get"]
    assert served["security"] == []
    assert set(served["responses"]["200"]["content"]) == {"image/jpeg", "image/png", "image/webp"}
    assert "404" in served["responses"]


def test_photo_urls_for_pages() -> None:
    media_id = uuid.uuid4()
    assert photo_url(f"media:{media_id}") == f"/media/{media_id}"
    assert photo_url("https://cdn.example.com/a.jpg") == "https://cdn.example.com/a.jpg"
    assert photo_url("AgACAgIAAxkBAAIBY2Zz") is None
    assert photo_url("http://insecure.example.com/a.jpg") is None
    assert photo_url(None) is None
    assert photo_url("") is None
