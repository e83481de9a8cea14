// The open conversation's messages and the reply box.

import { api, describe, newClientId, query } from "./api.js";
import { $, fill, h, setText, show } from "./dom.js";
import { messageElement } from "./message.js";
import { ReplyReview } from "./review.js";
import { needsEngineNotice, noEngineNotice } from "./translation.js";

const PAGE_SIZE = 100;
const CATCH_UP_LIMIT = 500;
const STICKY_PX = 80;

export class Thread {
  constructor(app) {
    this.app = app;
    this.id = null;
    this.elements = new Map(); // message id → <li>, kept in id order in the list
    this.messages = new Map(); // message id → the message as last heard from the server
    this.alternate = new Set(); // ids of messages the agent switched to their other version
    // Live updates, numbered as heard: a page requested before an update must not undo it.
    this.heard = 0;
    this.updates = new Map(); // message id → {message, at}
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
    this.notice = $("translation-notice");
    this.review = new ReplyReview(app, this);
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
    this.list.addEventListener("click", (event) => {
      const toggle = event.target.closest("[data-toggle-version]");
      if (toggle) this.toggleVersion(Number(toggle.closest("[data-message-id]").dataset.messageId));
    });
    this.notice.addEventListener("click", (event) => {
      if (event.target.closest("[data-open-settings]")) this.app.openSettings();
    });
  }

  open(id) {
    if (this.id !== null) this.drafts.set(this.id, this.input.value);
    this.id = id;
    this.forget();
    this.list.replaceChildren(h("li", { class: "thread-note" }, "Loading…"));
    show(this.earlier, false);
    this.input.value = this.drafts.get(id) ?? "";
    this.clientId = null;
    this.internal.checked = false;
    this.review.reset();
    this.markInternal();
    this.showError(null);
    this.load(id, query({ limit: PAGE_SIZE }), true);
  }

  close() {
    if (this.id !== null) this.drafts.set(this.id, this.input.value);
    this.id = null;
    this.forget();
    this.review.reset();
    this.list.replaceChildren();
  }

  forget() {
    this.elements.clear();
    this.messages.clear();
    this.alternate.clear();
    this.updates.clear();
    this.renderNotice();
  }

  /**
   * After a reconnect: fetch what was written since the newest message shown, and the latest page
   * again, since translations may have arrived for messages already on screen.
   */
  reload() {
    if (this.id === null) return;
    const newest = Math.max(0, ...this.elements.keys());
    if (newest) this.load(this.id, query({ after: newest, limit: CATCH_UP_LIMIT }), false);
    this.load(this.id, query({ limit: PAGE_SIZE }), newest === 0);
  }

  /** The open conversation changed (its language, say), or the workspace's translation settings. */
  conversationChanged() {
    this.review.refresh();
    this.renderNotice();
  }

  /** Redraw every message: what the agent reads depends on the workspace's engines too. */
  redraw() {
    for (const message of [...this.messages.values()]) this.replace(message);
    this.conversationChanged();
  }

  async load(id, params, first) {
    const since = this.heard;
    try {
      const [page] = await Promise.all([api("GET", `/conversations/${id}/messages${params}`), this.app.view.ready]);
      if (id !== this.id) return;
      const stick = first || this.nearBottom();
      for (const message of page.messages) this.add(this.newest(message, since));
      if (first) show(this.earlier, page.messages.length === PAGE_SIZE);
      this.renderEmpty();
      this.renderNotice();
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
    const since = this.heard;
    this.earlier.disabled = true;
    try {
      const page = await api("GET", `/conversations/${id}/messages${query({ before: oldest, limit: PAGE_SIZE })}`);
      if (id !== this.id) return;
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      for (const message of page.messages) this.add(this.newest(message, since));
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
    this.renderNotice();
    if (stick) this.scrollToBottom();
  }

  /** A newer state of a message: its language was detected, or its translations arrived. */
  onMessageUpdated(message) {
    if (message.conversation_id !== this.id) return;
    this.heard += 1;
    this.updates.set(message.id, { message, at: this.heard });
    if (!this.elements.has(message.id)) return; // a page on its way will bring it, or this update
    const stick = this.nearBottom();
    this.replace(message);
    this.renderNotice();
    if (stick) this.scrollToBottom();
  }

  /** The message from a page requested when `since` updates had been heard, or a later update. */
  newest(message, since) {
    const update = this.updates.get(message.id);
    return update && update.at > since ? update.message : message;
  }

  add(message) {
    if (message.conversation_id !== this.id) return;
    if (this.elements.has(message.id)) {
      this.replace(message);
      return;
    }
    this.messages.set(message.id, message);
    const element = this.buildMessage(message);
    let next = null;
    for (const [otherId, other] of this.elements) {
      if (otherId > message.id && (next === null || otherId < Number(next.dataset.messageId))) next = other;
    }
    this.list.insertBefore(element, next);
    this.elements.set(message.id, element);
  }

  replace(message) {
    const old = this.elements.get(message.id);
    if (!old) return;
    this.messages.set(message.id, message);
    const element = this.buildMessage(message);
    old.replaceWith(element);
    this.elements.set(message.id, element);
  }

  toggleVersion(id) {
    if (!this.alternate.delete(id)) this.alternate.add(id);
    this.replace(this.messages.get(id));
    this.elements.get(id)?.querySelector("[data-toggle-version]")?.focus();
  }

  /** Once per conversation: the agent cannot read it, and no engine can translate it. */
  renderNotice() {
    const { me, workspace } = this.app;
    const language = this.app.view.conversation?.language;
    const visible =
      this.id !== null && needsEngineNotice([...this.messages.values()], language, me, workspace?.translation);
    show(this.notice, visible);
    if (!visible) return;
    const settings = h("button", { type: "button", class: "link", "data-open-settings": true }, "Open settings");
    fill(this.notice, h("span", {}, noEngineNotice(workspace?.translation)), me?.role === "admin" && settings);
  }

  renderEmpty() {
    this.list.querySelector(".thread-note")?.remove();
    if (this.elements.size === 0) this.list.append(h("li", { class: "thread-note" }, "No messages yet"));
  }

  buildMessage(message) {
    const me = this.app.me;
    return messageElement(message, {
      me,
      author: this.authorOf(message),
      authorIsMe: message.author_type === "agent" && message.author_agent_id === me?.id,
      alternate: this.alternate.has(message.id),
      engineConfigured: this.app.workspace?.translation?.configured ?? false,
      conversationLanguage: this.app.view.conversation?.language,
    });
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

  /** Send the draft: as written, or first through the translation review. */
  send() {
    const body = this.input.value;
    if (this.id === null || this.sending || this.review.active || !body.trim()) return;
    if (this.review.wanted()) this.review.start(this.id, body);
    else this.deliver(body);
  }

  /**
   * Post the reply; with `translation` the customer receives its text and the agent's words are kept.
   * Returns whether it was stored, so that the review knows to close.
   */
  async deliver(body, translation = null) {
    const id = this.id;
    if (id === null || this.sending) return false;
    this.clientId ??= newClientId();
    this.setSending(true);
    this.showError(null);
    try {
      const message = await api("POST", `/conversations/${id}/messages`, {
        body,
        client_id: this.clientId,
        internal: this.internal.checked,
        ...(translation ? { translation } : {}),
      });
      this.drafts.delete(id);
      if (id === this.id) {
        this.input.value = "";
        this.clientId = null;
        this.onMessage(message);
        this.scrollToBottom();
      }
      return true;
    } catch (error) {
      if (id === this.id) this.showError(describe(error));
      return false;
    } finally {
      this.setSending(false);
    }
  }

  setSending(sending) {
    this.sending = sending;
    this.sendButton.disabled = sending;
    this.review.setBusy(sending);
  }

  markInternal() {
    this.review.refresh();
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
