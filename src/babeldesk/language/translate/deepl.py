"""DeepL API v2 (``POST /v2/translate``), Free or Pro."""

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

FREE_URL = "https://api-free.deepl.com"
PRO_URL = "https://api.deepl.com"
# DeepL takes at most 50 texts per request.
MAX_TEXTS = 50
# 456: the character quota of the plan (or the Pro cost-control limit) is used up; 529: overloaded.
_LIMIT_STATUSES = frozenset({429, 456, 529})

_TARGET_VARIANTS = {
    ("en", ""): "EN-US",
    ("en", "US"): "EN-US",
    ("en", "GB"): "EN-GB",
    ("en", "UK"): "EN-GB",
    ("pt", ""): "PT-PT",
    ("pt", "PT"): "PT-PT",
    ("pt", "BR"): "PT-BR",
    ("zh", ""): "ZH-HANS",
    ("zh", "Hans"): "ZH-HANS",
    ("zh", "CN"): "ZH-HANS",
    ("zh", "SG"): "ZH-HANS",
    ("zh", "Hant"): "ZH-HANT",
    ("zh", "TW"): "ZH-HANT",
    ("zh", "HK"): "ZH-HANT",
    ("es", "419"): "ES-419",
}
_BASE_ALIASES = {"no": "NB", "nn": "NB"}


def target_code(language: str) -> str:
    """A BCP-47 tag as DeepL's ``target_lang``: English and Portuguese need a variant, Chinese a script."""
    base, variant = language_subtags(language)
    return _TARGET_VARIANTS.get((base, variant)) or _BASE_ALIASES.get(base, base.upper())


def source_code(language: str) -> str:
    """DeepL's ``source_lang`` is the bare language: ``pt-BR`` → ``PT``."""
    base, _ = language_subtags(language)
    return _BASE_ALIASES.get(base, base.upper())


def default_url(api_key: str) -> str:
    # Free-plan keys end in ":fx" and only work on the Free host.
    return FREE_URL if api_key.endswith(":fx") else PRO_URL


class DeepLTranslator(BatchingEngine):
    max_texts = MAX_TEXTS

    def __init__(
        self,
        api_key: str,
        *,
        url: str | None = None,
        name: str = "deepl",
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(client)
        self.name = name
        self._api_key = api_key
        base = (url or default_url(api_key)).rstrip("/")
        self.endpoint = base if base.endswith("/translate") else f"{base}/v2/translate"

    async def _translate(self, texts: Sequence[str], source: str | None, target: str) -> list[str]:
        payload: dict[str, object] = {"text": list(texts), "target_lang": target_code(target)}
        if source:
            payload["source_lang"] = source_code(source)
        data = await post_json(
            self.name,
            self.client,
            self.endpoint,
            payload,
            headers={"Authorization": f"DeepL-Auth-Key {self._api_key}"},
            rate_limited=lambda response: response.status_code in _LIMIT_STATUSES,
        )
        try:
            translations = [str(t["text"]) for t in data["translations"]]
        except (KeyError, TypeError) as exc:
            raise EngineBadResponse(self.name, "no translations[].text in the answer") from exc
        return expect_count(self.name, translations, texts)
