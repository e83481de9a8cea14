"""What every remote store and carrier adapter shares: one HTTP client with a hard time limit, and the
mapping of everything that can go wrong on the wire to ``StoreUnavailable``, so the bot can say "I can't
reach the shop right now" instead of guessing.

Statuses an adapter must judge itself (404, 400, 409, 422) come back as a ``Reply``; the rest raise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from babeldesk.commerce.store import StoreRateLimited, StoreUnavailable
from babeldesk.remote import retry_after_seconds

# The customer is waiting in a chat: a shop slower than this is, for the conversation, down.
DEFAULT_TIMEOUT_S = 5.0
# Answers the adapter itself decides about; every other non-2xx status means "not available".
_JUDGED = frozenset({400, 404, 409, 422})


_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def check_secure_url(url: str) -> str:
    """An https URL (or http on this machine, for development): keys travel with every request."""
    parts = urlsplit(url)
    if not parts.netloc or parts.scheme not in ("http", "https"):
        raise ValueError(f"{url!r} is not an http(s) URL")
    if parts.scheme != "https" and parts.hostname not in _LOOPBACK:
        raise ValueError(f"{url!r} must use https://: the credentials travel with every request")
    return url


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any  # decoded JSON; None for an empty body


class RemoteApi:
    """A JSON API at ``base_url``; owns its ``httpx.AsyncClient`` unless one is given."""

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        headers: dict[str, str] | None = None,
        auth: httpx.Auth | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client: httpx.AsyncClient | None = None,
        wait_hint: Callable[[httpx.Response], float | None] = retry_after_seconds,
    ) -> None:
        """``wait_hint`` reads how long a 429 asks us to wait, for APIs that say it their own way."""
        self.name = name
        self._wait_hint = wait_hint
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._headers = {"accept": "application/json", **(headers or {})}
        self._auth = auth
        self._client = client
        self._owns_client = client is None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(self.timeout_s))
        return self._client

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None

    async def call(
        self, method: str, path: str, *, params: dict[str, str] | None = None, json: Any = None
    ) -> Reply:
        """``path`` is relative to ``base_url``, or a full URL for another API of the same service."""
        url = path if "://" in path else f"{self.base_url}/{path.lstrip('/')}"
        try:
            # httpx limits each read; this limits the whole exchange, so a server trickling bytes
            # cannot hold the conversation either.
            async with asyncio.timeout(self.timeout_s):
                response = await self.client.request(
                    method, url, params=params, json=json, headers=self._headers, auth=self._auth
                )
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise StoreUnavailable(f"{self.name} did not answer within {self.timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"{self.name} is unreachable ({type(exc).__name__}: {exc})") from exc
        self._check_status(response)
        return Reply(response.status_code, self._decode(response))

    def _check_status(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 300 or status in _JUDGED:
            return
        if status == 429:
            wait = self._wait_hint(response)
            hint = f"; it asks to wait {wait:g} s" if wait is not None else ""
            raise StoreRateLimited(f"{self.name} is rate-limiting us (HTTP 429){hint}", wait)
        if status in (401, 403):
            raise StoreUnavailable(f"{self.name} refused our credentials (HTTP {status}); check the settings")
        raise StoreUnavailable(f"{self.name} answered HTTP {status}")

    def _decode(self, response: httpx.Response) -> Any:
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            if response.status_code >= 300:
                return response.text[:200]  # an error page: the status says enough
            raise StoreUnavailable(f"{self.name} answered with something that is not JSON") from exc

    def unexpected(self, reply: Reply, doing: str) -> StoreUnavailable:
        """The error for an answer the API's documentation does not give for ``doing``."""
        return StoreUnavailable(f"{self.name} answered HTTP {reply.status} to {doing}: {_detail(reply.body)}")


def _detail(body: Any) -> str:
    """The most telling part of an error body, whatever the provider's shape."""
    if isinstance(body, dict):
        for key in ("errors", "error", "message", "meta"):
            if key in body:
                return str(body[key])[:200]
    return str(body)[:200]
