"""Any OpenAI-compatible chat endpoint as a translator: OpenAI, vLLM, Ollama, llama.cpp server …

Several texts go in one request as a JSON array, and the answer must be a JSON array of as many
strings; a model that answers anything else for a batch gets each text in a request of its own.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Sequence

import httpx

from babeldesk.language.translate.base import (
    EngineBadResponse,
    HttpEngine,
    batches,
    language_subtags,
    post_json,
)
from babeldesk.language.translate.protect import placeholder

_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fil": "Filipino", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian Bokmål", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip
_VARIANTS = {
    ("zh", "Hans"): "Simplified Chinese",
    ("zh", "CN"): "Simplified Chinese",
    ("zh", "Hant"): "Traditional Chinese",
    ("zh", "TW"): "Traditional Chinese (Taiwan)",
    ("zh", "HK"): "Traditional Chinese (Hong Kong)",
    ("pt", "BR"): "Brazilian Portuguese",
    ("pt", "PT"): "European Portuguese",
    ("en", "GB"): "British English",
    ("en", "US"): "American English",
    ("es", "419"): "Latin American Spanish",
}

_P1, _P2 = placeholder(1), placeholder(2)
_RULES = (
    "You translate customer-service messages. Translate the text faithfully, in the same tone "
    "(formal or informal) and with the same line breaks and emoji. Answer with the translation only: "
    f"no notes, no explanations, no quotation marks around it. Tokens such as {_P1} and {_P2} stand "
    "for names, numbers and links: copy each of them unchanged, exactly once, where it belongs in the "
    "translation."
)
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)
_FENCE = re.compile(r"^```[\w-]*\n(.*)\n```$", re.DOTALL)
_QUOTES = (('"', '"'), ("“", "”"), ("«", "»"), ("「", "」"), ("„", "“"))


def language_name(code: str) -> str:
    base, variant = language_subtags(code)
    return _VARIANTS.get((base, variant)) or _NAMES.get(base, code)


def _direction(source: str | None, target: str) -> str:
    origin = f"from {language_name(source)} " if source else ""
    return f"{origin}into {language_name(target)}"


class OpenAICompatTranslator(HttpEngine):
    def __init__(
        self,
        url: str,
        *,
        model: str,
        api_key: str | None = None,
        name: str | None = None,
        batch_size: int = 8,
        concurrency: int = 4,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(client)
        self.name = name or f"openai:{model}"
        self.model = model
        self._api_key = api_key
        self._batch_size = batch_size
        self._slots = asyncio.Semaphore(concurrency)
        base = url.rstrip("/")
        if base.endswith("/chat/completions"):
            self.endpoint = base
        elif base.endswith("/v1"):
            self.endpoint = f"{base}/chat/completions"
        else:
            self.endpoint = f"{base}/v1/chat/completions"

    async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
        out: list[str] = []
        for chunk in batches(texts, self._batch_size):
            out += await self._translate_batch(chunk, source, target)
        return out

    async def _translate_batch(self, texts: Sequence[str], source: str | None, target: str) -> list[str]:
        if len(texts) > 1:
            system = (
                f"{_RULES} The user sends a JSON array of {len(texts)} messages. Translate each "
                f"{_direction(source, target)}. Answer with a JSON array of exactly {len(texts)} strings, "
                "the translations in the same order, and nothing else."
            )
            answer = await self._complete(system, json.dumps(list(texts), ensure_ascii=False))
            parsed = _json_strings(answer, len(texts))
            if parsed is not None:
                return parsed
        return list(await asyncio.gather(*(self._translate_one(t, source, target) for t in texts)))

    async def _translate_one(self, text: str, source: str | None, target: str) -> str:
        system = f"{_RULES} Translate the user's message {_direction(source, target)}."
        return _unquote(_clean(await self._complete(system, text)), text)

    async def _complete(self, system: str, user: str) -> str:
        payload = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": 0,
            "stream": False,
        }
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else None
        async with self._slots:
            data = await post_json(self.name, self.client, self.endpoint, payload, headers=headers)
        try:
            choice = data["choices"][0]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise EngineBadResponse(self.name, "no choices[0].message.content in the answer") from exc
        if not isinstance(content, str):
            raise EngineBadResponse(self.name, "choices[0].message.content is not text")
        if choice.get("finish_reason") == "length":
            raise EngineBadResponse(self.name, "the translation was cut off (finish_reason=length)")
        return content


def _clean(content: str) -> str:
    """The translation without a reasoning model's thoughts or a code fence around it."""
    text = _THINKING.sub("", content).strip()
    fenced = _FENCE.match(text)
    return fenced.group(1).strip() if fenced else text


def _unquote(answer: str, source: str) -> str:
    """Quotation marks the model put around its answer (when the source had none) are not the answer."""
    for left, right in _QUOTES:
        quoted = len(answer) > 1 and answer.startswith(left) and answer.endswith(right)
        if quoted and not (source.startswith(left) and source.endswith(right)):
            return answer[len(left) : -len(right)].strip()
    return answer


def _json_strings(content: str, count: int) -> list[str] | None:
    text = _clean(content)
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end < start:
        return None
    try:
        value = json.loads(text[start : end + 1])
    except ValueError:
        return None
    if not isinstance(value, list) or len(value) != count or not all(isinstance(v, str) for v in value):
        return None
    return [v.strip() for v in value]
