"""LibreTranslate (self-hosted or libretranslate.com): ``POST {url}/translate``."""

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

# Servers may cap the texts per request (LT_BATCH_LIMIT); small batches pass everywhere.
MAX_TEXTS = 16


def language_code(language: str) -> str:
    """Bare codes, except Traditional Chinese (``zh-Hant``; ``zh`` is Simplified)."""
    base, variant = language_subtags(language)
    if base == "zh" and variant in {"Hant", "TW", "HK", "MO"}:
        return "zh-Hant"
    return base


class LibreTranslateTranslator(BatchingEngine):
    max_texts = MAX_TEXTS

    def __init__(
        self,
        url: str,
        *,
        api_key: str | None = None,
        name: str = "libretranslate",
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(client)
        self.name = name
        self._api_key = api_key
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("/translate") else f"{base}/translate"

    async def _translate(self, texts: Sequence[str], source: str | None, target: str) -> list[str]:
        payload: dict[str, object] = {
            "q": list(texts),
            "source": language_code(source) if source else "auto",
            "target": language_code(target),
            "format": "text",
        }
        if self._api_key:
            payload["api_key"] = self._api_key
        data = await post_json(self.name, self.client, self.endpoint, payload)
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(translated, str):  # servers that answer a one-text batch with a bare string
            translated = [translated]
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise EngineBadResponse(self.name, "no translatedText list in the answer")
        return expect_count(self.name, translated, texts)
