// The bot in the open conversation: who answers the customer (the bot or people), the alert for an
// upset customer, and handing the conversation back to the bot.

import { api, describe } from "./api.js";
import { $, fill, h, show } from "./dom.js";
import { fullDate } from "./format.js";

const ALERT_TEXT = {
  angry: "The customer is angry: answer first, and with care.",
  negative: "The customer is unhappy.",
};
const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Inbox badges for a conversation row: an alert, and whether the bot is answering it. */
export function botBadges(conversation) {
  return [
    conversation.alert &&
      h(
        "span",
        { class: `badge alert-badge alert-${conversation.alert}`, "data-testid": "alert-badge", title: ALERT_TEXT[conversation.alert] },
        conversation.alert,
      ),
    conversation.handled_by === "bot" && h("span", { class: "badge badge-bot", "data-testid": "bot-badge", title: "The bot is answering" }, "bot"),
  ];
}

export class BotControls {
  constructor(app) {
    this.app = app;
    this.conversation = null;
    this.banner = h("div", { class: "alert-banner", "data-testid": "conversation-alert", role: "alert", hidden: true });
    this.handler = h("div", { class: "handler-bar", "data-testid": "conversation-handler", hidden: true });
    $("thread-scroll").before(this.banner, this.handler);
    this.banner.addEventListener("click", (event) => {
      if (event.target.closest("[data-clear-alert]")) this.act("DELETE", "alert");
    });
    this.handler.addEventListener("click", (event) => {
      if (event.target.closest("[data-hand-back]")) this.act("POST", "hand-back");
    });
  }

  /** A newer state of the open conversation (or null when none is open). */
  update(conversation) {
    const before = this.conversation;
    this.conversation = conversation;
    if (!conversation) {
      show(this.banner, false);
      show(this.handler, false);
      return;
    }
    const raised = before && before.id === conversation.id && PRIORITY_RANK[conversation.priority] > PRIORITY_RANK[before.priority];
    if (raised) this.app.flash(`Priority raised to ${conversation.priority}`);
    this.renderAlert(conversation);
    this.renderHandler(conversation);
  }

  renderAlert(conversation) {
    show(this.banner, Boolean(conversation.alert));
    if (!conversation.alert) return;
    this.banner.dataset.alert = conversation.alert;
    fill(
      this.banner,
      h("strong", {}, conversation.alert === "angry" ? "Angry customer" : "Unhappy customer"),
      h("span", {}, ALERT_TEXT[conversation.alert] ?? ""),
      h("span", { class: "spacer" }),
      h("button", { type: "button", class: "link", "data-clear-alert": true, "data-testid": "clear-alert" }, "Clear alert"),
    );
  }

  renderHandler(conversation) {
    const byBot = conversation.handled_by === "bot";
    show(this.handler, byBot || Boolean(conversation.handed_off_at));
    this.handler.dataset.handledBy = conversation.handled_by;
    if (byBot) {
      fill(this.handler, h("span", { class: "badge badge-bot" }, "bot"), h("span", {}, "The bot is answering this customer. Replying takes over."));
      return;
    }
    fill(
      this.handler,
      h("span", {}, `Handed over by the bot ${fullDate(conversation.handed_off_at)}`),
      h("span", { class: "spacer" }),
      h("button", { type: "button", "data-hand-back": true, "data-testid": "hand-back" }, "Hand back to bot"),
    );
  }

  async act(method, path) {
    const id = this.conversation?.id;
    if (id === undefined) return;
    try {
      const updated = await api(method, `/conversations/${id}/${path}`);
      this.app.view.update(updated);
      this.app.inbox.upsert(updated);
    } catch (error) {
      this.app.view.showError(describe(error));
    }
  }
}
