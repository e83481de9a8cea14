// How a message reads for the signed-in agent: in a language they read when a translation exists,
// with the original one click away, and plain about translations that are pending or failed.
// Nothing here invents a translation: without one, the agent sees the customer's own words.

import { h } from "./dom.js";
import { languageName } from "./format.js";

/** "en" for "en-US": agents' skills and detected languages are compared by base language. */
export function baseCode(code) {
  return (code ?? "").split("-")[0].toLowerCase();
}

/** A language the detector could name; "und" is its word for "too short to tell". */
export function isKnown(code) {
  return Boolean(code) && baseCode(code) !== "und";
}

function skills(me, ability) {
  return (me?.languages ?? []).filter((skill) => skill[ability] !== false).map((skill) => skill.code);
}

export function reads(me, code) {
  return skills(me, "read").some((own) => baseCode(own) === baseCode(code));
}

export function writes(me, code) {
  return skills(me, "write").some((own) => baseCode(own) === baseCode(code));
}

/** An inbound message this agent cannot read as written. */
export function unreadable(message, me) {
  return message.direction === "inbound" && isKnown(message.language) && !reads(me, message.language);
}

/** The translation this agent should read, in the order of the languages they read; or null. */
export function translationFor(message, me) {
  if (!unreadable(message, me)) return null;
  const translations = message.translations ?? {};
  for (const own of skills(me, "read")) {
    const code = Object.keys(translations).find((key) => baseCode(key) === baseCode(own));
    if (code && translations[code]?.text) return { language: code, ...translations[code] };
  }
  return null;
}

/** "es", or "mixed en+es": the message's main language first, then the others as they appear. */
export function languageBadge(message) {
  if (message.direction !== "inbound" || !isKnown(message.language)) return null;
  const attributes = { class: "badge badge-lang", "data-testid": "message-language" };
  if (!message.language_mixed) {
    return h("span", { ...attributes, title: languageName(message.language) }, message.language);
  }
  const spans = (message.language_spans ?? []).map((span) => span.language);
  const codes = [...new Set([message.language, ...spans])].filter(isKnown);
  const title = `Mixed: ${codes.map(languageName).join(", ")}`;
  return h("span", { ...attributes, class: "badge badge-lang badge-mixed", title }, `mixed ${codes.join("+")}`);
}

/**
 * What the bubble shows: {text, lang, note, toggle} where note and toggle describe the line under
 * the text. `alternate` is the agent's choice to see the other version (original or what was sent).
 */
export function presentation(message, me, alternate, { authorIsMe = false } = {}) {
  if (message.direction === "outbound" && message.original_body != null) {
    return sentTranslated(message, alternate, authorIsMe);
  }
  const translation = translationFor(message, me);
  if (!translation) return { text: message.body, lang: message.language, note: null, toggle: null };
  const source = languageName(message.language);
  if (alternate) {
    return { text: message.body, lang: message.language, note: `Original in ${source}`, toggle: "Show translation" };
  }
  return {
    text: translation.text,
    lang: translation.language,
    note: `Translated from ${source} by ${translation.engine}`,
    toggle: "Show original",
  };
}

/** An agent's reply that the customer received translated: the agent's words first. */
function sentTranslated(message, alternate, authorIsMe) {
  const language = languageName(message.language);
  if (alternate) {
    return {
      text: message.body,
      lang: message.language,
      note: `What the customer received, in ${language}`,
      toggle: authorIsMe ? "Show what you wrote" : "Show the agent's words",
    };
  }
  return {
    text: message.original_body,
    lang: message.original_language,
    note: `Sent in ${language} (machine translated)`,
    toggle: "Show what the customer received",
  };
}

const STATUS = {
  pending: ["translating…", "pending"],
  not_translated: ["Not translated yet — every engine failed; it will be retried", "failed"],
};

/**
 * A line about a translation this agent is still waiting for, or null. "no_engine" is told once
 * per conversation, above the thread, while the workspace has no engine; once one is configured,
 * the messages that arrived before it say why they stayed as written.
 */
export function translationStatus(message, me, engineConfigured) {
  if (!unreadable(message, me) || translationFor(message, me)) return null;
  let [text, kind] = STATUS[message.translation_state] ?? [];
  if (message.translation_state === "no_engine" && engineConfigured) {
    [text, kind] = ["Not translated: it arrived before a translation engine was configured", "failed"];
  }
  if (!text) return null;
  return h("p", { class: `translation-status translation-${kind}`, "data-testid": "translation-status" }, text);
}

/**
 * Whether to tell this agent, above the thread, that no engine translates: they cannot read the
 * customer's language or one of the messages. Without the workspace's settings, the messages say.
 */
export function needsEngineNotice(messages, conversationLanguage, me, translation) {
  const noEngine = translation
    ? !translation.configured
    : messages.some((message) => message.translation_state === "no_engine");
  const customer = { direction: "inbound", language: conversationLanguage };
  return noEngine && (unreadable(customer, me) || messages.some((message) => unreadable(message, me)));
}

/** The notice above a thread this agent cannot read while no engine can translate it. */
export function noEngineNotice(translation) {
  if (translation?.error) {
    return (
      `The translation settings are invalid (${translation.error}), so messages are shown as written. ` +
      "An admin can fix them under Settings → Translation."
    );
  }
  return (
    "No translation engine is configured, so messages are shown as written. An admin can add one under " +
    "Settings → Translation (DeepL, Google, LibreTranslate, an OpenAI-compatible server such as Ollama, " +
    "vLLM or llama.cpp, or a local model)."
  );
}
