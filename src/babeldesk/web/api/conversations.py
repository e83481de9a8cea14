"""The inbox: listing, reading, replying to and changing conversations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from babeldesk.core.conversations import Status
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.helpdesk.conversations import (
    INBOX_VIEWS,
    InboxFilter,
    do_update_conversation,
    get_conversation,
    list_conversations,
)
from babeldesk.helpdesk.customers import get_customer
from babeldesk.helpdesk.messages import TranslatedReply, do_send_agent_reply, list_messages
from babeldesk.helpdesk.previews import translated_previews
from babeldesk.helpdesk.records import Conversation, Customer, Message
from babeldesk.helpdesk.workspaces import get_workspace
from babeldesk.web.api.translation import summarise
from babeldesk.web.deps import ConnDep, CurrentAgent, SettingsDep
from babeldesk.web.schemas import (
    ConversationDetail,
    ConversationPage,
    ConversationUpdate,
    MessageCreate,
    MessagePage,
)

router = APIRouter(tags=["conversations"])


def _parse_cursor(before: str | None) -> tuple[datetime, int] | None:
    if before is None:
        return None
    at, _, cid = before.rpartition("|")
    try:
        return datetime.fromisoformat(at), int(cid)
    except ValueError:
        raise DomainError(ErrorCode.INVALID_VALUE, "before: not a cursor from next_before") from None


@router.get("/conversations")
async def inbox(
    agent: CurrentAgent,
    conn: ConnDep,
    view: Annotated[str, Query(pattern="^(" + "|".join(INBOX_VIEWS) + ")$")] = "all",
    status: Status | None = None,
    language: str | None = None,
    channel: str | None = None,
    before: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ConversationPage:
    flt = InboxFilter(view, status, language, channel, _parse_cursor(before), limit)
    found = await list_conversations(conn, agent.workspace_id, agent.id, flt)
    next_before = None
    if len(found) == limit:
        last = found[-1]
        next_before = f"{(last.last_message_at or last.created_at).isoformat()}|{last.id}"
    previews = await translated_previews(conn, agent.workspace_id, [c.id for c in found])
    return ConversationPage(conversations=found, next_before=next_before, preview_translations=previews)


@router.get("/conversations/{conversation_id}")
async def conversation_detail(conversation_id: int, agent: CurrentAgent, conn: ConnDep) -> ConversationDetail:
    conversation = await get_conversation(conn, agent.workspace_id, conversation_id)
    customer = await get_customer(conn, agent.workspace_id, conversation.customer_id)
    return ConversationDetail(conversation=conversation, customer=customer)


@router.patch("/conversations/{conversation_id}")
async def update_conversation(
    conversation_id: int, body: ConversationUpdate, agent: CurrentAgent, conn: ConnDep
) -> Conversation:
    return await do_update_conversation(
        conn,
        agent.workspace_id,
        conversation_id,
        body.model_dump(exclude_unset=True),
        actor_agent_id=agent.id,
    )


@router.get("/conversations/{conversation_id}/messages")
async def thread(
    conversation_id: int,
    agent: CurrentAgent,
    conn: ConnDep,
    after: int | None = None,
    before: int | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> MessagePage:
    await get_conversation(conn, agent.workspace_id, conversation_id)
    found = await list_messages(conn, conversation_id, after=after, before=before, limit=limit)
    return MessagePage(messages=found)


@router.post("/conversations/{conversation_id}/messages", status_code=201)
async def reply(
    conversation_id: int, body: MessageCreate, agent: CurrentAgent, conn: ConnDep, settings: SettingsDep
) -> Message:
    translated = None
    if body.translation is not None:
        workspace = await get_workspace(conn, agent.workspace_id)
        translated = TranslatedReply(
            body.translation.text,
            body.translation.language,
            body.translation.source_language,
            marked=summarise(workspace.settings).mark_machine_translated,
        )
    return await do_send_agent_reply(
        conn,
        agent.workspace_id,
        conversation_id,
        agent.id,
        body.body,
        max_chars=settings.max_message_chars,
        internal=body.internal,
        client_id=body.client_id,
        translated=translated,
    )


@router.get("/customers/{customer_id}")
async def customer_detail(customer_id: int, agent: CurrentAgent, conn: ConnDep) -> Customer:
    return await get_customer(conn, agent.workspace_id, customer_id)
