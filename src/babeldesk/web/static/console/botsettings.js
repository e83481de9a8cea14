// Settings → Bot: whether the bot answers customers, when it hands over, and the policy it may
// promise (returns, shipping). Everyone sees it; admins change it.

import { api, describe } from "./api.js";
import { fill, h } from "./dom.js";

const ADMINS_ONLY = "Only admins can change the bot's settings.";

export class BotSection {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.settings = null;
    this.error = null;
    this.saved = false;
    root.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(event.target);
    });
  }

  get canEdit() {
    return this.app.me?.role === "admin";
  }

  async load() {
    this.settings = null;
    this.error = null;
    this.saved = false;
    this.render();
    try {
      this.settings = await api("GET", "/bot/settings");
    } catch (error) {
      this.error = `Could not load the bot's settings: ${describe(error)}`;
    }
    this.render();
  }

  render() {
    fill(
      this.root,
      h("h2", {}, "Bot"),
      h(
        "p",
        { class: "muted" },
        "The bot answers customers in their language around the clock: orders, tracking, returns and the " +
          "knowledge base. It hands over to a person when asked, when unsure, or when a customer is upset.",
      ),
      this.body(),
    );
  }

  body() {
    if (this.settings === null) return h("p", { class: this.error ? "error" : "muted" }, this.error ?? "Loading…");
    const s = this.settings;
    const disabled = !this.canEdit;
    const field = (label, input) => h("label", { class: "bot-field" }, h("span", {}, label), input);
    return h(
      "form",
      { class: "bot-form", novalidate: true, "data-testid": "bot-settings-form" },
      h(
        "label",
        { class: "toggle" },
        h("input", { type: "checkbox", name: "enabled", checked: s.enabled, disabled, "data-testid": "bot-enabled" }),
        " The bot answers new conversations",
      ),
      h(
        "label",
        { class: "toggle" },
        h("input", { type: "checkbox", name: "hand_off_on_anger", checked: s.hand_off_on_anger, disabled, "data-testid": "bot-anger" }),
        " Hand angry customers to a person at once",
      ),
      field("Confidence needed to act (0–1)", number("confidence_threshold", s.confidence_threshold, { min: 0, max: 1, step: 0.05, disabled })),
      field("Typical wait for a person (minutes)", number("typical_wait_minutes", s.typical_wait_minutes, { min: 1, max: 10080, step: 1, disabled })),
      h("h3", {}, "Policy"),
      field("Return window (days after delivery)", number("return_window_days", s.policy.return_window_days, { min: 0, max: 3650, step: 1, disabled })),
      field(
        "Return shipping when the customer changed their mind is paid by",
        h(
          "select",
          { name: "changed_mind_return_paid_by", disabled, "data-testid": "bot-return-payer" },
          h("option", { value: "customer", selected: s.policy.changed_mind_return_paid_by === "customer" }, "the customer"),
          h("option", { value: "seller", selected: s.policy.changed_mind_return_paid_by === "seller" }, "the shop"),
        ),
      ),
      field("Orders ship within (business days)", number("ship_within_days", s.policy.ship_within_days, { min: 0, max: 3650, step: 1, disabled })),
      this.error && h("p", { class: "error", role: "alert", "data-testid": "bot-settings-error" }, this.error),
      this.saved && h("p", { class: "muted", role: "status", "data-testid": "bot-settings-saved" }, "Saved."),
      this.canEdit
        ? h("button", { type: "submit", class: "primary", "data-testid": "bot-settings-save" }, "Save")
        : h("p", { class: "muted" }, ADMINS_ONLY),
    );
  }

  async save(form) {
    const value = (name) => form.elements[name];
    const body = {
      enabled: value("enabled").checked,
      hand_off_on_anger: value("hand_off_on_anger").checked,
      confidence_threshold: Number(value("confidence_threshold").value),
      typical_wait_minutes: Number(value("typical_wait_minutes").value),
      policy: {
        return_window_days: Number(value("return_window_days").value),
        changed_mind_return_paid_by: value("changed_mind_return_paid_by").value,
        ship_within_days: Number(value("ship_within_days").value),
      },
    };
    this.error = null;
    this.saved = false;
    try {
      this.settings = await api("PUT", "/bot/settings", body);
      this.saved = true;
    } catch (error) {
      this.error = describe(error);
    }
    this.render();
  }
}

function number(name, value, { min, max, step, disabled }) {
  return h("input", { type: "number", name, value, min, max, step, disabled, required: true, "data-testid": `bot-${name.replaceAll("_", "-")}` });
}
