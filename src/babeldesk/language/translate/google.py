"""Google Cloud Translation, Basic edition (v2 REST: ``POST /language/translate/v2?key=…``)."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from babeldesk.language.translate.base import (
    BatchingEngine,
    EngineBadResponse,
    expect_count,
    language_subtags,
    post_json,
)

DEFAULT_URL = "https://translation.googleapis.com/language/translate/v2"
# The documented limit is 128 texts per request.
MAX_TEXTS = 100
# Google reports rate and quota limits as 403 with one of these reasons, or as 429.
_LIMIT_REASONS = frozenset(
    {"rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"}
)


def language_code(language: str) -> str:
    """Google's codes: Chinese by region (``zh-CN``/``zh-TW``), ``pt`` (Brazil) or ``pt-PT``."""
    base, variant = language_subtags(language)
    if base == "zh":
        return "zh-TW" if variant in {"Hant", "TW", "HK", "MO"} else "zh-CN"
    if base == "pt" and variant == "PT":
        return "pt-PT"
    return base


class GoogleTranslator(BatchingEngine):
    max_texts = MAX_TEXTS

    def __init__(
        self,
        api_key: str,
        *,
        url: str | None = None,
        name: str = "google",
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(client)
        self.name = name
        self._api_key = api_key
        self.endpoint = (url or DEFAULT_URL).rstrip("/")

    async def _translate(self, texts: Sequence[str], source: str | None, target: str) -> list[str]:
        # "text", not the default "html": HTML mode escapes the answer (&#39;, &amp;) and reads tags.
        payload: dict[str, object] = {"q": list(texts), "target": language_code(target), "format": "text"}
        if source:
            payload["source"] = language_code(source)
        data = await post_json(
            self.name,
            self.client,
            self.endpoint,
            payload,
            params={"key": self._api_key},
            rate_limited=_limited,
        )
        try:
            translations = [str(t["translatedText"]) for t in data["data"]["translations"]]
        except (KeyError, TypeError) as exc:
            raise EngineBadResponse(self.name, "no data.translations[].translatedText in the answer") from exc
        return expect_count(self.name, translations, texts)


def _limited(response: httpx.Response) -> bool:
    """429, or a 403 whose reason is a usage limit rather than a refused key."""
    if response.status_code == 429:
        return True
    if response.status_code != 403:
        return False
    try:
        errors = response.json()["error"]["errors"]
        return any(e.get("reason") in _LIMIT_REASONS for e in errors)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
