"""HTML entry points: the agent console, the widget's loader and frame, and the demo shop."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select

from babeldesk.db.tables import workspaces

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).parent / "static"
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape()
)

# Our pages load only our own scripts; anything a message smuggles in has nowhere to run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'"
)


def _html(body: str, *, ancestors: str = "'self'") -> HTMLResponse:
    return HTMLResponse(body, headers={"Content-Security-Policy": CSP.format(ancestors=ancestors)})


@router.get("/")
async def root() -> RedirectResponse:
    return RedirectResponse("/console/")


@router.get("/console/{path:path}")
async def console(path: str) -> HTMLResponse:
    return _html((STATIC / "console" / "index.html").read_text(encoding="utf-8"))


@router.get("/widget.js")
async def widget_loader() -> FileResponse:
    return FileResponse(STATIC / "widget" / "loader.js", media_type="text/javascript")


@router.get("/widget/frame")
async def widget_frame() -> HTMLResponse:
    # The frame is embedded by sellers' shop pages on any origin.
    return _html((STATIC / "widget" / "frame.html").read_text(encoding="utf-8"), ancestors="*")


@router.get("/demo/shop")
async def demo_shop(request: Request) -> Response:
    async with request.app.state.db.engine.connect() as conn:
        key = await conn.scalar(select(workspaces.c.widget_key).order_by(workspaces.c.id).limit(1))
    if key is None:
        return HTMLResponse("No workspace yet: run `babeldesk demo` first.", status_code=404)
    return HTMLResponse(_templates.get_template("demo_shop.html").render(widget_key=key))
