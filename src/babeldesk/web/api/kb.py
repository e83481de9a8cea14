"""The knowledge base in the console: everyone reads and searches; admins and supervisors edit."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from babeldesk.core.conversations import Role
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.kb.articles import get_article, list_articles
from babeldesk.kb.editing import (
    do_change_article,
    do_remove_article,
    do_remove_version,
    do_write_article,
    do_write_version,
)
from babeldesk.kb.records import Article, ArticleDetail, Kind, Version, VersionSummary
from babeldesk.kb.search import KbPassage, search_text
from babeldesk.kb.sources import MAX_BODY, MAX_SLUG, MAX_TITLE
from babeldesk.kb.translate import do_machine_version
from babeldesk.language import UNDETERMINED, detect
from babeldesk.web.deps import ConnDep, CurrentAgent, DbDep, require_role

router = APIRouter(prefix="/kb", tags=["knowledge base"])
EDITORS = require_role(Role.ADMIN, Role.SUPERVISOR)
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Tag = Annotated[str, Field(min_length=1, max_length=50)]


class VersionWrite(BaseModel):
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    body: str = Field(min_length=1, max_length=MAX_BODY)


class ArticleCreate(VersionWrite):
    slug: str = Field(pattern=SLUG, max_length=MAX_SLUG)
    kind: Kind = Kind.ARTICLE
    tags: list[Tag] = Field(default_factory=list, max_length=30)
    language: str = Field(min_length=2, max_length=35)


class ArticleUpdate(BaseModel):
    slug: str | None = Field(default=None, pattern=SLUG, max_length=MAX_SLUG)
    kind: Kind | None = None
    tags: list[Tag] | None = Field(default=None, max_length=30)


class SearchHit(BaseModel):
    article_id: int
    slug: str
    kind: Kind
    tags: list[str]
    passage: KbPassage
    versions: list[VersionSummary]
    score: float
    good_answer: bool


@router.get("/articles")
async def articles(
    agent: CurrentAgent,
    conn: ConnDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[Article]:
    return await list_articles(conn, agent.workspace_id, limit=limit, offset=offset)


@router.get("/search")
async def search(
    agent: CurrentAgent,
    db: DbDep,
    q: Annotated[str, Query(min_length=1, max_length=1000)],
    language: Annotated[str | None, Query(max_length=35)] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[SearchHit]:
    """Articles answering ``q`` (a customer's question in ``language``, detected when not given)."""
    if not language:
        found = (await asyncio.to_thread(detect, q)).language
        language = None if found == UNDETERMINED else found
    async with db.transaction() as conn:
        hits = await search_text(conn, agent.workspace_id, q, language=language, limit=limit)
    return [
        SearchHit(
            article_id=hit.article_id,
            slug=hit.slug,
            kind=hit.kind,
            tags=hit.tags,
            passage=hit.passage,
            versions=hit.versions,
            score=hit.score,
            good_answer=hit.good_answer,
        )
        for hit in hits
    ]


@router.get("/articles/{article_id}")
async def article(article_id: int, agent: CurrentAgent, conn: ConnDep) -> ArticleDetail:
    return await get_article(conn, agent.workspace_id, article_id)


@router.post("/articles", status_code=201, dependencies=[EDITORS])
async def create_article(body: ArticleCreate, agent: CurrentAgent, db: DbDep) -> ArticleDetail:
    fields = body.model_dump()
    return await do_write_article(db, agent.workspace_id, agent.id, **fields)


@router.patch("/articles/{article_id}", dependencies=[EDITORS])
async def update_article(
    article_id: int, body: ArticleUpdate, agent: CurrentAgent, db: DbDep
) -> ArticleDetail:
    return await do_change_article(db, agent.workspace_id, agent.id, article_id, **body.model_dump())


@router.delete("/articles/{article_id}", status_code=204, dependencies=[EDITORS])
async def delete_article(article_id: int, agent: CurrentAgent, db: DbDep) -> None:
    await do_remove_article(db, agent.workspace_id, agent.id, article_id)


@router.put("/articles/{article_id}/versions/{language}", dependencies=[EDITORS])
async def write_version(
    article_id: int, language: str, body: VersionWrite, agent: CurrentAgent, db: DbDep
) -> Version:
    """A person's version in ``language`` (it replaces a machine translation there)."""
    return await do_write_version(
        db, agent.workspace_id, agent.id, article_id, language=language, title=body.title, body=body.body
    )


@router.delete("/articles/{article_id}/versions/{language}", status_code=204, dependencies=[EDITORS])
async def delete_version(article_id: int, language: str, agent: CurrentAgent, db: DbDep) -> None:
    await do_remove_version(db, agent.workspace_id, agent.id, article_id, language)


@router.post("/articles/{article_id}/versions/{language}/translate", dependencies=[EDITORS])
async def translate_version(
    article_id: int, language: str, agent: CurrentAgent, db: DbDep, request: Request
) -> Version:
    """The article machine-translated into ``language`` through the workspace's engines."""
    chains: ChainCache = request.app.state.chains
    version = await do_machine_version(db, chains, agent.workspace_id, article_id, language)
    if version is None:
        raise DomainError(
            ErrorCode.CONFLICT, "not translated: no translation engine is set up, or none of them answered"
        )
    return version
