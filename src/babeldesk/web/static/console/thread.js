// The open conversation's messages and the reply box.

import { api, describe, newClientId, query } from "./api.js";
import { $, h, setText, show } from "./dom.js";
import { fullDate, messageTime } from "./format.js";

const PAGE_SIZE = 100;
const CATCH_UP_LIMIT = 500;
const STICKY_PX = 80;

export class Thread {
  constructor(app) {
    this.app = app;
    this.id = null;
    this.elements = new Map(); // message id → <li>, kept in id order in the list
    this.drafts = new Map();
    this.clientId = null; // kept across retries of the same text, so a retry is stored once
    this.sending = false;
    this.list = $("thread");
    this.scroller = $("thread-scroll");
    this.earlier = $("thread-earlier");
    this.form = $("reply");
    this.input = $("reply-input");
    this.internal = $("reply-internal");
    this.sendButton = $("reply-send");
    this.error = $("reply-error");
    this.bind();
  }

  bind() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    this.input.addEventListener("keydown", (event) => {
      // isComposing: Enter also confirms a Chinese or Japanese IME candidate; that must not send.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.send();
      } else if (event.key === "Escape") {
        this.input.blur();
      }
    });
    this.input.addEventListener("input", () => {
      this.clientId = null;
      this.showError(null);
    });
    this.internal.addEventListener("change", () => this.markInternal());
    this.earlier.addEventListener("click", () => this.loadEarlier());
  }

  open(id) {
    if (this.id !== null) this.drafts.set(this.id, this.input.value);
    this.id = id;
    this.elements.clear();
    this.list.replaceChildren(h("li", { class: "thread-note" }, "Loading…"));
    show(this.earlier, false);
    this.input.value = this.drafts.get(id) ?? "";
    this.clientId = null;
    this.internal.checked = false;
    this.markInternal();
    this.showError(null);
    this.load(id, query({ limit: PAGE_SIZE }), true);
  }

  close() {
    if (this.id !== null) this.drafts.set(this.id, this.input.value);
    this.id = null;
    this.elements.clear();
    this.list.replaceChildren();
  }

  /** After a reconnect: fetch only what was written since the newest message shown. */
  reload() {
    if (this.id === null) return;
    const newest = Math.max(0, ...this.elements.keys());
    const params = newest ? { after: newest, limit: CATCH_UP_LIMIT } : { limit: PAGE_SIZE };
    this.load(this.id, query(params), newest === 0);
  }

  async load(id, params, first) {
    try {
      const [page] = await Promise.all([api("GET", `/conversations/${id}/messages${params}`), this.app.view.ready]);
      if (id !== this.id) return;
      const stick = first || this.nearBottom();
      for (const message of page.messages) this.add(message);
      if (first) show(this.earlier, page.messages.length === PAGE_SIZE);
      this.renderEmpty();
      if (stick) this.scrollToBottom();
    } catch (error) {
      if (id !== this.id) return;
      if (first) this.list.replaceChildren(h("li", { class: "thread-note error" }, describe(error)));
      else this.app.flash(`Could not catch up on new messages: ${describe(error)}`);
    }
  }

  async loadEarlier() {
    const id = this.id;
    const oldest = Math.min(...this.elements.keys());
    this.earlier.disabled = true;
    try {
      const page = await api("GET", `/conversations/${id}/messages${query({ before: oldest, limit: PAGE_SIZE })}`);
      if (id !== this.id) return;
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      for (const message of page.messages) this.add(message);
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
      show(this.earlier, page.messages.length === PAGE_SIZE);
    } catch (error) {
      this.app.flash(`Could not load earlier messages: ${describe(error)}`);
    } finally {
      this.earlier.disabled = false;
    }
  }

  /** A message from a live event: shown once, however many times it arrives. */
  onMessage(message) {
    if (message.conversation_id !== this.id) return;
    const stick = this.nearBottom();
    this.add(message);
    this.renderEmpty();
    if (stick) this.scrollToBottom();
  }

  add(message) {
    if (message.conversation_id !== this.id || this.elements.has(message.id)) return;
    const element = this.buildMessage(message);
    let next = null;
    for (const [otherId, other] of this.elements) {
      if (otherId > message.id && (next === null || otherId < Number(next.dataset.messageId))) next = other;
    }
    this.list.insertBefore(element, next);
    this.elements.set(message.id, element);
  }

  renderEmpty() {
    this.list.querySelector(".thread-note")?.remove();
    if (this.elements.size === 0) this.list.append(h("li", { class: "thread-note" }, "No messages yet"));
  }

  buildMessage(message) {
    const internal = message.direction === "internal";
    const language = message.language ?? this.app.view.conversation?.language;
    return h(
      "li",
      {
        class: `message message-${message.direction}`,
        "data-testid": "message",
        "data-message-id": message.id,
        "data-direction": message.direction,
      },
      h(
        "div",
        { class: "bubble" },
        h("div", { class: "message-body", "data-testid": "message-body", dir: "auto", lang: language }, message.body),
      ),
      h(
        "div",
        { class: "message-meta" },
        internal && h("span", { class: "note-label" }, "Internal note"),
        h("span", { class: "author" }, this.authorOf(message)),
        h("time", { datetime: message.created_at, title: fullDate(message.created_at) }, messageTime(message.created_at)),
        message.direction === "outbound" &&
          h("span", { class: `delivery delivery-${message.delivery_status}` }, message.delivery_status),
      ),
    );
  }

  authorOf(message) {
    if (message.author_type === "customer") {
      const conversation = this.app.view.conversation;
      return conversation ? (conversation.customer_name ?? `Visitor #${conversation.customer_id}`) : "Customer";
    }
    if (message.author_type === "agent") {
      return message.author_agent_id === null ? "Agent" : this.app.agentName(message.author_agent_id);
    }
    return message.author_type === "bot" ? "Bot" : "System";
  }

  async send() {
    const id = this.id;
    const body = this.input.value;
    if (id === null || this.sending || !body.trim()) return;
    this.clientId ??= newClientId();
    this.sending = true;
    this.sendButton.disabled = true;
    this.showError(null);
    try {
      const message = await api("POST", `/conversations/${id}/messages`, {
        body,
        client_id: this.clientId,
        internal: this.internal.checked,
      });
      this.drafts.delete(id);
      if (id === this.id) {
        this.input.value = "";
        this.clientId = null;
        this.onMessage(message);
        this.scrollToBottom();
      }
    } catch (error) {
      if (id === this.id) this.showError(describe(error));
    } finally {
      this.sending = false;
      this.sendButton.disabled = false;
    }
  }

  markInternal() {
    const internal = this.internal.checked;
    this.form.classList.toggle("reply-as-note", internal);
    setText(this.sendButton, internal ? "Add note" : "Send");
    this.input.placeholder = internal
      ? "Internal note, seen only by agents… (Enter adds it)"
      : "Reply… (Enter sends, Shift+Enter for a new line)";
  }

  focusReply() {
    if (this.id !== null) this.input.focus();
  }

  showError(text) {
    setText(this.error, text);
    show(this.error, Boolean(text));
  }

  nearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < STICKY_PX;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
