"""Turning domain errors and malformed requests into clear HTTP answers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from babeldesk.core.errors import DomainError, ErrorCode

STATUS = {
    ErrorCode.MESSAGE_EMPTY: 422,
    ErrorCode.MESSAGE_TOO_LONG: 413,
    ErrorCode.INVALID_TRANSITION: 409,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.INVALID_VALUE: 422,
    ErrorCode.CONFLICT: 409,
}


def error_body(code: str, detail: object) -> dict[str, object]:
    return {"error": {"code": code, "detail": detail}}


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return JSONResponse(error_body(exc.code, exc.detail), status_code=STATUS[exc.code])


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [_field_problem(err["loc"], err["msg"]) for err in exc.errors()]
    return JSONResponse(error_body("invalid_request", fields), status_code=422)


def _field_problem(loc: tuple[int | str, ...], problem: str) -> dict[str, str]:
    """``{"in": "body", "field": "messages.0.body", "problem": ...}``: which field, said plainly."""
    where, *path = loc
    return {"in": str(where), "field": ".".join(map(str, path)) or str(where), "problem": problem}


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail
    if exc.status_code == 400 and detail == "There was an error parsing the body":
        detail = "the body is not JSON in UTF-8"
    code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(
        exc.status_code, "http_error"
    )
    return JSONResponse(error_body(code, detail), status_code=exc.status_code, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413 before anything parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            error_body("request_too_large", f"request body over {self.max_bytes} bytes"), status_code=413
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass
