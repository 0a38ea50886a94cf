"""The seller bot's router: its commands and conversations."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.common.actor import ActorMiddleware
from bot.common.commands import BASE_COMMANDS
from bot.common.formatting import display_name
from bot.common.i18n import Tr
from bot.common.invitations import register_invitation_start
from bot.common.language import create_language_router
from bot.common.replies import chat_of, show
from bot.seller import apply, shop
from bot.seller.callbacks import Menu, MenuItem, Resume, ResumeChoice
from bot.seller.catalog import create_catalog_router
from bot.seller.keyboards import resume_keyboard, start_keyboard
from bot.seller.orders import create_orders_router
from bot.seller.replies import ButtonText
from bot.seller.staff import create_staff_router, staff_screen
from core.auth.policy import Actor
from core.auth.schemas import UserOut
from core.shared.config import Settings
from core.shared.uow import Database

COMMANDS: tuple[str, ...] = (*BASE_COMMANDS, "apply", "shop", "products", "orders", "staff",
                             "cancel")


def _greeting(t: Tr, user: UserOut | None) -> str:
    return t("seller-start", name=display_name(user, t("friend")))


async def start(message: Message, state: FSMContext, t: Tr, actor: Actor, settings: Settings,
                user: UserOut | None = None) -> None:
    if await state.get_state() is not None:
        # Half-way through something: the person decides whether it still matters.
        await message.answer(t("seller-resume-prompt"), reply_markup=resume_keyboard(t, None))
        return
    await message.answer(_greeting(t, user),
                         reply_markup=start_keyboard(t, settings, actor))


async def help_(message: Message, t: Tr) -> None:
    await message.answer(t("seller-help"))


async def cancel(message: Message, state: FSMContext, t: Tr) -> None:
    if await state.get_state() is None:
        await message.answer(t("seller-cancel-nothing"), reply_markup=ReplyKeyboardRemove())
        return
    await state.clear()
    await message.answer(t("seller-cancel-done"), reply_markup=ReplyKeyboardRemove())


async def _ask_again(bot: Bot, chat_id: int, state: FSMContext, t: Tr) -> None:
    current = await state.get_state()
    if apply.in_application(current):
        draft = (await state.get_data()).get("draft") or {}
        await apply.ask(bot, chat_id, t, current, draft)
    else:
        await shop.ask_again(bot, chat_id, state, t)


async def on_resume(callback: CallbackQuery, callback_data: ResumeChoice, bot: Bot,
                    state: FSMContext, t: Tr, db: Database, actor: Actor, settings: Settings,
                    user: UserOut | None = None) -> None:
    await callback.answer()
    if await state.get_state() is None:
        await show(callback, bot, t("seller-dialog-expired"))
        return
    chat_id = chat_of(callback)
    if callback_data.action is Resume.CONTINUE:
        await show(callback, bot, t("seller-resume-continuing"))
        await _ask_again(bot, chat_id, state, t)
        return
    await state.clear()
    await show(callback, bot, t("seller-resume-restarting"))
    if callback_data.then is MenuItem.APPLY:
        await apply.begin(bot, chat_id, state, t, db, actor, settings)
        return
    await bot.send_message(chat_id, t("seller-cancel-done"), reply_markup=ReplyKeyboardRemove())
    await bot.send_message(chat_id, _greeting(t, user),
                           reply_markup=start_keyboard(t, settings, actor))


async def on_menu(callback: CallbackQuery, callback_data: Menu, bot: Bot, state: FSMContext,
                  t: Tr, db: Database, actor: Actor, settings: Settings) -> None:
    await callback.answer()
    item = callback_data.item
    if item is MenuItem.SHOP:
        await show(callback, bot, *await shop.shops_screen(db, actor, t, settings))
    elif item is MenuItem.STAFF:
        await show(callback, bot, *await staff_screen(db, actor, t, settings))
    elif await state.get_state() is not None:
        await bot.send_message(chat_of(callback), t("seller-resume-prompt"),
                               reply_markup=resume_keyboard(t, MenuItem.APPLY))
    else:
        await apply.begin(bot, chat_of(callback), state, t, db, actor, settings)


def create_router() -> Router:
    """A fresh router for one seller Dispatcher.

    Commands come before the dialogs' handlers, so /start, /cancel, /help, /language, /apply,
    /shop and /staff work at any step of a dialog.
    """
    router = Router(name="seller")
    # Inner middlewares of a router reach every router included in it.
    router.message.middleware(ActorMiddleware())
    router.callback_query.middleware(ActorMiddleware())
    register_invitation_start(router)  # before the plain /start, which would take any deep link
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(cancel, Command("cancel"))
    router.message.register(cancel, ButtonText("seller-btn-cancel"))
    router.callback_query.register(on_resume, ResumeChoice.filter())
    router.callback_query.register(on_menu, Menu.filter())
    router.include_router(create_language_router())
    router.include_router(shop.create_shop_router())
    router.include_router(create_catalog_router())
    router.include_router(create_orders_router())
    router.include_router(create_staff_router())
    router.include_router(apply.create_apply_router())
    return router
