"""Uploaded pictures sent by the bots through the Telegram emulator: the bytes go up once per
bot, then the file id Telegram gave that bot is used."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from aiogram import Bot
from aiogram.types import BufferedInputFile
from image_bytes import jpeg_bytes, png_bytes
from redis.asyncio import Redis
from sim_client import Sim

from bot.common.photos import file_id_key, photo_input, remember_file_id
from core.auth.policy import Actor
from core.media.api import save_image
from core.shared.config import Settings
from core.shared.uow import Database
from fruktgo.bots import create_bot
from sandbox.telegram.server import start_emulator

UPLOADER = Actor(7_830_200_001)


@dataclass
class TwoBots:
    sim: Sim
    seller: Bot
    seller_name: str
    customer: Bot
    customer_name: str


@pytest.fixture
async def bots(settings: Settings) -> AsyncIterator[TwoBots]:
    emulator = await start_emulator(port=0)
    pointed = settings.model_copy(update={"telegram_api_url": emulator.url})
    seller = emulator.register_bot("photo_seller_bot")
    customer = emulator.register_bot("photo_customer_bot")
    seller_bot = create_bot(pointed, seller.token)
    customer_bot = create_bot(pointed, customer.token)
    async with aiohttp.ClientSession() as http:
        yield TwoBots(
            Sim(http, emulator.url), seller_bot, seller.username, customer_bot, customer.username
        )
    await seller_bot.session.close()
    await customer_bot.session.close()
    await emulator.close()


async def _person(bots: TwoBots) -> int:
    person: int = (await bots.sim.new_person(first_name="Ира"))["user_id"]
    for name in (bots.seller_name, bots.customer_name):
        await bots.sim.send(person, name, "/start")
    return person


async def test_an_uploaded_picture_is_sent_once_as_bytes_then_by_file_id(
    bots: TwoBots, db: Database, redis: Redis
) -> None:
    media = await save_image(db, UPLOADER, png_bytes(160, 120, (90, 160, 40)))
    person = await _person(bots)
    seller = bots.seller

    first_input = await photo_input(media.ref, bot=seller, redis=redis, db=db)
    assert isinstance(first_input, BufferedInputFile)
    first = await seller.send_photo(person, first_input, caption="Яблоки")
    await remember_file_id(media.ref, first, seller, redis)
    assert first.photo is not None
    assert (first.photo[-1].width, first.photo[-1].height) == (160, 120)

    again = await photo_input(media.ref, bot=seller, redis=redis, db=db)
    assert again == first.photo[-1].file_id
    second = await seller.send_photo(person, again)
    assert second.photo is not None
    # The emulator gives every upload a new unique id: the same one means no second upload.
    assert second.photo[-1].file_unique_id == first.photo[-1].file_unique_id

    # Another bot cannot use the seller bot's file id: it uploads its own copy.
    other_input = await photo_input(media.ref, bot=bots.customer, redis=redis, db=db)
    assert isinstance(other_input, BufferedInputFile)
    other = await bots.customer.send_photo(person, other_input)
    await remember_file_id(media.ref, other, bots.customer, redis)
    assert other.photo is not None
    assert await redis.get(file_id_key(bots.customer.id, media.id)) == (
        other.photo[-1].file_id.encode()
    )
    assert await redis.get(file_id_key(seller.id, media.id)) == first.photo[-1].file_id.encode()


async def test_urls_and_file_ids_pass_through_and_are_not_cached(
    bots: TwoBots, db: Database, redis: Redis
) -> None:
    person = await _person(bots)
    url = "https://cdn.example.com/apples.jpg"
    assert await photo_input(url, bot=bots.seller, redis=redis, db=db) == url

    media = await save_image(db, UPLOADER, jpeg_bytes(64, 48))
    uploaded = await bots.seller.send_photo(
        person, await photo_input(media.ref, bot=bots.seller, redis=redis, db=db)
    )
    assert uploaded.photo is not None
    file_id = uploaded.photo[-1].file_id
    assert await photo_input(file_id, bot=bots.seller, redis=redis, db=db) == file_id
    resent = await bots.seller.send_photo(person, file_id)
    await remember_file_id(file_id, resent, bots.seller, redis)
    assert await redis.get(file_id_key(bots.seller.id, media.id)) is None
