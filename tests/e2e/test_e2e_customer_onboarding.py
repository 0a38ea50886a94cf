"""A new customer onboards through the real customer bot on the Telegram emulator, as in the
chat UI: language by button, location by the share button, contact by the share button."""

from __future__ import annotations

import pytest
from sim_client import Sim

from core.auth.policy import Actor
from core.customers import api as customers
from core.shared.i18n import Translator
from fruktgo.container import Container
from fruktgo.sandbox import SandboxWorld


def _inline_button_texts(message: dict[str, object]) -> list[str]:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


@pytest.mark.usefixtures("running_bots")
async def test_a_new_customer_onboards_with_a_shared_location_and_contact(
    world: SandboxWorld, sim: Sim, bot_usernames: dict[str, str]
) -> None:
    t = Translator()
    bot = bot_usernames["customer"]
    await sim.call("POST", "limits", enabled=False)  # a test answers faster than people type
    person = (await sim.new_person(first_name="Zoe", language_code="en",
                             phone="+79160000099"))["user_id"]

    [greeting] = await sim.reply_to(person, bot, "/start")
    assert "✓ English" in _inline_button_texts(greeting)  # Telegram's language, preselected
    await sim.call("POST", "press", user_id=person, bot=bot, message_id=greeting["message_id"],
                   text="✓ English")
    [ask_place] = await sim.new_messages(person, bot, after=greeting["message_id"])
    assert ask_place["text"] == t.get("en", "customer-address-ask-place")
    keyboard = (await sim.call("GET", f"chat?user_id={person}&bot={bot}"))["keyboard"]
    assert keyboard["keyboard"][0][0]["request_location"] is True

    async def answer(body: dict[str, object], expect: int = 1) -> list[dict[str, object]]:
        return await sim.answer(person, bot, body, expect=expect)

    [ask_text] = await answer({"location": {"latitude": 55.7503, "longitude": 37.5936}})
    assert ask_text["text"] == t.get("en", "customer-address-ask-text")
    await answer({"text": "Arbat, 24"})
    await answer({"text": "2"})  # entrance
    await answer({"text": "4"})  # floor
    await answer({"text": "17"})  # apartment
    skip = t.get("en", "customer-btn-skip")
    await answer({"text": skip})  # comment
    saved, ask_phone = await answer({"text": skip}, expect=2)  # label
    assert str(saved["text"]).startswith(t.get("en", "customer-address-saved"))
    assert ask_phone["text"] == t.get("en", "customer-phone-ask")
    [done] = await answer({"contact": True})
    assert str(done["text"]).endswith(t.get("en", "customer-onboarding-done"))

    container = Container.build(world.settings)
    try:
        [address] = await customers.list_addresses(container.db, Actor(person), person)
        assert address.text == "Arbat, 24"
        assert (address.entrance, address.floor, address.apartment) == ("2", 4, "17")
        assert address.is_default
        profile = await customers.get_profile(container.db, Actor(person), person)
        assert profile.phone == "+79160000099"
    finally:
        await container.close()
