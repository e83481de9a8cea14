// The open conversation's header: who, what state, and the actions that change it.

import { api, describe } from "./api.js";
import { BotControls } from "./bot.js";
import { $, h, setOptions, setText, show } from "./dom.js";
import { fullDate, languageName } from "./format.js";
import { customerLabel } from "./inbox.js";

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const REOPEN_LABEL = { resolved: "Reopen", snoozed: "Unsnooze", pending: "Mark open" };

export class ConversationView {
  constructor(app) {
    this.app = app;
    this.id = null;
    this.conversation = null;
    this.ready = Promise.resolve();
    for (const id of [
      "conversation-empty", "conversation-view", "conv-name", "conv-subject", "conversation-status",
      "assign-select", "assign-me", "priority-select", "conversation-language", "language-options",
      "snooze-toggle", "snooze-panel", "snooze-at", "snooze-custom", "resolve", "reopen", "action-error",
    ]) {
      this[id.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = $(id);
    }
    this.bot = new BotControls(app);
    this.bind();
  }

  bind() {
    this.assignSelect.addEventListener("change", () => {
      const value = this.assignSelect.value;
      this.change({ assignee_id: value ? Number(value) : null });
    });
    this.assignMe.addEventListener("click", () => this.change({ assignee_id: this.app.me.id }));
    this.prioritySelect.addEventListener("change", () => this.change({ priority: this.prioritySelect.value }));
    this.conversationLanguage.addEventListener("change", () => this.changeLanguage());
    this.resolve.addEventListener("click", () => this.change({ status: "resolved" }));
    this.reopen.addEventListener("click", () => this.change({ status: "open" }));
    this.snoozeToggle.addEventListener("click", () => this.toggleSnooze(this.snoozePanel.hidden));
    this.snoozePanel.addEventListener("click", (event) => {
      const preset = event.target.closest("[data-snooze]")?.dataset.snooze;
      if (preset) this.snooze(snoozePreset(preset));
    });
    this.snoozeCustom.addEventListener("click", () => {
      const until = this.snoozeAt.value ? new Date(this.snoozeAt.value) : null;
      if (until && until > new Date()) this.snooze(until);
      else this.showError("pick a time in the future");
    });
    this.snoozePanel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        this.toggleSnooze(false);
        this.snoozeToggle.focus();
      }
    });
  }

  async open(id) {
    this.id = id;
    this.conversation = null;
    show(this.conversationEmpty, false);
    show(this.conversationView, true);
    this.toggleSnooze(false);
    this.showError(null);
    setText(this.convName, "");
    setText(this.conversationStatus, "");
    setText(this.convSubject, "");
    this.bot.update(null);
    this.app.sidebar.loading();
    // The thread waits for this: it names the customer on their messages.
    this.ready = this.fetch(id);
    await this.ready;
  }

  async fetch(id) {
    try {
      const detail = await api("GET", `/conversations/${id}`);
      if (id !== this.id) return;
      this.conversation = null;
      this.update(detail.conversation);
      this.app.sidebar.show(detail.customer, detail.conversation);
    } catch (error) {
      if (id === this.id) this.showError(`Could not open the conversation: ${describe(error)}`);
    }
  }

  close() {
    this.id = null;
    this.conversation = null;
    show(this.conversationView, false);
    show(this.conversationEmpty, true);
    this.bot.update(null);
    this.app.sidebar.clear();
  }

  reload() {
    if (this.id !== null) this.fetch(this.id);
  }

  /** A newer state of the open conversation, from the API or a live event. */
  update(conversation) {
    if (conversation.id !== this.id) return;
    const known = this.conversation;
    if (known && Date.parse(known.updated_at) > Date.parse(conversation.updated_at)) return;
    this.conversation = conversation;
    this.render();
    this.bot.update(conversation);
    this.app.sidebar.updateConversation(conversation);
    this.app.thread.conversationChanged();
  }

  render() {
    const c = this.conversation;
    if (!c) return;
    setText(this.convName, customerLabel(c));
    setText(this.conversationStatus, c.status);
    this.conversationStatus.className = `status status-${c.status}`;
    const snoozed = c.status === "snoozed" && c.snoozed_until ? `Snoozed until ${fullDate(c.snoozed_until)}` : null;
    const subject = [c.subject, snoozed].filter(Boolean).join(" · ");
    setText(this.convSubject, subject);
    this.convSubject.title = subject;
    this.prioritySelect.value = c.priority;
    this.renderAssignees();
    this.assignMe.disabled = c.assignee_id === this.app.me.id;
    if (document.activeElement !== this.conversationLanguage) this.conversationLanguage.value = c.language ?? "";
    this.conversationLanguage.title = c.language ? languageName(c.language) : "Language not known";
    show(this.resolve, c.status !== "resolved");
    show(this.reopen, c.status !== "open");
    setText(this.reopen, REOPEN_LABEL[c.status] ?? "Reopen");
  }

  renderAssignees() {
    const c = this.conversation;
    if (!c) return;
    const options = [["", "Unassigned"]];
    for (const agent of this.app.agents.values()) {
      if (agent.is_active || agent.id === c.assignee_id) {
        const you = agent.id === this.app.me.id ? " (you)" : "";
        options.push([String(agent.id), `${agent.name}${you}`, !agent.is_active]);
      }
    }
    if (c.assignee_id !== null && !this.app.agents.has(c.assignee_id)) {
      options.push([String(c.assignee_id), `Agent #${c.assignee_id}`, true]);
    }
    setOptions(this.assignSelect, options, c.assignee_id === null ? "" : String(c.assignee_id));
  }

  refreshLanguageOptions() {
    const codes = [...this.app.languages].sort();
    this.languageOptions.replaceChildren(...codes.map((code) => h("option", { value: code }, languageName(code))));
  }

  changeLanguage() {
    const value = this.conversationLanguage.value.trim();
    if (value && !LANGUAGE_TAG.test(value)) {
      this.showError(`"${value}" is not a language code such as de, pt-BR or zh-Hans`);
      return;
    }
    if (value === (this.conversation?.language ?? "")) return;
    this.change({ language: value || null });
  }

  snooze(until) {
    this.toggleSnooze(false);
    this.change({ status: "snoozed", snoozed_until: until.toISOString() });
  }

  toggleSnooze(open) {
    show(this.snoozePanel, open);
    this.snoozeToggle.setAttribute("aria-expanded", String(open));
    if (open) this.snoozePanel.querySelector("button")?.focus();
  }

  async change(changes) {
    const id = this.id;
    if (id === null) return;
    this.showError(null);
    try {
      const updated = await api("PATCH", `/conversations/${id}`, changes);
      this.update(updated);
      this.app.inbox.upsert(updated);
    } catch (error) {
      if (id !== this.id) return;
      this.showError(describe(error));
      this.render(); // put the controls back to what the server holds
    }
  }

  showError(text) {
    setText(this.actionError, text);
    show(this.actionError, Boolean(text));
  }
}

function snoozePreset(name) {
  const at = new Date();
  if (name === "1h" || name === "4h") return new Date(at.getTime() + Number.parseInt(name, 10) * 3_600_000);
  const days = name === "tomorrow" ? 1 : ((8 - at.getDay()) % 7 || 7);
  at.setDate(at.getDate() + days);
  at.setHours(9, 0, 0, 0);
  return at;
}
