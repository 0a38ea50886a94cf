"""aiogram imported through ``fruktgo.aiogram_models``: models built on first use, same behaviour.

Each check runs in a fresh interpreter, since this one has imported aiogram the ordinary way.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import aiogram.types
from pydantic import BaseModel

from fruktgo.aiogram_models import import_aiogram

# What a process does with aiogram's models: Telegram's updates and answers in, methods and
# keyboards out, a model built by hand, and a refusal of malformed input.
_WORKLOAD = textwrap.dedent("""
    from aiogram.methods import EditMessageText, SendMessage
    from aiogram.methods.base import Response
    from aiogram.types import (
        CallbackQuery, Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update,
    )
    from pydantic import ValidationError

    person = {"id": 7, "is_bot": False, "first_name": "Ann", "language_code": "ru"}
    message = {
        "message_id": 5, "date": 1700000000, "chat": {"id": 7, "type": "private"},
        "from": person, "text": "/catalog",
        "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        "reply_to_message": {
            "message_id": 4, "date": 1700000000, "chat": {"id": 7, "type": "private"},
            "photo": [{"file_id": "p", "file_unique_id": "u", "width": 90, "height": 60}],
        },
    }
    out = {}
    update = Update.model_validate({"update_id": 1, "message": message})
    out["update"] = [update.event_type, update.message.text,
                     update.message.reply_to_message.photo[0].width,
                     update.model_dump(mode="json", exclude_none=True)]
    press = Update.model_validate({"update_id": 2, "callback_query": {
        "id": "q", "from": person, "chat_instance": "c", "data": "buy:1", "message": message}})
    out["callback"] = [type(press.callback_query).__name__, press.callback_query.data]
    keyboard = InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text="Buy", callback_data="buy:1")]])
    send = SendMessage(chat_id=7, text="Hi", reply_markup=keyboard)
    out["send"] = send.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    edit = EditMessageText(chat_id=7, message_id=5, text="Bye", reply_markup=keyboard)
    out["edit"] = edit.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    answer = Response[Message].model_validate({"ok": True, "result": message})
    out["answer"] = answer.result.model_dump(mode="json", exclude_none=True)
    out["bool"] = Response[bool].model_validate({"ok": True, "result": True}).result
    built = Message(message_id=1, date=1700000000, chat=Chat(id=7, type="private"), text="x")
    out["built"] = built.model_dump_json(exclude_none=True)
    try:
        Update.model_validate({"update_id": 3, "message": {"message_id": "not a number"}})
    except ValidationError as error:
        out["refused"] = sorted(str(e["loc"]) for e in error.errors())
    try:
        CallbackQuery(id="q")
    except ValidationError as error:
        out["refused_built"] = sorted(str(e["loc"]) for e in error.errors())
""")

_RESIDENT_MB = (
    "int(next(line for line in open('/proc/self/status') if line.startswith('VmRSS:'))"
    ".split()[1]) / 1024"
)


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _deferred(code: str) -> str:
    return "from fruktgo.aiogram_models import import_aiogram\nimport_aiogram()\n" + code


def test_the_telegram_types_are_not_built_at_import() -> None:
    report = json.loads(_python(_deferred(textwrap.dedent("""
        import json
        import aiogram.types as types
        built = [name for name in types.__all__
                 if getattr(getattr(types, name), "__pydantic_complete__", False)]
        print(json.dumps({"built": built, "models": len(types.__all__)}))
    """))))
    assert report["models"] > 300
    assert report["built"] == []


def test_deferred_models_behave_as_the_eagerly_built_ones() -> None:
    dump = "import json\nprint(json.dumps(out, sort_keys=True, default=str))"
    eager = json.loads(_python(_WORKLOAD + dump))
    deferred = json.loads(_python(_deferred(_WORKLOAD + dump)))
    assert deferred == eager
    assert deferred["update"][:3] == ["message", "/catalog", 90]
    assert deferred["send"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "buy:1"
    assert deferred["refused"]
    assert deferred["refused_built"]


def test_importing_aiogram_deferred_takes_far_less_memory() -> None:
    measure = f"import aiohttp, pydantic\nbefore = {_RESIDENT_MB}\n"
    eager = float(_python(measure + f"import aiogram\nprint({_RESIDENT_MB} - before)"))
    deferred = float(_python(
        measure + _deferred(f"print({_RESIDENT_MB} - before)")
    ))
    # ~125 MB against ~25 MB with aiogram 3.31 and pydantic 2.13; the margin is wide on purpose.
    assert deferred < eager - 50, (eager, deferred)


def test_once_aiogram_is_in_it_is_left_as_it_is() -> None:
    rebuild = BaseModel.__dict__["model_rebuild"]
    built = aiogram.types.Message.__pydantic_complete__
    import_aiogram()
    assert BaseModel.__dict__["model_rebuild"] is rebuild
    assert aiogram.types.Message.__pydantic_complete__ is built
