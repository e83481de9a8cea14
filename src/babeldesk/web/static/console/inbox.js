// The inbox column: views, filters, the conversation list, and keeping that list live.

import { api, describe, query } from "./api.js";
import { botBadges } from "./bot.js";
import { $, h, setOptions } from "./dom.js";
import { fullDate, languageName, relativeTime } from "./format.js";
import { translationFor } from "./translation.js";

const PAGE_SIZE = 50;
const FILTERS_KEY = "babeldesk.console.filters";
const DEFAULT_FILTERS = { view: "all", status: "open", language: "", channel: "" };
const CHANNELS = ["web", "email", "whatsapp", "telegram", "messenger", "line", "sms", "api"];

function activityAt(conversation) {
  return conversation.last_message_at ?? conversation.created_at;
}

/** The server's order: latest activity first, then the higher id. */
function newestFirst(a, b) {
  return Date.parse(activityAt(b)) - Date.parse(activityAt(a)) || b.id - a.id;
}

function loadFilters() {
  try {
    return { ...DEFAULT_FILTERS, ...JSON.parse(localStorage.getItem(FILTERS_KEY) ?? "{}") };
  } catch {
    return { ...DEFAULT_FILTERS };
  }
}

export function customerLabel(conversation) {
  return conversation.customer_name || `Visitor #${conversation.customer_id}`;
}

export class Inbox {
  constructor(app) {
    this.app = app;
    this.list = $("inbox-list");
    this.more = $("inbox-more");
    this.selects = { status: $("filter-status"), language: $("filter-language"), channel: $("filter-channel") };
    this.filters = loadFilters();
    this.conversations = new Map();
    // By conversation: its last message when the customer's, with translations (the API's
    // preview_translations, then live messages), so a row can read in the agent's language.
    this.lastMessages = new Map();
    this.rows = new Map();
    this.order = [];
    this.nextBefore = null;
    this.generation = 0;
    // Events that arrive while a page is loading are applied again on top of that page.
    this.arrivedDuringLoad = null;
    setOptions(this.selects.channel, [["", "Any"], ...CHANNELS.map((c) => [c, c])], this.filters.channel);
    this.refreshLanguageOptions();
    this.selects.status.value = this.filters.status;
    this.markView();
    this.bind();
  }

  bind() {
    for (const tab of document.querySelectorAll("[data-view]")) {
      tab.addEventListener("click", () => this.setFilter("view", tab.dataset.view));
    }
    for (const [name, select] of Object.entries(this.selects)) {
      select.addEventListener("change", () => this.setFilter(name, select.value));
    }
    this.more.addEventListener("click", () => this.loadMore());
    this.list.addEventListener("click", (event) => {
      const row = event.target.closest("[data-conversation-id]");
      if (row) this.app.open(Number(row.dataset.conversationId));
    });
    this.list.addEventListener("keydown", (event) => this.onKey(event));
  }

  onKey(event) {
    const row = event.target.closest("[data-conversation-id]");
    if (!row) return;
    const moves = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling };
    if (event.key in moves) {
      moves[event.key]?.focus();
      event.preventDefault();
    } else if (event.key === "Enter" || event.key === " ") {
      this.app.open(Number(row.dataset.conversationId));
      event.preventDefault();
    }
  }

  setFilter(name, value) {
    this.filters[name] = value;
    localStorage.setItem(FILTERS_KEY, JSON.stringify(this.filters));
    this.markView();
    this.reload();
  }

  markView() {
    for (const tab of document.querySelectorAll("[data-view]")) {
      tab.setAttribute("aria-selected", String(tab.dataset.view === this.filters.view));
    }
  }

  refreshLanguageOptions() {
    const codes = new Set(this.app.languages);
    if (this.filters.language) codes.add(this.filters.language);
    const options = [...codes].sort().map((code) => [code, `${languageName(code)} (${code})`]);
    setOptions(this.selects.language, [["", "Any"], ...options], this.filters.language);
  }

  query(before = null) {
    const { view, status, language, channel } = this.filters;
    return query({ view, status, language, channel, limit: PAGE_SIZE, before });
  }

  async reload() {
    const generation = ++this.generation;
    this.arrivedDuringLoad = [];
    this.list.setAttribute("aria-busy", "true");
    try {
      const page = await api("GET", `/conversations${this.query()}`);
      if (generation !== this.generation) return;
      const arrived = this.arrivedDuringLoad;
      this.arrivedDuringLoad = null;
      this.conversations = new Map(page.conversations.map((c) => [c.id, c]));
      this.lastMessages = new Map(lastMessagesOf(page));
      this.rows.clear();
      this.order = page.conversations.map((c) => c.id);
      this.nextBefore = page.next_before;
      this.app.noteLanguages(page.conversations);
      for (const conversation of arrived) this.upsert(conversation);
      this.render();
    } catch (error) {
      if (generation !== this.generation) return;
      this.arrivedDuringLoad = null;
      this.list.replaceChildren(h("li", { class: "empty error" }, `Could not load conversations: ${describe(error)}`));
    } finally {
      if (generation === this.generation) this.list.removeAttribute("aria-busy");
    }
  }

  async loadMore() {
    const generation = this.generation;
    this.more.disabled = true;
    try {
      const page = await api("GET", `/conversations${this.query(this.nextBefore)}`);
      if (generation !== this.generation) return;
      for (const conversation of page.conversations) {
        if (this.conversations.has(conversation.id)) continue;
        this.conversations.set(conversation.id, conversation);
        this.order.push(conversation.id);
      }
      for (const [id, last] of lastMessagesOf(page)) this.lastMessages.set(id, last);
      this.nextBefore = page.next_before;
      this.app.noteLanguages(page.conversations);
      this.render();
    } catch (error) {
      this.app.flash(`Could not load more conversations: ${describe(error)}`);
    } finally {
      this.more.disabled = false;
    }
  }

  matches(conversation) {
    const { view, status, language, channel } = this.filters;
    if (view === "mine" && conversation.assignee_id !== this.app.me.id) return false;
    if (view === "unassigned" && conversation.assignee_id !== null) return false;
    if (status && conversation.status !== status) return false;
    if (language && conversation.language !== language) return false;
    return !channel || conversation.channel === channel;
  }

  /** A message arrived or changed (call before `upsert` of its conversation): a new one is now the
   * last; a change (its translations arriving) matters only to the last. Notes change no preview. */
  noteMessage(message, created) {
    if (message.direction === "internal") return;
    const id = message.conversation_id;
    if (created || this.lastMessages.get(id)?.message_id === message.id) {
      const customers = message.direction === "inbound";
      const last = { message_id: message.id, language: message.language, translations: message.translations };
      if (customers) this.lastMessages.set(id, last);
      else this.lastMessages.delete(id);
      this.rows.delete(id);
    }
  }

  /** The last message's translation this agent reads, or null to show it as written. */
  translatedPreview(id) {
    const last = this.lastMessages.get(id);
    if (!last) return null;
    const message = { direction: "inbound", language: last.language, translations: last.translations };
    const found = translationFor(message, this.app.me);
    return found && { ...found, source: last.language };
  }

  /** A conversation changed (live event or our own action): move, update, add or drop its row. */
  upsert(conversation) {
    this.arrivedDuringLoad?.push(conversation);
    this.app.noteLanguages([conversation]);
    const known = this.conversations.get(conversation.id);
    if (known && Date.parse(known.updated_at) > Date.parse(conversation.updated_at)) return;
    if (!this.matches(conversation)) {
      if (known) this.drop(conversation.id);
      return;
    }
    const oldest = this.conversations.get(this.order.at(-1));
    if (!known && this.nextBefore !== null && oldest && newestFirst(conversation, oldest) > 0) {
      return; // it belongs to a page not loaded yet; "Load more" will bring it
    }
    this.conversations.set(conversation.id, conversation);
    this.rows.delete(conversation.id);
    this.order = [...this.conversations.values()].sort(newestFirst).map((c) => c.id);
    this.render();
  }

  drop(id) {
    this.conversations.delete(id);
    this.rows.delete(id);
    this.order = this.order.filter((other) => other !== id);
    this.render();
  }

  clear() {
    this.generation++;
    this.conversations.clear();
    this.rows.clear();
    this.order = [];
    this.list.replaceChildren();
  }

  render() {
    const focused = this.list.contains(document.activeElement) ? document.activeElement.dataset.conversationId : null;
    if (this.order.length === 0) {
      this.list.replaceChildren(h("li", { class: "empty", "data-testid": "inbox-empty" }, "No conversations"));
    } else {
      this.list.replaceChildren(...this.order.map((id) => this.rowFor(id)));
      const current = this.rows.get(this.app.openId) ?? this.rows.get(this.order[0]);
      current.tabIndex = 0;
    }
    this.more.hidden = this.nextBefore === null;
    if (focused) this.rows.get(Number(focused))?.focus();
  }

  rowFor(id) {
    let row = this.rows.get(id);
    if (!row) {
      row = buildRow(this.conversations.get(id), this.app, this.translatedPreview(id));
      this.rows.set(id, row);
    }
    row.setAttribute("aria-selected", String(id === this.app.openId));
    row.tabIndex = -1;
    return row;
  }

  select(id) {
    for (const [rowId, row] of this.rows) {
      row.setAttribute("aria-selected", String(rowId === id));
      row.tabIndex = rowId === id ? 0 : -1;
    }
  }

  /** The conversation `step` rows away from `id` (or the first one), for j/k. */
  neighbour(id, step) {
    const index = this.order.indexOf(id);
    if (index === -1) return this.order[0] ?? null;
    return this.order[index + step] ?? null;
  }
}

function lastMessagesOf(page) {
  return Object.entries(page.preview_translations ?? {}).map(([id, last]) => [Number(id), last]);
}

/** The row's one line: the translation the agent reads, marked as such, or the words as written. */
function previewLine(conversation, translated) {
  if (!translated) {
    return h(
      "div",
      { class: "row-preview", dir: "auto", lang: conversation.language, "data-testid": "inbox-preview" },
      conversation.last_message_preview ?? conversation.subject ?? "",
    );
  }
  const source = languageName(translated.source);
  return h(
    "div",
    { class: "row-preview", dir: "auto", lang: translated.language, "data-testid": "inbox-preview" },
    h(
      "span",
      { class: "row-translated", title: `Translated from ${source}`, "data-testid": "inbox-preview-translated" },
      "⇄",
    ),
    " ",
    translated.text,
  );
}

function buildRow(conversation, app, translated) {
  const at = activityAt(conversation);
  const assignee = conversation.assignee_id === null ? null : app.agentName(conversation.assignee_id);
  const urgent = conversation.priority === "high" || conversation.priority === "urgent";
  return h(
    "li",
    {
      class: `row${urgent ? " row-urgent" : ""}${conversation.waiting_since ? " row-waiting" : ""}${conversation.alert ? " row-alert" : ""}`,
      role: "option",
      "data-testid": "inbox-row",
      "data-conversation-id": conversation.id,
      "data-status": conversation.status,
      "data-priority": conversation.priority,
    },
    h(
      "div",
      { class: "row-top" },
      h("span", { class: "row-name", dir: "auto" }, customerLabel(conversation)),
      h("time", { class: "row-time", datetime: at, title: fullDate(at), "data-relative": true }, relativeTime(at)),
    ),
    previewLine(conversation, translated),
    h(
      "div",
      { class: "row-meta" },
      conversation.language &&
        h("span", { class: "badge badge-lang", title: languageName(conversation.language) }, conversation.language),
      h("span", { class: "badge" }, conversation.channel),
      conversation.priority !== "normal" &&
        h("span", { class: `badge priority-${conversation.priority}` }, conversation.priority),
      h("span", { class: `badge status-${conversation.status}` }, conversation.status),
      botBadges(conversation),
      assignee && h("span", { class: "row-assignee", title: `Assigned to ${assignee}` }, assignee),
    ),
  );
}
