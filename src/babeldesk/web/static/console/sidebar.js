// The right column: who the customer is, and where and when they are.

import { $, h } from "./dom.js";
import { fullDate, languageName, localTimeIn, regionName, relativeTime } from "./format.js";

export class Sidebar {
  constructor(app) {
    this.app = app;
    this.root = $("customer-sidebar");
    this.customer = null;
    this.conversation = null;
    this.clear();
  }

  clear() {
    this.customer = null;
    this.conversation = null;
    this.root.replaceChildren(h("p", { class: "sidebar-empty" }, "No conversation selected"));
  }

  loading() {
    this.customer = null;
    this.root.replaceChildren(h("p", { class: "sidebar-empty" }, "Loading…"));
  }

  show(customer, conversation) {
    this.customer = customer;
    this.conversation = conversation;
    this.render();
  }

  updateConversation(conversation) {
    if (!this.customer || conversation.customer_id !== this.customer.id) return;
    this.conversation = conversation;
    this.render();
  }

  render() {
    const customer = this.customer;
    const conversation = this.conversation;
    if (!customer) return;
    const local = localTimeIn(customer.timezone);
    this.root.replaceChildren(
      h("h3", {}, "Customer"),
      h("p", { class: "customer-name", dir: "auto", "data-testid": "customer-name" }, customer.name || `Visitor #${customer.id}`),
      details([
        ["Email", customer.email && link(`mailto:${customer.email}`, customer.email)],
        ["Phone", customer.phone && link(`tel:${customer.phone}`, customer.phone)],
        ["Language", customer.preferred_language && `${languageName(customer.preferred_language)} (${customer.preferred_language})`],
        ["Country", customer.country && `${regionName(customer.country)} (${customer.country})`],
        ["Time zone", customer.timezone],
        ["Local time", local && h("span", { "data-local-time": true, "data-testid": "customer-local-time" }, local)],
        ["Region", customer.region],
        ["Customer since", fullDate(customer.created_at)],
      ]),
      conversation && h("h3", {}, "Conversation"),
      conversation &&
        details([
          ["Number", `#${conversation.id}`],
          ["Channel", conversation.channel],
          ["Language", conversation.language && `${languageName(conversation.language)} (${conversation.language})`],
          ["Tier", String(conversation.tier)],
          ["Started", fullDate(conversation.created_at)],
          ["Waiting", conversation.waiting_since && waiting(conversation.waiting_since)],
          ["Resolved", fullDate(conversation.resolved_at)],
        ]),
    );
  }

  /** Keeps the customer's clock right while the console stays open. */
  tick() {
    const element = this.root.querySelector("[data-local-time]");
    const local = this.customer && localTimeIn(this.customer.timezone);
    if (element && local) element.textContent = local;
  }
}

function details(rows) {
  const present = rows.filter(([, value]) => value);
  return h("dl", { class: "details" }, present.map(([label, value]) => [h("dt", {}, label), h("dd", { dir: "auto" }, value)]));
}

function link(href, text) {
  return h("a", { href }, text);
}

function waiting(since) {
  return h("time", { datetime: since, title: fullDate(since), "data-relative": true }, relativeTime(since));
}
