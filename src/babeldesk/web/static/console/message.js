// One message of the thread as the signed-in agent sees it: in a language they read where a
// translation exists, with the other version a click away, and who wrote it when.

import { h } from "./dom.js";
import { fullDate, messageTime } from "./format.js";
import { languageBadge, presentation, translationStatus } from "./translation.js";

/**
 * context: {me, author, authorIsMe, alternate, engineConfigured, conversationLanguage}; the thread
 * handles the toggle between versions.
 */
export function messageElement(message, context) {
  const { me, author, authorIsMe, alternate, engineConfigured, conversationLanguage } = context;
  const shown = presentation(message, me, alternate, { authorIsMe });
  // Until its own is detected, a customer's message is most likely in the conversation's language.
  const lang = shown.lang ?? (message.direction === "inbound" ? conversationLanguage : null);
  const summary = message.author_type === "bot" && message.direction === "internal";
  const kind = message.author_type === "bot" ? (summary ? " message-bot message-summary" : " message-bot") : "";
  return h(
    "li",
    {
      class: `message message-${message.direction}${kind}`,
      "data-testid": "message",
      "data-kind": summary ? "handoff-summary" : null,
      "data-message-id": message.id,
      "data-direction": message.direction,
      "data-author": message.author_type,
      "data-version": shown.toggle ? (alternate ? "alternate" : "main") : null,
    },
    h(
      "div",
      { class: "bubble" },
      h("div", { class: "message-body", "data-testid": "message-body", dir: "auto", lang }, shown.text),
      shown.note && versionNote(shown),
      translationStatus(message, me, engineConfigured),
    ),
    h(
      "div",
      { class: "message-meta" },
      message.direction === "internal" && h("span", { class: "note-label" }, summary ? "Hand-off summary" : "Internal note"),
      message.angry && h("span", { class: "badge alert-badge alert-angry", "data-testid": "message-angry" }, "angry"),
      h("span", { class: "author" }, author),
      h("time", { datetime: message.created_at, title: fullDate(message.created_at) }, messageTime(message.created_at)),
      languageBadge(message),
      message.direction === "outbound" &&
        h("span", { class: `delivery delivery-${message.delivery_status}` }, message.delivery_status),
    ),
  );
}

/** "Translated from Spanish by deepl · Show original" */
function versionNote({ note, toggle }) {
  return h(
    "p",
    { class: "translation-note", "data-testid": "translation-note" },
    h("span", {}, note),
    " · ",
    h(
      "button",
      { type: "button", class: "link", "data-toggle-version": true, "data-testid": "toggle-original" },
      toggle,
    ),
  );
}
