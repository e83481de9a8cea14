"""What every translation engine is to the rest of Babeldesk: a name and one async batch call.

Adapters speak to remote engines over ``httpx`` only (no vendor SDK) and turn every way a call can
fail into one of the errors below, so the fallback chain can decide what to do next.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import httpx

from babeldesk.remote import retry_after_seconds

# Explicit everywhere: a remote engine must never hold a message for longer than the chain allows.
DEFAULT_HTTP_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


@runtime_checkable
class Translator(Protocol):
    name: str

    async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
        """One translation per text, in order. ``source=None`` lets the engine detect the language."""
        ...


class TranslationError(Exception):
    """An engine did not translate. ``engine`` names it for the chain's report."""

    def __init__(self, engine: str, message: str) -> None:
        super().__init__(f"{engine}: {message}")
        self.engine = engine
        self.message = message


class EngineUnavailable(TranslationError):
    """Not reachable or broken for now: connection refused, DNS, timeouts, 5xx."""


class RateLimited(TranslationError):
    """Too many requests or quota used up; ``retry_after`` seconds when the engine said."""

    def __init__(self, engine: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(engine, message)
        self.retry_after = retry_after


class EngineRejected(TranslationError):
    """The engine refused this request: bad key, unsupported language, malformed input (4xx)."""


class EngineBadResponse(TranslationError):
    """The engine answered, but not in its documented format (or with the wrong number of texts)."""


def base_language(code: str) -> str:
    """``pt-BR`` → ``pt``, ``zh-Hans`` → ``zh``, ``EN_us`` → ``en``."""
    return code.replace("_", "-").split("-", 1)[0].lower()


def language_subtags(code: str) -> tuple[str, str]:
    """Base language and script or region: ``zh-hant`` → (``zh``, ``Hant``), ``pt-br`` → (``pt``, ``BR``)."""
    parts = code.replace("_", "-").split("-")
    base, rest = parts[0].lower(), ""
    for part in parts[1:]:
        if len(part) == 4:
            rest = part.title()
        elif len(part) == 2 and not rest:
            rest = part.upper()
    return base, rest


def error_detail(response: httpx.Response) -> str:
    """The most useful short message in an error body, whatever the provider's shape."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:200] or response.reason_phrase
    if isinstance(body, dict):
        error = body.get("error", body.get("message"))
        if isinstance(error, dict):
            error = error.get("message", error)
        if error is not None:
            return str(error)[:200]
    return str(body)[:200]


def is_429(response: httpx.Response) -> bool:
    return response.status_code == 429


def check_response(
    engine: str, response: httpx.Response, *, rate_limited: Callable[[httpx.Response], bool] = is_429
) -> None:
    """Raise the error that fits a non-2xx response; ``rate_limited`` tells the provider's limit answers."""
    status = response.status_code
    if status < 300:
        return
    detail = f"HTTP {status}: {error_detail(response)}"
    if rate_limited(response):
        raise RateLimited(engine, detail, retry_after_seconds(response))
    if status >= 500:
        raise EngineUnavailable(engine, detail)
    raise EngineRejected(engine, detail)


async def post_json(
    engine: str,
    client: httpx.AsyncClient,
    url: str,
    payload: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    rate_limited: Callable[[httpx.Response], bool] = is_429,
) -> Any:
    """POST ``payload`` as JSON and return the decoded JSON answer, mapping failures to our errors."""
    try:
        response = await client.post(url, json=payload, headers=headers, params=params)
    except httpx.TimeoutException as exc:
        raise EngineUnavailable(engine, f"timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise EngineUnavailable(engine, f"{type(exc).__name__}: {exc}") from exc
    check_response(engine, response, rate_limited=rate_limited)
    try:
        return response.json()
    except ValueError as exc:
        raise EngineBadResponse(engine, "answer is not JSON") from exc


def expect_count(engine: str, translations: Sequence[str], texts: Sequence[str]) -> list[str]:
    if len(translations) != len(texts):
        raise EngineBadResponse(engine, f"sent {len(texts)} texts, got {len(translations)} translations")
    return list(translations)


def batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


class HttpEngine:
    """Owns or borrows the ``httpx.AsyncClient`` an adapter talks through."""

    def __init__(self, client: httpx.AsyncClient | None) -> None:
        self._client = client
        self._owns_client = client is None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=DEFAULT_HTTP_TIMEOUT)
        return self._client

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None


class BatchingEngine(HttpEngine, ABC):
    """An HTTP engine that takes up to ``max_texts`` texts per request."""

    max_texts = 1

    async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
        out: list[str] = []
        for chunk in batches(texts, self.max_texts):
            out += await self._translate(chunk, source, target)
        return out

    @abstractmethod
    async def _translate(self, texts: Sequence[str], source: str | None, target: str) -> list[str]:
        """Translations of one batch, in order."""
