"""A person's live location in the emulator: shared, moved, and stopped early, as a bot sees it."""

from __future__ import annotations

import pytest
from aiogram import Bot
from telegram_sim import Sim, SimFailure, username


async def test_stopping_a_live_location_reaches_the_bot_as_an_edit(
    bot: Bot, person: int, sim: Sim
) -> None:
    name = await username(bot)
    await bot.get_updates(timeout=0)  # the /start of the fixture
    shared = await sim.post(
        "send",
        user_id=person,
        bot=name,
        location={"latitude": 55.75, "longitude": 37.62, "live_period": 900, "heading": 90},
    )
    message_id = shared["message"]["message_id"]
    await sim.post(
        "edit",
        user_id=person,
        bot=name,
        message_id=message_id,
        location={"latitude": 55.751, "longitude": 37.621},
    )
    stopped = await sim.post(
        "edit", user_id=person, bot=name, message_id=message_id, stop_live=True
    )
    # The last point stays; what only a live location has is gone.
    assert stopped["message"]["location"] == {"latitude": 55.751, "longitude": 37.621}
    assert stopped["message"]["edit_date"] >= shared["message"]["date"]

    updates = await bot.get_updates(offset=-3, timeout=0)
    first, moved, stop = updates
    assert first.message is not None
    assert first.message.location is not None
    assert first.message.location.live_period == 900
    assert moved.edited_message is not None
    assert moved.edited_message.location is not None
    assert moved.edited_message.location.live_period == 900
    assert stop.edited_message is not None
    assert stop.edited_message.location is not None
    assert stop.edited_message.message_id == message_id
    assert stop.edited_message.location.live_period is None
    assert stop.edited_message.location.heading is None

    # Once stopped it can neither move nor stop again.
    for change in ({"location": {"latitude": 55.76, "longitude": 37.63}}, {"stop_live": True}):
        with pytest.raises(SimFailure) as refused:
            await sim.post("edit", user_id=person, bot=name, message_id=message_id, **change)
        assert refused.value.status == 400
        assert "still live" in refused.value.body["error"]


async def test_only_live_locations_stop(bot: Bot, person: int, sim: Sim) -> None:
    name = await username(bot)
    still = await sim.post(
        "send", user_id=person, bot=name, location={"latitude": 55.75, "longitude": 37.62}
    )
    text = await sim.say(person, name, "hello")
    live = await sim.post(
        "send",
        user_id=person,
        bot=name,
        location={"latitude": 55.75, "longitude": 37.62, "live_period": 60},
    )
    for message_id in (still["message"]["message_id"], text["message_id"]):
        with pytest.raises(SimFailure) as refused:
            await sim.post("edit", user_id=person, bot=name, message_id=message_id, stop_live=True)
        assert refused.value.status == 400
    with pytest.raises(SimFailure) as both:
        await sim.post(
            "edit",
            user_id=person,
            bot=name,
            message_id=live["message"]["message_id"],
            location={"latitude": 55.76, "longitude": 37.63},
            stop_live=True,
        )
    assert both.value.status == 400
    assert "one of" in both.value.body["error"]
