// Replies in the customer's language: the switch above the reply box, and the review an agent sees
// before a translated reply goes out — what the customer will receive, and that translated back
// into the agent's language, so that a wrong meaning is caught before the customer reads it.

import { api, describe } from "./api.js";
import { $, fill, h, setText, show } from "./dom.js";
import { languageName } from "./format.js";
import { isKnown, writes } from "./translation.js";

const UNTRANSLATED_TITLE = {
  no_engine: "No translation engine is configured",
  not_translated: "The reply could not be translated",
  no_language: "The customer's language is not known yet",
};

export class ReplyReview {
  constructor(app, thread) {
    this.app = app;
    this.thread = thread;
    this.bar = $("reply-translation");
    this.switch = $("reply-translate-switch");
    this.toggle = $("reply-translate");
    this.label = $("reply-translate-label");
    this.note = $("reply-translate-note");
    this.panel = $("review");
    this.form = $("reply");
    this.active = false; // a review is on screen, or being prepared
    this.preview = null;
    this.body = null;
    this.choice = null; // the agent's switch for this conversation; null until they touch it
    this.bind();
  }

  bind() {
    this.toggle.addEventListener("change", () => {
      this.choice = this.toggle.checked;
    });
    this.panel.addEventListener("click", (event) => {
      const action = event.target.closest("[data-review]")?.dataset.review;
      if (action === "edit") this.edit();
      else if (action === "send-translation") this.sendTranslation();
      else if (action === "send-as-written") this.sendAsWritten();
    });
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.edit();
    });
  }

  /** The customer's language when this agent's replies need translating into it, else null. */
  target() {
    const language = this.app.view.conversation?.language;
    if (this.thread.internal.checked || !isKnown(language) || writes(this.app.me, language)) return null;
    return language;
  }

  engineConfigured() {
    // Settings that could not be loaded do not switch translation off: the review says what failed.
    return this.app.workspace ? this.app.workspace.translation.configured : true;
  }

  wanted() {
    return this.target() !== null && this.engineConfigured() && this.toggle.checked;
  }

  refresh() {
    const target = this.target();
    show(this.bar, target !== null);
    if (target === null) return;
    const configured = this.engineConfigured();
    show(this.switch, configured);
    this.toggle.checked = configured && (this.choice ?? true);
    setText(this.label, `Replies are translated to ${languageName(target)}`);
    const unsupported = "No translation engine is configured, so replies are sent as written.";
    setText(
      this.note,
      configured
        ? "You check the translation before it is sent."
        : `This customer writes ${languageName(target)}. ${unsupported}`,
    );
  }

  /** A new conversation on screen: its own switch, and no review left over from the last one. */
  reset() {
    this.close();
    this.choice = null;
    this.refresh();
  }

  async start(id, body) {
    this.active = true;
    this.body = body;
    this.thread.input.readOnly = true;
    this.toggle.disabled = true;
    this.thread.showError(null);
    this.thread.sendButton.disabled = true;
    setText(this.thread.sendButton, "Translating…");
    let preview;
    try {
      preview = await api("POST", `/conversations/${id}/reply-preview`, { body });
    } catch (error) {
      if (id !== this.thread.id) return;
      this.close();
      this.thread.showError(`Could not translate the reply: ${describe(error)}`);
      return;
    } finally {
      this.thread.sendButton.disabled = false;
      this.thread.markInternal();
    }
    if (id !== this.thread.id || !this.active) return;
    if (preview.status === "not_needed") {
      // The agent wrote in the customer's language already.
      this.close();
      this.thread.deliver(body);
      return;
    }
    this.preview = preview;
    this.render();
  }

  render() {
    const preview = this.preview;
    const translated = preview.status === "translated";
    const title = translated ? "Check the translation before sending" : UNTRANSLATED_TITLE[preview.status];
    const engine = translated && preview.engine;
    fill(
      this.panel,
      h(
        "header",
        { class: "review-head" },
        h("h3", {}, title ?? "Not translated"),
        engine && h("span", { class: "review-engine", "data-testid": "review-engine" }, `by ${engine}`),
      ),
      translated ? this.renderTranslation(preview) : this.renderProblem(preview),
      h(
        "div",
        { class: "review-actions" },
        action("edit", "Edit", "review-edit"),
        translated
          ? action("send-translation", "Send translation", "review-send", "primary")
          : action("send-as-written", "Send without translating", "review-send-original", "primary"),
      ),
    );
    this.form.classList.add("reviewing");
    this.panel.classList.toggle("review-failed", !translated);
    show(this.panel, true);
    this.panel.querySelector("button.primary").focus();
  }

  renderTranslation(preview) {
    const source = languageName(preview.source_language);
    return [
      section(
        `The customer will receive · ${languageName(preview.target_language)}`,
        preview.translation,
        preview.target_language,
        "review-translation",
      ),
      section(
        `Meaning check · translated back into ${source}`,
        preview.back_translation ?? "No engine could translate it back.",
        preview.source_language,
        "review-back",
      ),
    ];
  }

  renderProblem(preview) {
    const written = languageName(preview.source_language) || "your language";
    return h(
      "div",
      { class: "review-problem", "data-testid": "review-detail" },
      preview.detail && h("p", { class: "review-detail" }, preview.detail),
      h("p", {}, `You can edit the reply, or send it as you wrote it, in ${written}.`),
    );
  }

  async sendTranslation() {
    const preview = this.preview;
    if (!preview) return;
    const translation = {
      text: preview.translation,
      language: preview.target_language,
      source_language: preview.source_language,
    };
    if (await this.thread.deliver(this.body, translation)) this.close();
  }

  async sendAsWritten() {
    if (this.preview && (await this.thread.deliver(this.body))) this.close();
  }

  edit() {
    this.close();
    this.thread.input.focus();
  }

  close() {
    this.active = false;
    this.preview = null;
    this.body = null;
    this.form.classList.remove("reviewing");
    this.toggle.disabled = false;
    show(this.panel, false);
    this.panel.replaceChildren();
    this.thread.input.readOnly = false;
  }

  setBusy(busy) {
    for (const button of this.panel.querySelectorAll("button")) button.disabled = busy;
  }
}

function action(name, label, testid, kind = null) {
  return h("button", { type: "button", class: kind, "data-review": name, "data-testid": testid }, label);
}

function section(title, text, lang, testid) {
  return h(
    "div",
    { class: "review-section" },
    h("p", { class: "review-label" }, title),
    h("div", { class: "review-text", dir: "auto", lang, "data-testid": testid }, text),
  );
}
