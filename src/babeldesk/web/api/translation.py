"""Translation in the console: engines and glossary settings, and replies checked before sending."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select, update

from babeldesk.core.conversations import Role
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.tables import workspaces
from babeldesk.db.translation_tables import glossary_terms
from babeldesk.helpdesk.audit import do_audit
from babeldesk.helpdesk.conversations import get_conversation
from babeldesk.helpdesk.translation import ChainCache, ReplyPreview, preview_reply
from babeldesk.helpdesk.workspaces import get_workspace
from babeldesk.language.translate import TermKind, do_fix_translation, do_keep_term, do_remove_term
from babeldesk.language.translate.config import engine_name, translation_settings
from babeldesk.web.deps import ConnDep, CurrentAgent, DbDep, require_role

router = APIRouter(tags=["translation"])


class EngineSummary(BaseModel):
    name: str
    kind: str
    # Everything but the key, so an editor can show what is saved; keys never leave the server.
    settings: dict[str, Any]
    has_api_key: bool


class TranslationSummary(BaseModel):
    configured: bool
    engines: list[EngineSummary]
    mark_machine_translated: bool
    error: str | None = None


class WorkspacePublic(BaseModel):
    id: int
    slug: str
    name: str
    widget_key: str
    translation: TranslationSummary


class ReplyPreviewRequest(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)


class GlossaryTermCreate(BaseModel):
    term: str = Field(min_length=1, max_length=200)
    kind: TermKind
    language: str | None = Field(default=None, max_length=35)
    translation: str | None = Field(default=None, max_length=500)


class GlossaryTermPublic(BaseModel):
    term: str
    kind: str
    language: str | None
    translation: str | None


def summarise(settings: dict[str, Any]) -> TranslationSummary:
    try:
        parsed = translation_settings(settings)
    except ValidationError as exc:
        return TranslationSummary(
            configured=False, engines=[], mark_machine_translated=True, error=str(exc.errors()[0]["msg"])
        )
    engines = [
        EngineSummary(
            name=engine_name(e),
            kind=e.kind,
            settings=e.model_dump(mode="json", exclude={"api_key", "kind"}, exclude_none=True),
            has_api_key=getattr(e, "api_key", None) is not None,
        )
        for e in parsed.engines
    ]
    return TranslationSummary(
        configured=bool(engines), engines=engines, mark_machine_translated=parsed.mark_machine_translated
    )


@router.get("/workspace")
async def workspace(agent: CurrentAgent, conn: ConnDep) -> WorkspacePublic:
    found = await get_workspace(conn, agent.workspace_id)
    return WorkspacePublic(
        id=found.id,
        slug=found.slug,
        name=found.name,
        widget_key=found.widget_key,
        translation=summarise(found.settings),
    )


@router.put("/workspace/translation", dependencies=[require_role(Role.ADMIN)])
async def set_translation(body: dict[str, Any], agent: CurrentAgent, conn: ConnDep) -> TranslationSummary:
    """Engines in the order to try them, e.g. ``{"engines": [{"kind": "deepl", "api_key": "…"}]}``.

    An engine sent without ``api_key`` keeps the key saved for the same kind at the same URL.
    """
    saved = (await get_workspace(conn, agent.workspace_id)).settings.get("translation") or {}
    body = {**body, "engines": [_keep_key(e, saved.get("engines") or []) for e in body.get("engines") or []]}
    try:
        translation_settings({"translation": body})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DomainError(ErrorCode.INVALID_VALUE, problems) from None
    await conn.execute(
        update(workspaces)
        .where(workspaces.c.id == agent.workspace_id)
        .values(settings=workspaces.c.settings.op("||")({"translation": body}))
    )
    await do_audit(
        conn, agent.workspace_id, agent.id, "translation.configure", "workspace", agent.workspace_id
    )
    return summarise({"translation": body})


def _keep_key(engine: Any, saved: list[Any]) -> Any:
    if not isinstance(engine, dict) or "api_key" in engine:
        return engine
    for old in saved:
        same = old.get("kind") == engine.get("kind") and old.get("url") == engine.get("url")
        if same and old.get("api_key"):
            return {**engine, "api_key": old["api_key"]}
    return engine


@router.post("/conversations/{conversation_id}/reply-preview")
async def reply_preview(
    conversation_id: int, body: ReplyPreviewRequest, agent: CurrentAgent, db: DbDep, request: Request
) -> ReplyPreview:
    """The reply in the customer's language and back in the agent's, to check before sending."""
    async with db.engine.connect() as conn:
        conversation = await get_conversation(conn, agent.workspace_id, conversation_id)
        found = await get_workspace(conn, agent.workspace_id)
    chains: ChainCache = request.app.state.chains
    return await preview_reply(db, chains, agent, conversation, found.settings, body.body)


@router.get("/glossary")
async def glossary(agent: CurrentAgent, conn: ConnDep) -> list[GlossaryTermPublic]:
    rows = await conn.execute(
        select(glossary_terms)
        .where(glossary_terms.c.workspace_id == agent.workspace_id)
        .order_by(glossary_terms.c.term, glossary_terms.c.language)
    )
    return [GlossaryTermPublic.model_validate(r, from_attributes=True) for r in rows]


@router.post("/glossary", status_code=201, dependencies=[require_role(Role.ADMIN, Role.SUPERVISOR)])
async def add_term(body: GlossaryTermCreate, agent: CurrentAgent, conn: ConnDep) -> GlossaryTermPublic:
    if body.kind == TermKind.FIXED:
        if not body.language or not body.translation:
            raise DomainError(ErrorCode.INVALID_VALUE, "a fixed translation needs language and translation")
        await do_fix_translation(conn, agent.workspace_id, body.term, body.language, body.translation)
    else:
        await do_keep_term(conn, agent.workspace_id, body.term)
    await do_audit(conn, agent.workspace_id, agent.id, "glossary.add", "glossary", None, body.model_dump())
    fixed = body.kind == TermKind.FIXED
    return GlossaryTermPublic(
        term=body.term.strip(),
        kind=body.kind,
        language=body.language if fixed else None,
        translation=body.translation if fixed else None,
    )


@router.delete("/glossary", status_code=204, dependencies=[require_role(Role.ADMIN, Role.SUPERVISOR)])
async def remove_term(
    term: str, kind: TermKind, agent: CurrentAgent, conn: ConnDep, language: str | None = None
) -> None:
    if not await do_remove_term(conn, agent.workspace_id, term, kind, language):
        raise DomainError(ErrorCode.NOT_FOUND, f"glossary term {term!r} not found")
    await do_audit(conn, agent.workspace_id, agent.id, "glossary.remove", "glossary", None, {"term": term})
