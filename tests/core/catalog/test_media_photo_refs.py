"""Uploaded pictures (``media:<uuid>``) as product and category photos and as shop logos."""

from __future__ import annotations

import uuid

import pytest
from catalog_factories import ADMIN, SellerShop, new_category, piece_form
from image_bytes import png_bytes

from core.business.api import set_shop_logo
from core.business.errors import InvalidLogo
from core.catalog.api import create_product
from core.catalog.errors import InvalidPhoto
from core.catalog.schemas import CategoryOut
from core.media.api import save_image
from core.shared.uow import Database


async def test_a_product_keeps_uploaded_photos_beside_urls_and_file_ids(
    db: Database, category: CategoryOut
) -> None:
    uploaded = await save_image(db, ADMIN, png_bytes(120, 90, (200, 30, 30)))
    media_id = uploaded.id
    photos = (
        f"  media:{str(media_id).upper()} ",
        "https://cdn.example.com/a.jpg",
        uploaded.ref,
        "AgACAgIAAxkBAAIBY2Zz",
    )

    product = await create_product(db, ADMIN, piece_form(category.id, photos=photos))

    # One spelling of the reference, so the repeat is dropped.
    assert product.photos == (uploaded.ref, "https://cdn.example.com/a.jpg", "AgACAgIAAxkBAAIBY2Zz")


async def test_a_category_photo_may_be_an_uploaded_picture(db: Database) -> None:
    ref = f"media:{uuid.uuid4()}"
    category = await new_category(db, emoji=None, photo=ref)
    assert category.photo == ref


@pytest.mark.parametrize(
    "bad", ["media:", "media:not-a-uuid", f"media:{uuid.uuid4().hex}", f"media:{{{uuid.uuid4()}}}"]
)
async def test_malformed_media_references_are_refused(
    db: Database, category: CategoryOut, bad: str
) -> None:
    with pytest.raises(InvalidPhoto):
        await create_product(db, ADMIN, piece_form(category.id, photos=(bad,)))


async def test_a_shop_logo_may_be_an_uploaded_picture(db: Database, shop: SellerShop) -> None:
    uploaded = await save_image(db, shop.owner, png_bytes(256, 256, (30, 200, 30)))

    changed = await set_shop_logo(db, shop.owner, shop.id, f" {uploaded.ref} ")
    assert changed.logo == uploaded.ref
    with pytest.raises(InvalidLogo):
        await set_shop_logo(db, shop.owner, shop.id, "media:12345")
