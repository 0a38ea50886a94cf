"""/apply in the seller bot: the whole application dialog in Russian and English, every kind of
bad answer explained, /cancel, resuming or restarting a dialog left half-way, editing from the
summary, and the application that lands in core.business."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage
from aiogram.types import InlineKeyboardMarkup
from bot_fakes import Harness, new_user_id, texts
from customer_chat import edits, inline_data, removes_keyboard, reply_buttons, sent
from seller_chat import SellerChat, application, company_inn, individual_inn

from bot.seller.apply_steps import EDITABLE_STEPS
from bot.seller.callbacks import (
    EditField,
    MenuItem,
    Resume,
    ResumeChoice,
    SummaryAct,
    SummaryChoice,
    TaxChoice,
    TimezoneChoice,
)
from bot.seller.states import ApplyForm
from core.auth.api import load_actor
from core.business.api import apply, my_applications
from core.business.schemas import (
    ApplicationOut,
    BusinessStatus,
    DayHours,
    TaxSystem,
    TimeRange,
    WeeklyHours,
)
from core.geo.schemas import PolygonZone, RadiusZone
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database


@pytest.fixture
def seller(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SELLER)


@pytest.fixture
def chat(seller: Harness) -> SellerChat:
    return SellerChat(seller, new_user_id())


@pytest.fixture
def english(seller: Harness) -> SellerChat:
    return SellerChat(seller, new_user_id(), language_code="en", first_name="Ann")


def ask(translator: Translator, lang: str, step: str, **args: Any) -> str:
    return translator.get(lang, f"seller-ask-{step}", **args)


async def _applications(db: Database, user_id: int) -> list[ApplicationOut]:
    return await my_applications(db, await load_actor(db, user_id))


# A draft answered up to (not including) each step, for tests that start mid-way.
FULL_DRAFT: dict[str, Any] = {
    "legal_name": 'ООО "Сад"', "inn": "7707083893", "inn_kind": "legal_entity",
    "tax_system": "usn_income", "phone": "+79123456789", "email": "owner@sad.ru",
    "shop_name": "Фрукты у дома", "lat": 55.7539, "lon": 37.6208,
    "address": "Москва, ул. Тверская, 1", "timezone": "Europe/Moscow",
    "hours": WeeklyHours.every_day(DayHours(time(9), time(21))).to_json(),
    "zone": {"radius_m": 3000}, "min_order": 50000, "delivery_fee": 9900,
    "assembly_minutes": 20,
}
ORDER = ["legal_name", "inn", "tax_system", "phone", "email", "shop_name", "location", "address",
         "timezone", "hours", "zone", "min_order", "delivery_fee", "assembly"]
FIELDS_OF = {"inn": ("inn", "inn_kind"), "location": ("lat", "lon"),
             "assembly": ("assembly_minutes",)}


def draft_before(step: str) -> dict[str, Any]:
    """The answers given before ``step``."""
    names = ORDER[:ORDER.index(step)]
    fields = [field for name in names for field in FIELDS_OF.get(name, (name,))]
    return {field: FULL_DRAFT[field] for field in fields}


def state(step: str) -> Any:
    return getattr(ApplyForm, step)


async def test_the_whole_dialog_in_russian(
    chat: SellerChat, db: Database, translator: Translator
) -> None:
    tr = translator.get
    intro, first = sent(await chat.send("/apply"))
    assert intro.text == tr("ru", "seller-apply-intro")
    assert isinstance(intro.reply_markup, InlineKeyboardMarkup)
    [[webapp]] = intro.reply_markup.inline_keyboard
    assert webapp.web_app is not None
    assert webapp.web_app.url.endswith("/app/seller/apply?lang=ru")
    assert first.text == ask(translator, "ru", "legal-name")
    assert reply_buttons(first)[0][0].text == "Отмена"

    assert texts(await chat.send('ООО "Сад и огород"')) == [ask(translator, "ru", "inn")]
    inn = company_inn()
    [tax_question] = sent(await chat.send(inn))
    assert tax_question.text == ask(translator, "ru", "tax-system")
    # A company's INN: patent and NPD are not offered.
    assert TaxChoice(system=TaxSystem.PATENT).pack() not in inline_data(tax_question)
    pressed = await chat.press(TaxChoice(system=TaxSystem.USN_INCOME))
    assert isinstance(pressed[0], AnswerCallbackQuery)
    [phone_question] = sent(pressed)
    assert phone_question.text == ask(translator, "ru", "phone")
    assert reply_buttons(phone_question)[0][0].request_contact

    assert texts(await chat.share_contact("79123456789", chat.user_id)) == [
        ask(translator, "ru", "email")]
    assert texts(await chat.send("Owner@Sad.RU")) == [ask(translator, "ru", "shop-name")]
    [location_question] = sent(await chat.send("Фрукты у дома"))
    assert reply_buttons(location_question)[0][0].request_location
    assert texts(await chat.share_location(55.7539, 37.6208)) == [ask(translator, "ru", "address")]
    [tz_question] = sent(await chat.send("Москва, ул. Тверская, 1"))
    assert tz_question.text == ask(translator, "ru", "timezone", zone="Europe/Moscow")
    keep = TimezoneChoice(name="Europe/Moscow").pack()
    assert inline_data(tz_question)[0] == keep
    assert texts(await chat.press(keep))[-1] == ask(translator, "ru", "hours")
    hours = "пн-пт 09:00-21:00 перерыв 14:00-15:00\nсб 10:00-18:00\nвс выходной"
    assert texts(await chat.send(hours)) == [ask(translator, "ru", "zone")]
    assert texts(await chat.send("2,5")) == [ask(translator, "ru", "min-order")]
    assert texts(await chat.send("1 500")) == [ask(translator, "ru", "delivery-fee")]
    assert texts(await chat.send("149,90")) == [ask(translator, "ru", "assembly")]
    [summary] = sent(await chat.send("20 мин"))

    assert summary.text.startswith(tr("ru", "seller-summary-title"))
    for line in (inn, "+79123456789", "Owner@sad.ru", "пн-пт 09:00-21:00 перерыв 14:00-15:00",
                 "сб 10:00-18:00", "вс выходной", "радиус 2,5 км", "1\u00a0500,00\u00a0₽",
                 "149,90\u00a0₽", tr("ru", "tax-system-usn_income")):
        assert line in summary.text
    assert inline_data(summary)[0] == SummaryChoice(action=SummaryAct.CONFIRM).pack()
    assert await _applications(db, chat.user_id) == []

    done = await chat.press(SummaryChoice(action=SummaryAct.CONFIRM))
    assert isinstance(done[0], AnswerCallbackQuery)
    [final] = sent(done)
    assert final.text == tr("ru", "seller-apply-sent")
    assert removes_keyboard(final)
    assert edits(done)[0].reply_markup is None  # the summary keeps its text, loses its buttons
    assert await chat.state() is None

    [applied] = await _applications(db, chat.user_id)
    business, [shop] = applied.business, applied.shops
    assert business.status is BusinessStatus.PENDING
    assert (business.legal_name, business.inn, business.tax_system, business.phone,
            business.email) == ('ООО "Сад и огород"', inn, TaxSystem.USN_INCOME, "+79123456789",
                                "Owner@sad.ru")
    assert (shop.name, shop.address, shop.timezone) == (
        "Фрукты у дома", "Москва, ул. Тверская, 1", "Europe/Moscow")
    assert (shop.point.lat, shop.point.lon) == (55.7539, 37.6208)
    weekday = DayHours(time(9), time(21), (TimeRange(time(14), time(15)),))
    assert shop.hours == WeeklyHours((weekday,) * 5 + (DayHours(time(10), time(18)), None))
    assert shop.zone == RadiusZone(shop.point, 2_500)
    assert (shop.min_order, shop.delivery_fee, shop.assembly_minutes) == (
        Money(150_000), Money(14_990), 20)


async def test_the_whole_dialog_in_english_with_a_polygon(
    english: SellerChat, db: Database, translator: Translator
) -> None:
    tr = translator.get
    chat = english
    assert texts(await chat.send("/apply"))[1] == ask(translator, "en", "legal-name")
    await chat.send("IE Petrova O. I.")
    inn = individual_inn()
    [tax_question] = sent(await chat.send(inn))
    assert tax_question.text == ask(translator, "en", "tax-system")
    assert TaxChoice(system=TaxSystem.PATENT).pack() in inline_data(tax_question)
    await chat.press(TaxChoice(system=TaxSystem.PATENT))
    assert texts(await chat.send("8 (912) 000-11-22")) == [ask(translator, "en", "email")]
    await chat.send("ann@example.com")
    await chat.send("Ann's Fruit")
    assert texts(await chat.send("59.9386, 30.3141")) == [ask(translator, "en", "address")]
    await chat.send("St Petersburg, Nevsky pr. 1")
    typed = await chat.send("Asia/Novosibirsk")
    assert texts(typed) == [ask(translator, "en", "hours")]
    assert texts(await chat.send("mon-fri 9:00-21:00\nsat, sun 10-18")) == [
        ask(translator, "en", "zone")]
    polygon = {"type": "Polygon", "coordinates": [[[30.30, 59.93], [30.33, 59.93],
                                                    [30.33, 59.95], [30.30, 59.95],
                                                    [30.30, 59.93]]]}
    assert texts(await chat.send(json.dumps(polygon))) == [ask(translator, "en", "min-order")]
    await chat.send("0")
    await chat.send("99.9")
    [summary] = sent(await chat.send("15"))
    assert summary.text.startswith(tr("en", "seller-summary-title"))
    for line in ("mon-fri 09:00-21:00", "sat-sun 10:00-18:00", "a polygon, 4 corners",
                 tr("en", "tax-system-patent"), "Asia/Novosibirsk"):
        assert line in summary.text
    [final] = sent(await chat.press(SummaryChoice(action=SummaryAct.CONFIRM)))
    assert final.text == tr("en", "seller-apply-sent")

    [applied] = await _applications(db, chat.user_id)
    shop = applied.shops[0]
    assert applied.business.tax_system is TaxSystem.PATENT
    assert applied.business.phone == "+79120001122"
    assert shop.timezone == "Asia/Novosibirsk"
    assert isinstance(shop.zone, PolygonZone)
    assert len(shop.zone.polygons[0].outer) == 4
    assert (shop.min_order, shop.delivery_fee) == (Money(0), Money(9_990))


# (step, what is typed, the message key or error key, its arguments)
BAD_ANSWERS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("legal_name", "Я", "error-invalid_text",
     {"field": "legal_name", "minimum": 2, "maximum": 300}),
    ("inn", "7707083894", "error-invalid_inn", {}),
    ("tax_system", "УСН", "seller-tax-expected", {}),
    ("phone", "позвоните мне", "error-invalid_business_phone", {"phone": "позвоните мне"}),
    ("email", "nobody", "error-invalid_email", {"email": "nobody"}),
    ("shop_name", " ", "error-invalid_text",
     {"field": "shop_name", "minimum": 2, "maximum": 100}),
    ("location", "у метро", "seller-location-expected", {}),
    ("location", "95, 37.6", "error-invalid_coordinates", {"lat": 95.0, "lon": 37.6}),
    ("address", "М", "error-invalid_text", {"field": "address", "minimum": 5, "maximum": 500}),
    ("timezone", "Mars/Base", "error-invalid_timezone", {"timezone": "Mars/Base"}),
    ("hours", "будни 9-21", "seller-hours-unreadable",
     {"line": 1, "text": "будни 9-21", "reason": "days", "day": ""}),
    ("hours", "пн 9\nвт 10-20", "seller-hours-unreadable",
     {"line": 1, "text": "пн 9", "reason": "times", "day": ""}),
    ("hours", "пн-пт 9-21\nсб 10-18\nпт 12-13", "seller-hours-unreadable",
     {"line": 3, "text": "пт 12-13", "reason": "repeated_day", "day": "fri"}),
    ("hours", "пн 10-20 обед", "seller-hours-unreadable",
     {"line": 1, "text": "пн 10-20 обед", "reason": "breaks", "day": ""}),
    ("hours", "сб 20:00-04:00\nвс 03:00-10:00", "error-overlapping_hours",
     {"day": "sat", "other_day": "sun"}),
    ("hours", "пн 10-20 перерыв 9-11", "error-break_outside_hours",
     {"day": "mon", "start": "09:00", "end": "11:00", "opens": "10:00", "closes": "20:00"}),
    ("hours", "пн-вс выходной", "seller-hours-all-closed", {}),
    ("zone", "500", "seller-zone-radius-range", {"maximum": 100}),
    ("zone", "весь город", "seller-zone-unreadable", {}),
    ("zone", "55.0, 37.0\n55.1, 37.1\n55.0, 37.1\n55.1, 37.0", "error-self_intersecting_zone",
     {"side_a": 1, "side_b": 3}),
    ("zone", '{"type": "Point"}', "error-invalid_geojson", {}),
    ("min_order", "пятьсот", "seller-amount-unreadable", {}),
    ("min_order", "2 000 000", "error-invalid_amount",
     {"field": "min_order", "maximum": Money.rub(1_000_000).format()}),
    ("delivery_fee", "1,500", "seller-amount-unreadable", {}),
    ("assembly", "скоро", "seller-minutes-unreadable", {}),
    ("assembly", "1000", "error-invalid_assembly_time", {"minimum": 1, "maximum": 480}),
]


@pytest.mark.parametrize(("step", "typed", "key", "args"), BAD_ANSWERS,
                         ids=[f"{b[0]}-{b[2]}" for b in BAD_ANSWERS])
async def test_a_bad_answer_is_explained_and_asked_again(
    chat: SellerChat, translator: Translator, step: str, typed: str, key: str,
    args: dict[str, Any],
) -> None:
    before = draft_before(step)
    await chat.jump_to(state(step), before)
    answer = texts(await chat.send(typed))
    assert answer[0] == translator.get("ru", key, **args)
    assert "{" not in answer[0]
    assert await chat.state() == state(step).state
    assert await chat.draft() == before


async def test_the_explanations_are_in_english_too(
    english: SellerChat, translator: Translator
) -> None:
    await english.jump_to(ApplyForm.hours, draft_before("hours"))
    [answer] = texts(await english.send("mon 9-13\nmon 14-18"))
    assert answer == translator.get("en", "seller-hours-unreadable", line=2, text="mon 14-18",
                                    reason="repeated_day", day="mon")
    assert "Monday is already given on another line." in answer


async def test_a_sticker_repeats_the_question(chat: SellerChat, translator: Translator) -> None:
    await chat.jump_to(ApplyForm.email, draft_before("email"))
    assert texts(await chat.send_sticker()) == [ask(translator, "ru", "email")]


async def test_cancel_mid_way_forgets_the_draft(
    chat: SellerChat, db: Database, translator: Translator
) -> None:
    await chat.send("/apply")
    await chat.send('ООО "Сад"')
    [done] = sent(await chat.send("/cancel"))
    assert done.text == translator.get("ru", "seller-cancel-done")
    assert removes_keyboard(done)
    assert await chat.state() is None
    assert await chat.draft() == {}
    [nothing] = sent(await chat.send("/cancel"))
    assert nothing.text == translator.get("ru", "seller-cancel-nothing")
    assert await _applications(db, chat.user_id) == []


async def test_the_cancel_button_works_in_either_language(
    chat: SellerChat, translator: Translator
) -> None:
    await chat.jump_to(ApplyForm.zone, draft_before("zone"))
    assert texts(await chat.send("Cancel")) == [translator.get("ru", "seller-cancel-done")]
    assert await chat.state() is None


async def test_start_in_the_middle_offers_to_continue(
    chat: SellerChat, translator: Translator
) -> None:
    await chat.jump_to(ApplyForm.hours, draft_before("hours"))
    [prompt] = sent(await chat.send("/start"))
    assert prompt.text == translator.get("ru", "seller-resume-prompt")
    assert ResumeChoice(action=Resume.CONTINUE).pack() in inline_data(prompt)
    pressed = await chat.press(ResumeChoice(action=Resume.CONTINUE))
    assert texts(pressed) == [translator.get("ru", "seller-resume-continuing"),
                              ask(translator, "ru", "hours")]
    assert await chat.state() == ApplyForm.hours.state
    assert await chat.draft() == draft_before("hours")


async def test_apply_in_the_middle_can_start_over(
    chat: SellerChat, translator: Translator
) -> None:
    await chat.jump_to(ApplyForm.zone, draft_before("zone"))
    [prompt] = sent(await chat.send("/apply"))
    restart = ResumeChoice(action=Resume.RESTART, then=MenuItem.APPLY)
    assert restart.pack() in inline_data(prompt)
    pressed = await chat.press(restart)
    assert texts(pressed)[0] == translator.get("ru", "seller-resume-restarting")
    assert texts(pressed)[-1] == ask(translator, "ru", "legal-name")
    assert await chat.state() == ApplyForm.legal_name.state
    assert await chat.draft() == {}


async def test_start_over_from_start_greets_again(
    chat: SellerChat, translator: Translator
) -> None:
    await chat.jump_to(ApplyForm.inn, draft_before("inn"))
    await chat.send("/start")
    pressed = await chat.press(ResumeChoice(action=Resume.RESTART))
    assert texts(pressed)[-1] == translator.get("ru", "seller-start", name="Анна")
    assert await chat.state() is None


async def test_an_old_resume_button_says_the_dialog_ended(
    chat: SellerChat, translator: Translator
) -> None:
    pressed = await chat.press(ResumeChoice(action=Resume.CONTINUE))
    assert texts(pressed) == [translator.get("ru", "seller-dialog-expired")]


async def test_editing_an_answer_from_the_summary(
    chat: SellerChat, translator: Translator
) -> None:
    await chat.jump_to(ApplyForm.assembly, draft_before("assembly"))
    await chat.send("20")
    [choose] = edits(await chat.press(SummaryChoice(action=SummaryAct.EDIT)))
    assert choose.text == translator.get("ru", "seller-edit-choose")
    assert inline_data(choose)[:len(EDITABLE_STEPS)] == [
        EditField(step=step).pack() for step in EDITABLE_STEPS]
    pressed = await chat.press(EditField(step="min_order"))
    assert texts(pressed)[-1] == ask(translator, "ru", "min-order")
    [summary] = sent(await chat.send("700"))
    assert "700,00\u00a0₽" in summary.text
    assert (await chat.draft())["min_order"] == 70_000
    assert await chat.state() == ApplyForm.summary.state


async def test_a_new_company_inn_asks_the_tax_system_again(
    chat: SellerChat, translator: Translator
) -> None:
    draft = {**FULL_DRAFT, "inn": individual_inn(), "inn_kind": "individual", "tax_system": "npd"}
    await chat.jump_to(ApplyForm.summary, draft)
    await chat.press(EditField(step="inn"))
    [tax_question] = sent(await chat.send(company_inn()))
    assert tax_question.text == ask(translator, "ru", "tax-system")
    assert TaxChoice(system=TaxSystem.NPD).pack() not in inline_data(tax_question)
    forged = await chat.press(TaxChoice(system=TaxSystem.NPD))
    assert forged[0].show_alert
    assert forged[0].text == translator.get("ru", "error-tax_system_not_allowed")
    [summary] = sent(await chat.press(TaxChoice(system=TaxSystem.OSN)))
    assert translator.get("ru", "tax-system-osn") in summary.text


async def test_a_forged_edit_button_is_refused(chat: SellerChat, translator: Translator) -> None:
    await chat.jump_to(ApplyForm.summary, dict(FULL_DRAFT))
    [answer] = await chat.press(EditField(step="summary"))
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.show_alert
    assert answer.text == translator.get("ru", "seller-dialog-expired")
    assert await chat.state() == ApplyForm.summary.state


async def test_typing_at_the_summary_points_to_its_buttons(
    chat: SellerChat, translator: Translator
) -> None:
    await chat.jump_to(ApplyForm.summary, dict(FULL_DRAFT))
    answer = texts(await chat.send("готово"))
    assert answer[0] == translator.get("ru", "seller-summary-expected")
    assert answer[1].startswith(translator.get("ru", "seller-summary-title"))


async def test_cancel_on_the_summary(chat: SellerChat, db: Database,
                                     translator: Translator) -> None:
    await chat.jump_to(ApplyForm.summary, dict(FULL_DRAFT))
    pressed = await chat.press(SummaryChoice(action=SummaryAct.CANCEL))
    [note] = sent(pressed)
    assert note.text == translator.get("ru", "seller-apply-cancelled")
    assert removes_keyboard(note)
    assert await chat.state() is None
    again = await chat.press(SummaryChoice(action=SummaryAct.CONFIRM))
    assert again[0].text == translator.get("ru", "seller-dialog-expired")
    assert await _applications(db, chat.user_id) == []


async def test_a_taken_inn_keeps_the_summary_for_editing(
    chat: SellerChat, db: Database, translator: Translator
) -> None:
    inn = company_inn()
    other = SellerChat(chat.harness, new_user_id())
    await other.send("/start")
    await apply(db, await load_actor(db, other.user_id),
                dataclasses.replace(application(), inn=inn))
    await chat.jump_to(ApplyForm.summary, {**FULL_DRAFT, "inn": inn})
    [refusal] = sent(await chat.press(SummaryChoice(action=SummaryAct.CONFIRM)))
    assert refusal.text == translator.get("ru", "error-inn_taken", inn=inn)
    assert await chat.state() == ApplyForm.summary.state


async def test_one_pending_application_at_a_time(
    chat: SellerChat, db: Database, translator: Translator
) -> None:
    await chat.send("/start")
    await apply(db, await load_actor(db, chat.user_id), application())
    answer = await chat.send("/apply")
    assert texts(answer) == [translator.get("ru", "error-application_pending")]
    assert await chat.state() is None
    assert not any(isinstance(r, SendMessage) and r.reply_markup for r in answer)
