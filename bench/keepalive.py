"""Load-generator HTTP clients: one keep-alive connection each, posting JSON.

``RawClient`` speaks just enough HTTP/1.1 for uvicorn's answers and costs several times less CPU
per request than httpx. That matters here: client and server share two cores, and a client that
eats CPU in proportion to throughput slows the faster route more, pulling the ratio towards 1.
``HttpxClient`` is the same interface over httpx, to check the raw one against.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx


class PostClient(Protocol):
    async def post(self, path: str, payload: dict[str, Any]) -> int: ...

    async def close(self) -> None: ...


class RawClient:
    def __init__(self, base_url: str, headers: dict[str, str]) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.head = "".join(f"{k}: {v}\r\n" for k, v in {"host": parts.netloc, **headers}.items())
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, path: str, payload: dict[str, Any]) -> int:
        """POST ``payload`` as JSON; returns the status once the whole answer is read."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        body = json.dumps(payload).encode()
        writer.write(
            f"POST {path} HTTP/1.1\r\n{self.head}content-type: application/json\r\n"
            f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        try:
            status = int((await reader.readline()).split(b" ", 2)[1])
            length, close = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection":
                    close = value.strip().lower() == b"close"
            await reader.readexactly(length)
        except (IndexError, ValueError, asyncio.IncompleteReadError) as exc:
            await self.close()
            raise ConnectionError(f"bad answer to POST {path}") from exc
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


class HttpxClient:
    def __init__(self, base_url: str, headers: dict[str, str]) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url,
            timeout=30,
            trust_env=False,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            headers=headers,
        )

    async def post(self, path: str, payload: dict[str, Any]) -> int:
        try:
            return (await self.http.post(path, json=payload)).status_code
        except httpx.HTTPError as exc:
            raise ConnectionError(str(exc)) from exc

    async def close(self) -> None:
        await self.http.aclose()


CLIENTS: dict[str, type[RawClient] | type[HttpxClient]] = {"raw": RawClient, "httpx": HttpxClient}
