"""The Fluent translator: both languages complete, fallbacks, broken files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.shared.discovery import import_domain
from core.shared.errors import CoreError
from core.shared.i18n import LANGUAGES, LocaleError, Translator, error_key, supported_language


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def write(root: Path, lang: str, name: str, text: str) -> None:
    (root / lang).mkdir(parents=True, exist_ok=True)
    (root / lang / name).write_text(text, encoding="utf-8")


@pytest.fixture
def small(tmp_path: Path) -> Translator:
    write(tmp_path, "ru", "a.ftl", "hello = Привет, { $name }!\nonly-ru = Только по-русски\n"
                                   "apples = { $count } кг яблок\n")
    write(tmp_path, "en", "a.ftl", "hello = Hello, { $name }!\napples = { $count } kg of apples\n")
    return Translator(tmp_path)


def test_both_languages_have_the_same_keys(translator: Translator) -> None:
    ru, en = translator.keys("ru"), translator.keys("en")
    assert ru, "no messages loaded"
    assert sorted(ru - en) == [], "keys missing in English"
    assert sorted(en - ru) == [], "keys missing in Russian"


def test_every_core_error_code_has_a_message(translator: Translator) -> None:
    import_domain()
    codes = set()
    pending: list[type[CoreError]] = [CoreError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("core."):
            codes.add(cls.code)
    assert {"internal", "not_found", "unsupported_language"} <= codes
    for lang in LANGUAGES:
        missing = sorted(code for code in codes if not translator.has(lang, error_key(code)))
        assert missing == [], f"error messages missing in {lang}"
    assert translator.has("ru", "error-generic")


def test_formats_arguments_in_each_language(small: Translator) -> None:
    assert small.get("ru", "hello", name="Анна") == "Привет, Анна!"
    assert small.get("en", "hello", name="Ann") == "Hello, Ann!"


def test_missing_key_falls_back_to_russian_then_to_the_key(small: Translator) -> None:
    assert small.get("en", "only-ru") == "Только по-русски"
    assert small.get("en", "nowhere") == "nowhere"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en-US", "Hello, A!"), ("EN", "Hello, A!"), ("de", "Привет, A!"), (None, "Привет, A!"),
])
def test_unknown_languages_fall_back_to_russian(
    small: Translator, lang: str | None, expected: str
) -> None:
    assert small.get(lang, "hello", name="A") == expected


def test_a_missing_argument_does_not_crash(small: Translator) -> None:
    assert "Hello" in small.get("en", "hello")


def test_non_text_arguments_are_shown_as_text(small: Translator) -> None:
    from uuid import UUID

    assert small.get("en", "hello", name=UUID(int=1)) == f"Hello, {UUID(int=1)}!"
    assert small.get("en", "apples", count=2) == "2 kg of apples"


@pytest.mark.parametrize(("code", "expected"), [
    ("ru", "ru"), ("en", "en"), ("en-GB", "en"), ("ru_RU", "ru"), ("uk", None), ("", None),
    (None, None),
])
def test_supported_language(code: str | None, expected: str | None) -> None:
    assert supported_language(code) == expected


def test_a_key_defined_twice_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "ru", "a.ftl", "x = один\n")
    write(tmp_path, "ru", "b.ftl", "x = два\n")
    write(tmp_path, "en", "a.ftl", "x = one\n")
    with pytest.raises(LocaleError, match="defined twice"):
        Translator(tmp_path)


def test_broken_syntax_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "ru", "a.ftl", "x = один\n")
    write(tmp_path, "en", "a.ftl", "x = { $broken\n")
    with pytest.raises(LocaleError, match="cannot parse"):
        Translator(tmp_path)


def test_a_language_without_files_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "ru", "a.ftl", "x = один\n")
    with pytest.raises(LocaleError, match="no message files"):
        Translator(tmp_path)
