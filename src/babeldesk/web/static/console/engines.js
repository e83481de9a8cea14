// Settings → Translation: the workspace's engines, tried in order, and whether customers are told
// that a reply was machine translated. Everyone sees which engines translate; admins change them.

import { api, describe } from "./api.js";
import { fill, h } from "./dom.js";

const KINDS = {
  openai: {
    label: "OpenAI-compatible server",
    hint: "OpenAI, or a server of your own that speaks its chat API: Ollama, vLLM, llama.cpp server.",
    fields: [
      { name: "url", label: "Server URL", placeholder: "http://localhost:11434/v1", required: true },
      { name: "model", label: "Model", placeholder: "qwen2.5:7b", required: true },
      { name: "api_key", label: "API key", placeholder: "optional", secret: true },
    ],
  },
  deepl: {
    label: "DeepL",
    hint: "DeepL API Free or Pro; the key says which.",
    fields: [
      { name: "api_key", label: "API key", placeholder: "…:fx for DeepL API Free", required: true, secret: true },
      { name: "url", label: "Server URL", placeholder: "optional: chosen from the key" },
    ],
  },
  google: {
    label: "Google Cloud Translation",
    hint: "Cloud Translation API (Basic) with an API key.",
    fields: [{ name: "api_key", label: "API key", required: true, secret: true }],
  },
  libretranslate: {
    label: "LibreTranslate",
    hint: "A LibreTranslate server, self-hosted or hosted.",
    fields: [
      { name: "url", label: "Server URL", placeholder: "http://localhost:5000", required: true },
      { name: "api_key", label: "API key", placeholder: "optional", secret: true },
    ],
  },
  ctranslate2: {
    label: "Local model (CTranslate2)",
    hint: "An OPUS-MT, NLLB or M2M-100 model converted for CTranslate2, in a directory on the worker's machine.",
    fields: [
      {
        name: "path",
        label: "Model directory",
        placeholder: "/var/lib/babeldesk/models/opus-mt-es-en",
        required: true,
      },
    ],
  },
};
const COMMON_FIELDS = [
  { name: "name", label: "Name", placeholder: "optional" },
  { name: "timeout_s", label: "Timeout (s)", placeholder: "3", number: true },
];

const ADMINS_ONLY = "Only an admin can change the translation engines.";
const NO_ENGINE = "No translation engine is configured: messages are shown as written.";
const KEYS_NOT_SHOWN =
  "Saved API keys never come back to the browser: leave a key empty to keep the saved one.";

function kindLabel(kind) {
  return KINDS[kind]?.label ?? kind;
}

function fieldsOf(kind) {
  return [...(KINDS[kind]?.fields ?? []), ...COMMON_FIELDS];
}

export class EnginesSection {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.draft = null; // while an admin edits: {engines: [{kind, values, was}], mark}
    this.error = null;
    this.saving = false;
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("submit", (event) => event.preventDefault());
    root.addEventListener("input", (event) => this.onInput(event));
    root.addEventListener("change", (event) => this.onChange(event));
  }

  get admin() {
    return this.app.me?.role === "admin";
  }

  get translation() {
    return this.app.workspace?.translation ?? null;
  }

  reset() {
    this.draft = null;
    this.error = null;
  }

  render() {
    const focused = document.activeElement?.dataset?.focusKey;
    fill(
      this.root,
      h("h2", {}, "Translation engines"),
      h(
        "p",
        { class: "muted" },
        "Customers' messages are translated into a language each agent reads, and replies into the customer's " +
          "language. Engines are tried in order: when one fails, times out or is rate-limited, the next one answers.",
      ),
      this.draft ? this.renderEditor() : this.renderSummary(),
    );
    if (focused) this.root.querySelector(`[data-focus-key="${focused}"]`)?.focus();
  }

  renderSummary() {
    const translation = this.translation;
    if (!translation) return h("p", { class: "muted" }, "Loading…");
    const engines = translation.engines;
    const list = engines.length
      ? h(
          "ol",
          { class: "engine-list", "data-testid": "engine-list" },
          engines.map((engine) =>
            h(
              "li",
              { "data-testid": "engine" },
              h("strong", {}, engine.name),
              h("span", { class: "badge" }, kindLabel(engine.kind)),
            ),
          ),
        )
      : h("p", { class: "settings-empty", "data-testid": "engine-list" }, NO_ENGINE);
    const mark = translation.mark_machine_translated
      ? "Replies sent translated are marked \u201cMachine translated\u201d for the customer."
      : "Replies sent translated carry no mark for the customer.";
    return [
      translation.error && h("p", { class: "error" }, `The saved settings are invalid: ${translation.error}`),
      list,
      h("p", { class: "muted" }, mark),
      this.admin
        ? h(
            "div",
            { class: "settings-actions" },
            button("edit", engines.length ? "Change engines" : "Add an engine", {
              class: "primary",
              "data-testid": "engines-edit",
            }),
          )
        : h("p", { class: "muted", "data-testid": "engines-read-only" }, ADMINS_ONLY),
    ];
  }

  startEditing() {
    const current = this.translation?.engines ?? [];
    // Everything but keys comes back from the server; an empty key keeps the saved one.
    const kept = current.map((engine) => ({
      kind: engine.kind,
      values: Object.fromEntries(Object.entries(engine.settings ?? {}).map(([k, v]) => [k, String(v)])),
      was: engine.name,
      hasKey: engine.has_api_key,
    }));
    this.draft = {
      engines: kept.length ? kept : [newEngine()],
      mark: this.translation?.mark_machine_translated ?? true,
    };
    this.error = null;
    this.render();
    this.root.querySelector("select, input")?.focus();
  }

  renderEditor() {
    const engines = this.draft.engines;
    return h(
      "form",
      { class: "engine-editor", "data-testid": "engine-editor", novalidate: true },
      engines.some((engine) => engine.was) && h("p", { class: "settings-hint" }, KEYS_NOT_SHOWN),
      engines.length === 0 && h("p", { class: "settings-empty" }, "No engines: saving turns translation off."),
      engines.map((engine, index) => this.renderEngine(engine, index, engines.length)),
      button("add", "+ Add an engine", { "data-testid": "engines-add" }),
      h(
        "label",
        { class: "toggle settings-check" },
        h("input", {
          type: "checkbox",
          "data-draft": "mark",
          "data-testid": "mark-machine-translated",
          checked: this.draft.mark,
        }),
        "Mark machine-translated replies for the customer",
      ),
      this.error && h("p", { class: "error", role: "alert", "data-testid": "engines-error" }, this.error),
      h(
        "div",
        { class: "settings-actions" },
        button("cancel", "Cancel", { "data-testid": "engines-cancel" }),
        button("save", this.saving ? "Saving…" : "Save", {
          type: "submit",
          class: "primary",
          "data-testid": "engines-save",
          disabled: this.saving,
        }),
      ),
    );
  }

  renderEngine(engine, index, count) {
    const number = index + 1;
    return h(
      "fieldset",
      { class: "engine", "data-index": index, "data-testid": "engine-row" },
      h(
        "div",
        { class: "engine-head" },
        h("span", { class: "engine-number", "aria-hidden": "true" }, String(number)),
        h(
          "select",
          {
            "data-draft": "kind",
            "data-testid": "engine-kind",
            "data-focus-key": `kind-${index}`,
            "aria-label": `Engine ${number}: kind`,
          },
          Object.entries(KINDS).map(([kind, { label }]) =>
            h("option", { value: kind, selected: kind === engine.kind }, label),
          ),
        ),
        engine.was && h("span", { class: "muted engine-was" }, `saved as ${engine.was}`),
        h("span", { class: "spacer" }),
        button("up", "↑", {
          class: "icon",
          title: "Try earlier",
          "aria-label": `Move engine ${number} up`,
          "data-testid": "engine-up",
          "data-focus-key": `up-${index}`,
          disabled: index === 0,
        }),
        button("down", "↓", {
          class: "icon",
          title: "Try later",
          "aria-label": `Move engine ${number} down`,
          "data-testid": "engine-down",
          "data-focus-key": `down-${index}`,
          disabled: index === count - 1,
        }),
        button("remove", "Remove", { class: "link danger", "data-testid": "engine-remove" }),
      ),
      KINDS[engine.kind] && h("p", { class: "muted engine-hint" }, KINDS[engine.kind].hint),
      h(
        "div",
        { class: "engine-fields" },
        fieldsOf(engine.kind).map((field) =>
          engineField(keepsSavedKey(engine, field) ? savedKeyField(field) : field, engine.values[field.name], index),
        ),
      ),
    );
  }

  onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    event.preventDefault();
    const action = button.dataset.action;
    if (action === "edit") return this.startEditing();
    if (action === "save") return this.save();
    if (action === "cancel") {
      this.reset();
      return this.render();
    }
    const engines = this.draft.engines;
    if (action === "add") {
      engines.push(newEngine());
      this.render();
      this.root.querySelector(`[data-focus-key="kind-${engines.length - 1}"]`)?.focus();
      return;
    }
    const index = Number(button.closest("[data-index]").dataset.index);
    if (action === "remove") engines.splice(index, 1);
    const to = { up: index - 1, down: index + 1 }[action];
    if (to !== undefined) [engines[index], engines[to]] = [engines[to], engines[index]];
    this.render();
    // Keep the keyboard on the moved engine's button, which now sits one row up or down.
    if (to !== undefined) this.root.querySelector(`[data-focus-key="${action}-${to}"]`)?.focus();
  }

  onInput(event) {
    const field = event.target.dataset.field;
    if (!field || !this.draft) return;
    const index = Number(event.target.closest("[data-index]").dataset.index);
    this.draft.engines[index].values[field] = event.target.value;
  }

  onChange(event) {
    if (!this.draft) return;
    if (event.target.dataset.draft === "mark") this.draft.mark = event.target.checked;
    if (event.target.dataset.draft === "kind") {
      const engine = this.draft.engines[Number(event.target.closest("[data-index]").dataset.index)];
      engine.kind = event.target.value;
      // Fields the new kind also has (name, timeout, often the URL or key) keep what was typed.
      const names = new Set(fieldsOf(engine.kind).map((field) => field.name));
      engine.values = Object.fromEntries(Object.entries(engine.values).filter(([name]) => names.has(name)));
      this.render();
    }
  }

  async save() {
    const missing = this.firstMissing();
    if (missing) {
      this.error = missing.problem;
      this.render();
      this.root.querySelector(`[data-focus-key="${missing.focus}"]`)?.focus();
      return;
    }
    const body = {
      engines: this.draft.engines.map(({ kind, values }) => engineSettings(kind, values)),
      mark_machine_translated: this.draft.mark,
    };
    this.saving = true;
    this.error = null;
    this.render();
    try {
      const translation = await api("PUT", "/workspace/translation", body);
      this.reset();
      this.app.setWorkspace({ ...this.app.workspace, translation });
      this.app.flash("Translation settings saved.");
    } catch (error) {
      this.error = `Not saved: ${readable(describe(error))}`;
    } finally {
      this.saving = false;
      this.render();
    }
  }

  firstMissing() {
    for (const [index, engine] of this.draft.engines.entries()) {
      const { kind, values } = engine;
      for (const field of fieldsOf(kind)) {
        if (field.required && !keepsSavedKey(engine, field) && !values[field.name]?.trim()) {
          return {
            problem: `Engine ${index + 1} (${kindLabel(kind)}): ${field.label} is required.`,
            focus: `${field.name}-${index}`,
          };
        }
      }
    }
    return null;
  }
}

function button(action, label, attributes = {}) {
  return h("button", { type: "button", "data-action": action, "data-focus-key": action, ...attributes }, label);
}

function engineField(field, value, index) {
  const required = field.required && h("span", { class: "required", title: "required" }, " *");
  return h(
    "label",
    { class: field.name === "url" || field.name === "path" ? "wide" : null },
    h("span", {}, field.label, required),
    h("input", {
      "data-field": field.name,
      "data-testid": `engine-${field.name}`,
      "data-focus-key": `${field.name}-${index}`,
      type: field.secret ? "password" : field.number ? "number" : "text",
      inputmode: field.number ? "decimal" : null,
      min: field.number ? "0.1" : null,
      step: field.number ? "any" : null,
      // A browser must not offer the agent's own sign-in password as an engine's key.
      autocomplete: field.secret ? "new-password" : "off",
      spellcheck: "false",
      placeholder: field.placeholder,
      value: value ?? "",
    }),
  );
}

/** A saved engine's key field may stay empty: the server keeps the key it has (same kind and URL). */
function keepsSavedKey(engine, field) {
  return field.name === "api_key" && engine.hasKey && engine.was !== null;
}

function savedKeyField(field) {
  return { ...field, required: false, placeholder: "saved \u2014 leave empty to keep" };
}

function newEngine() {
  return { kind: "openai", values: {}, was: null };
}

/** The server's "engines.1.openai.url: Value error, must be …" as "Engine 2 (…), Server URL: must be …". */
function readable(detail) {
  return detail
    .split("; ")
    .map((problem) => {
      const found = /^engines\.(\d+)\.(\w+)(?:\.(\w+))?: (?:Value error, )?(.*)$/s.exec(problem);
      if (!found) return problem.replace(/^: /, "").replace(/^Value error, /, "");
      const [, index, kind, field, text] = found;
      const label = fieldsOf(kind).find((candidate) => candidate.name === field)?.label ?? field;
      return `Engine ${Number(index) + 1} (${kindLabel(kind)})${label ? `, ${label}` : ""}: ${text}`;
    })
    .join("; ");
}

function engineSettings(kind, values) {
  const engine = { kind };
  for (const field of fieldsOf(kind)) {
    const value = values[field.name]?.trim();
    if (value) engine[field.name] = field.number ? Number(value) : value;
  }
  return engine;
}
