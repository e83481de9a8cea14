// Settings → Glossary: terms every engine keeps as they are (brands, products, SKUs), and fixed
// translations per language. Everyone sees them; admins and supervisors change them.

import { api, describe, query } from "./api.js";
import { fill, h } from "./dom.js";
import { languageName } from "./format.js";

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const EDITORS = new Set(["admin", "supervisor"]);
const EDITORS_ONLY = "Only admins and supervisors can change the glossary.";

export class GlossarySection {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.terms = null;
    this.loadError = null;
    this.error = null;
    this.kind = "never_translate";
    root.addEventListener("click", (event) => {
      const remove = event.target.closest("[data-remove]");
      if (remove) this.remove(this.terms[Number(remove.dataset.remove)]);
    });
    root.addEventListener("submit", (event) => {
      event.preventDefault();
      this.add(event.target);
    });
    root.addEventListener("change", (event) => {
      if (event.target.name !== "kind") return;
      this.kind = event.target.value;
      this.showKindFields(event.target.form);
    });
  }

  get canEdit() {
    return EDITORS.has(this.app.me?.role);
  }

  async load() {
    try {
      this.terms = await api("GET", "/glossary");
      this.loadError = null;
    } catch (error) {
      this.loadError = `Could not load the glossary: ${describe(error)}`;
    }
    this.render();
  }

  render() {
    fill(this.root,
      h("h2", {}, "Glossary"),
      h(
        "p",
        { class: "muted" },
        "Brand and product names, SKUs and other terms that must never be translated, and words that must " +
          "always be translated one way. Every engine follows them.",
      ),
      this.renderTerms(),
      this.canEdit
        ? this.renderForm()
        : h("p", { class: "muted", "data-testid": "glossary-read-only" }, EDITORS_ONLY),
    );
  }

  renderTerms() {
    if (this.loadError) return h("p", { class: "error" }, this.loadError);
    if (this.terms === null) return h("p", { class: "muted" }, "Loading…");
    if (this.terms.length === 0) {
      return h("p", { class: "settings-empty", "data-testid": "glossary-empty" }, "No terms yet.");
    }
    return h(
      "ul",
      { class: "glossary-list", "data-testid": "glossary-list" },
      this.terms.map((term, index) =>
        h(
          "li",
          { "data-testid": "glossary-term", "data-term": term.term, "data-kind": term.kind },
          h("span", { class: "glossary-term", dir: "auto" }, term.term),
          term.kind === "fixed"
            ? h(
                "span",
                { class: "glossary-rule" },
                "→ ",
                h("span", { dir: "auto", lang: term.language }, term.translation),
                h("span", { class: "badge badge-lang", title: languageName(term.language) }, term.language),
              )
            : h("span", { class: "glossary-rule muted" }, "never translated"),
          this.canEdit &&
            h(
              "button",
              {
                type: "button",
                class: "link danger",
                "data-remove": index,
                "data-testid": "glossary-remove",
                "aria-label": `Remove ${term.term}`,
              },
              "Remove",
            ),
        ),
      ),
    );
  }

  renderForm() {
    const fixed = this.kind === "fixed";
    const form = h(
      "form",
      { class: "glossary-form", novalidate: true, "data-testid": "glossary-form" },
      h(
        "label",
        {},
        h("span", {}, "Rule"),
        h(
          "select",
          { name: "kind", "data-testid": "glossary-kind" },
          h("option", { value: "never_translate", selected: !fixed }, "Never translate"),
          h("option", { value: "fixed", selected: fixed }, "Always translate as"),
        ),
      ),
      field(
        "Term",
        { name: "term", "data-testid": "glossary-term-input", placeholder: "e.g. FBA, SKU-1042, refund", maxlength: 200 },
        { class: "wide" },
      ),
      field(
        "Language",
        { name: "language", "data-testid": "glossary-language", placeholder: "es", size: 5, maxlength: 35 },
        { "data-fixed": true },
      ),
      field(
        "Translation",
        { name: "translation", "data-testid": "glossary-translation", placeholder: "reembolso", maxlength: 500 },
        { class: "wide", "data-fixed": true },
      ),
      h("button", { type: "submit", class: "primary", "data-testid": "glossary-add" }, "Add term"),
      this.error && h("p", { class: "error", role: "alert", "data-testid": "glossary-error" }, this.error),
    );
    this.showKindFields(form);
    return form;
  }

  showKindFields(form) {
    for (const label of form.querySelectorAll("[data-fixed]")) label.hidden = this.kind !== "fixed";
  }

  async add(form) {
    const fields = Object.fromEntries(new FormData(form));
    const term = { term: fields.term.trim(), kind: fields.kind };
    if (term.kind === "fixed") {
      Object.assign(term, { language: fields.language.trim(), translation: fields.translation.trim() });
    }
    const problem = check(term);
    if (problem) return this.fail(problem, form);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await api("POST", "/glossary", term);
      this.error = null;
      await this.load();
      this.root.querySelector("[name=term]")?.focus();
    } catch (error) {
      button.disabled = false;
      this.fail(`Not added: ${describe(error)}`, form);
    }
  }

  /** Show a problem without losing what the admin typed. */
  fail(problem, form) {
    const typed = Object.fromEntries(new FormData(form));
    this.error = problem;
    this.render();
    for (const [name, value] of Object.entries(typed)) {
      const input = this.root.querySelector(`[name=${name}]`);
      if (input) input.value = value;
    }
  }

  async remove(term) {
    if (!term) return;
    const params = { term: term.term, kind: term.kind, language: term.kind === "fixed" ? term.language : null };
    try {
      await api("DELETE", `/glossary${query(params)}`);
      this.error = null;
    } catch (error) {
      this.error = `Could not remove “${term.term}”: ${describe(error)}`;
    }
    await this.load();
  }
}

function field(label, input, attributes) {
  return h("label", attributes, h("span", {}, label), h("input", { autocomplete: "off", spellcheck: "false", ...input }));
}

function check(term) {
  if (!term.term) return "Enter the term.";
  if (term.kind !== "fixed") return null;
  if (!LANGUAGE_TAG.test(term.language)) return "Enter the language as a code such as es, pt-BR or zh-Hans.";
  if (!term.translation) return "Enter the translation.";
  return null;
}
