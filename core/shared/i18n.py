"""Translations from Fluent files, ``locales/<lang>/*.ftl``, shared by core, bots and web pages.

Russian is the source language: every key exists there, so a key missing in English falls back to
Russian, and a key missing everywhere comes back as itself (visible, never a crash). Messages for a
``CoreError`` live under ``error-<code>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final

import structlog
from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl

log = structlog.get_logger(__name__)

LANGUAGES: Final = ("ru", "en")
FALLBACK_LANGUAGE: Final = "ru"
LOCALES_DIR: Final = Path(__file__).resolve().parents[2] / "locales"

# What Fluent formats itself (numbers with the locale's grouping, dates); anything else, such as
# a UUID in an error's params, is passed as its string form.
_FLUENT_NATIVE = (str, int, float, Decimal, date)


class LocaleError(ValueError):
    """A message file cannot be used: broken syntax or a key defined twice."""


def supported_language(code: str | None) -> str | None:
    """``"en-US"`` → ``"en"``; ``None`` for a language we do not speak."""
    if not code:
        return None
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else None


def error_key(code: str) -> str:
    """The message key for a CoreError code."""
    return f"error-{code}"


class Translator:
    """Formats messages by language and key; built once per process."""

    def __init__(self, directory: Path = LOCALES_DIR, *, fallback: str = FALLBACK_LANGUAGE) -> None:
        if fallback not in LANGUAGES:
            raise ValueError(f"fallback language must be one of {LANGUAGES}")
        self._fallback = fallback
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, frozenset[str]] = {}
        for lang in LANGUAGES:
            bundle, keys = _load_bundle(directory / lang, lang)
            self._bundles[lang] = bundle
            self._keys[lang] = keys

    @property
    def languages(self) -> tuple[str, ...]:
        return LANGUAGES

    def keys(self, lang: str) -> frozenset[str]:
        """Every message key defined for ``lang``."""
        return self._keys[lang]

    def has(self, lang: str, key: str) -> bool:
        """Whether ``key`` is defined for ``lang`` itself (no fallback)."""
        return key in self._keys.get(lang, frozenset())

    def knows(self, key: str) -> bool:
        """Whether ``key`` is defined in any language."""
        return any(key in keys for keys in self._keys.values())

    def get(self, lang: str | None, key: str, **args: object) -> str:
        """The message ``key`` in ``lang``, else in the fallback language, else the key itself."""
        chosen = supported_language(lang) or self._fallback
        for candidate in (chosen, self._fallback):
            if key in self._keys[candidate]:
                return self._format(candidate, key, args)
        log.warning("i18n.missing_key", key=key, lang=chosen)
        return key

    def _format(self, lang: str, key: str, args: Mapping[str, object]) -> str:
        bundle = self._bundles[lang]
        message = bundle.get_message(key)
        if message.value is None:
            # A message with attributes only has no text of its own.
            log.warning("i18n.no_value", key=key, lang=lang)
            return key
        text, errors = bundle.format_pattern(message.value, {
            name: value if isinstance(value, _FLUENT_NATIVE) else str(value)
            for name, value in args.items()
        })
        if errors:
            log.warning("i18n.format_errors", key=key, lang=lang,
                        errors=[str(error) for error in errors])
        return str(text)


def _load_bundle(directory: Path, lang: str) -> tuple[FluentBundle, frozenset[str]]:
    # Telegram and HTML render the text as is: bidi isolation marks would only add noise.
    bundle = FluentBundle([lang], use_isolating=False)
    keys: set[str] = set()
    files = sorted(directory.glob("*.ftl"))
    if not files:
        raise LocaleError(f"no message files in {directory}")
    # Source positions are for editors; kept, they would cost ~2 MB a process for nothing.
    parser = FluentParser(with_spans=False)
    for path in files:
        resource = parser.parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ftl.Junk):
                lines = (entry.content or "").strip().splitlines()
                snippet = lines[0] if lines else ""
                raise LocaleError(f"{path}: cannot parse {snippet!r}")
            if isinstance(entry, ftl.Message):
                name = entry.id.name
                if name in keys:
                    raise LocaleError(f"{path}: message {name!r} is defined twice in {lang}")
                keys.add(name)
        bundle.add_resource(resource)
    return bundle, frozenset(keys)
