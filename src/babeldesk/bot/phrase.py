"""Optional: an OpenAI-compatible model rephrases the bot's composed replies to read more naturally.

Configured per workspace as ``settings["bot"]["llm"] = {"url", "model", "api_key"}``; the bot works
fully without it. The model sees only the composed reply and the turn's other replies as facts, and
its answer is kept only when every protected span (order and tracking numbers, amounts, emails,
links) and every number (dates, times, counts) of the template comes back unchanged and no number is
added. Anything else (a timeout, an error, a rephrasing that bends a fact) keeps the template.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from babeldesk.bot.facts import calendar_words
from babeldesk.bot.slots import normalize_digits
from babeldesk.language.translate.base import TranslationError, post_json
from babeldesk.language.translate.openai_compat import language_name
from babeldesk.language.translate.protect import mask

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 6.0
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)


class Phraser:
    def __init__(
        self,
        url: str,
        *,
        model: str,
        api_key: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        base = url.rstrip("/")
        if not base.endswith("/chat/completions"):
            base = f"{base.removesuffix('/v1')}/v1/chat/completions"
        self.endpoint = base
        self.model = model
        self._api_key = api_key
        self._timeout = timeout
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=2.0))

    async def rephrase(self, text: str, language: str, *, facts: Sequence[str]) -> str:
        """``text`` said more naturally in ``language``, or ``text`` itself when that cannot be trusted."""
        try:
            async with asyncio.timeout(self._timeout):
                answer = await self._complete(_instructions(language, facts), text)
        except (TranslationError, TimeoutError) as exc:
            log.info("phrasing skipped: %s", exc)
            return text
        answer = _THINKING.sub("", answer).strip()
        if not answer or not keeps_facts(text, answer, language):
            log.info("phrasing rejected: a fact changed")
            return text
        return answer

    async def _complete(self, system: str, user: str) -> str:
        payload = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": 0.3,
            "stream": False,
        }
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else None
        data = await post_json("phrase", self._client, self.endpoint, payload, headers=headers)
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            return ""
        return content if isinstance(content, str) else ""

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()


def phraser_from_settings(
    settings: Mapping[str, Any] | None, client: httpx.AsyncClient | None = None
) -> Phraser | None:
    """The workspace's phraser, or None when no LLM endpoint is configured (or it is incomplete).

    Pass a long-lived ``client`` when building one per turn; without one, call ``aclose`` when done.
    """
    bot = (settings or {}).get("bot") or {}
    llm = bot.get("llm") if isinstance(bot, Mapping) else None
    if not isinstance(llm, Mapping):
        return None
    url, model, key = llm.get("url"), llm.get("model"), llm.get("api_key")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or not isinstance(model, str):
        return None
    return Phraser(url, model=model, api_key=key if isinstance(key, str) and key else None, client=client)


def keeps_facts(template: str, rephrased: str, language: str) -> bool:
    """Every protected span and every month or weekday name of the template is in the rephrasing,
    and both hold the same numbers ("1 de marzo" must not become "1 de abril")."""
    spans = [span.text for span in mask(template, target=language).spans]
    names = [name for name in calendar_words(language) if name in template]
    if any(rephrased.count(kept) < template.count(kept) for kept in [*spans, *names]):
        return False
    return _numbers(template) == _numbers(rephrased)


def _numbers(text: str) -> Counter[str]:
    return Counter(_NUMBER.findall(normalize_digits(text)))


def _instructions(language: str, facts: Sequence[str]) -> str:
    known = "\n".join(f"- {fact}" for fact in facts)
    return (
        "You are the customer-service assistant of an online shop. The user message is a reply the "
        f"assistant is about to send. Rewrite it in {language_name(language)} so that it reads "
        "naturally and kindly, in the same language and about the same length. Use only what it "
        "says and these facts from the same conversation:\n"
        f"{known}\n"
        "Copy every number, order number, tracking number, date, time, amount, email address, phone "
        "number and link exactly as written. Add no promise, no new fact and no greeting. Answer "
        "with the rewritten reply only."
    )
