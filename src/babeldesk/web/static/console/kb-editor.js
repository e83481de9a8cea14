// One knowledge-base article in the editor: its slug, kind and tags, and a tab per language version.
// Everyone may read it; admins and supervisors change it (the server refuses anyone else anyway).

import { api, describe } from "./api.js";
import { fill, h, show } from "./dom.js";
import { languageName } from "./format.js";

const LANGUAGE_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ArticleEditor {
  constructor(page, root) {
    this.page = page;
    this.root = root;
    this.articleId = null;
    this.article = null; // null while loading; {versions: []} for a new one
    this.language = null; // the version tab shown
    this.message = null; // {text, error}
    this.confirming = null; // "version" or "article": the next click on that delete button deletes
    root.addEventListener("submit", (event) => {
      event.preventDefault();
      if (event.target.dataset.form === "article") this.saveArticle(event.target);
      else if (event.target.dataset.form === "version") this.saveVersion(event.target);
      else this.addLanguage(event.target);
    });
    root.addEventListener("click", (event) => {
      const tab = event.target.closest("[data-language]");
      const remove = event.target.closest("[data-delete]");
      if (tab) this.show(tab.dataset.language);
      else if (remove) this.delete(remove.dataset.delete);
    });
  }

  get isNew() {
    return this.articleId === null;
  }

  async open(id) {
    show(this.root, true);
    if (id === this.articleId && this.article) return;
    Object.assign(this, { articleId: id, article: null, message: null, confirming: null });
    this.render();
    await this.reload();
    this.language = this.page.preferred(this.article?.versions ?? [])?.language ?? null;
    this.render();
  }

  openNew() {
    show(this.root, true);
    Object.assign(this, { articleId: null, article: { kind: "faq", slug: "", tags: [], versions: [] }, language: null, message: null });
    this.render();
    this.root.querySelector("[name=slug]")?.focus();
  }

  close() {
    show(this.root, false);
    this.articleId = null;
    this.article = null;
  }

  async reload() {
    try {
      this.article = await api("GET", `/kb/articles/${this.articleId}`);
    } catch (error) {
      this.article = { failed: true, versions: [] };
      this.message = { text: `Could not open the article: ${describe(error)}`, error: true };
    }
  }

  show(language) {
    this.language = language;
    this.confirming = null;
    this.render();
  }

  render() {
    const article = this.article;
    if (article === null) return fill(this.root, h("p", { class: "muted" }, "Loading…"));
    const editable = this.page.canEdit && !article.failed;
    fill(this.root,
      h("h2", { "data-testid": "kb-editor-title" }, this.isNew ? "New article" : article.slug ?? ""),
      !this.page.canEdit && h("p", { class: "muted", "data-testid": "kb-read-only" }, "Only admins and supervisors can change the knowledge base."),
      !article.failed && this.articleForm(article, editable),
      !this.isNew && !article.failed && this.versionTabs(article, editable),
      this.message && h("p", { class: this.message.error ? "error" : "kb-saved", role: this.message.error ? "alert" : "status", "data-testid": "kb-message" }, this.message.text),
    );
  }

  articleForm(article, editable) {
    const kinds = [["faq", "FAQ entry (one question, one answer)"], ["article", "Article (cut at its headings)"]];
    return h("form", { "data-form": "article", class: "kb-form", novalidate: true },
      h("fieldset", { disabled: !editable },
        field("Slug", h("input", { name: "slug", value: article.slug, maxlength: 100, required: true, spellcheck: "false", "data-testid": "kb-slug" })),
        field("Kind", h("select", { name: "kind", "data-testid": "kb-kind" }, kinds.map(([value, label]) => h("option", { value, selected: article.kind === value }, label)))),
        field("Tags", h("input", { name: "tags", value: article.tags.join(", "), placeholder: "shipping, returns", "data-testid": "kb-tags" })),
        this.isNew && [
          field("Language", h("input", { name: "language", placeholder: "en", size: 6, maxlength: 35, "data-testid": "kb-language" })),
          ...versionFields({ title: "", body: "" }),
        ],
        editable && h("div", { class: "settings-actions" },
          !this.isNew && this.deleteButton("article", "Delete article"),
          h("button", { type: "submit", class: "primary", "data-testid": "kb-save-article" }, this.isNew ? "Create article" : "Save article")),
      ),
    );
  }

  versionTabs(article, editable) {
    const version = article.versions.find((v) => v.language === this.language) ?? { language: this.language, title: "", body: "", origin: "new" };
    const tabs = article.versions.map((v) =>
      h("button", { type: "button", role: "tab", "data-language": v.language, "data-testid": "kb-version-tab", "aria-selected": String(v.language === this.language) }, versionBadge(v), " ", languageName(v.language)));
    if (this.language && !article.versions.some((v) => v.language === this.language)) {
      tabs.push(h("button", { type: "button", role: "tab", "data-language": this.language, "data-testid": "kb-version-tab", "aria-selected": "true" }, `${this.language} (new)`));
    }
    return h("div", { class: "kb-versions" },
      h("div", { class: "kb-tabs", role: "tablist", "aria-label": "Language versions" }, tabs,
        editable && h("form", { "data-form": "language", class: "kb-add-language", novalidate: true },
          h("input", { name: "language", placeholder: "add a language: es", size: 16, maxlength: 35, "aria-label": "Language to add", "data-testid": "kb-add-language" }),
          h("button", { type: "submit", "data-testid": "kb-add-language-submit" }, "Add"))),
      this.language && h("form", { "data-form": "version", class: "kb-form", novalidate: true, lang: this.language },
        h("p", { class: "muted", "data-testid": "kb-version-origin" }, originNote(version)),
        h("fieldset", { disabled: !editable },
          versionFields(version),
          editable && h("div", { class: "settings-actions" },
            version.origin !== "new" && article.versions.length > 1 && this.deleteButton("version", `Delete the ${this.language} version`),
            h("button", { type: "submit", class: "primary", "data-testid": "kb-save-version" }, "Save version")))),
    );
  }

  deleteButton(what, label) {
    const confirming = this.confirming === what;
    return h("button", { type: "button", class: "danger", "data-delete": what, "data-testid": `kb-delete-${what}` }, confirming ? "Click again to delete" : label);
  }

  addLanguage(form) {
    const language = new FormData(form).get("language").trim();
    if (!LANGUAGE_TAG.test(language)) return this.say("Enter the language as a code such as es, pt-BR or zh-Hans.", true);
    this.message = null;
    this.show(language);
    this.root.querySelector("[name=title]")?.focus();
  }

  async saveArticle(form) {
    const fields = Object.fromEntries(new FormData(form));
    const article = { slug: fields.slug.trim(), kind: fields.kind, tags: fields.tags.split(",").map((t) => t.trim()).filter(Boolean) };
    if (!SLUG.test(article.slug)) return this.say("The slug is lowercase letters, digits and dashes, e.g. gift-wrapping.", true, form);
    if (this.isNew) {
      const version = { language: fields.language.trim(), title: fields.title.trim(), body: fields.body.trim() };
      if (!LANGUAGE_TAG.test(version.language)) return this.say("Enter the language as a code such as en.", true, form);
      if (!version.title || !version.body) return this.say("Enter a title and a text.", true, form);
      return this.send(form, async () => {
        const created = await api("POST", "/kb/articles", { ...article, ...version });
        this.page.changed();
        this.page.navigate(`/console/kb/${created.id}`);
      });
    }
    return this.send(form, async () => {
      this.article = { ...(await api("PATCH", `/kb/articles/${this.articleId}`, article)) };
      this.page.changed();
      this.say("Article saved.");
    });
  }

  async saveVersion(form) {
    const fields = Object.fromEntries(new FormData(form));
    const version = { title: fields.title.trim(), body: fields.body.trim() };
    if (!version.title || !version.body) return this.say("Enter a title and a text.", true, form);
    return this.send(form, async () => {
      const saved = await api("PUT", `/kb/articles/${this.articleId}/versions/${encodeURIComponent(this.language)}`, version);
      await this.reload();
      this.language = saved.language;
      this.page.changed();
      this.say(`The ${languageName(saved.language)} version is saved.`);
    });
  }

  async delete(what) {
    if (this.confirming !== what) {
      this.confirming = what;
      return this.render();
    }
    this.confirming = null;
    const path = what === "article" ? `/kb/articles/${this.articleId}` : `/kb/articles/${this.articleId}/versions/${encodeURIComponent(this.language)}`;
    return this.send(null, async () => {
      await api("DELETE", path);
      this.page.changed();
      if (what === "article") return this.page.navigate("/console/kb");
      await this.reload();
      this.language = this.article.versions[0]?.language ?? null;
      return this.say("Version deleted.");
    });
  }

  /** Run a request with the form's buttons disabled; a failure is shown and keeps what was typed. */
  async send(form, request) {
    for (const button of form?.querySelectorAll("button") ?? []) button.disabled = true;
    try {
      await request();
    } catch (error) {
      this.say(`Not saved: ${describe(error)}`, true, form);
    }
  }

  say(text, error = false, form = null) {
    const typed = form ? [form.dataset.form, Object.fromEntries(new FormData(form))] : null;
    this.message = { text, error };
    this.render();
    if (!typed) return;
    const again = this.root.querySelector(`form[data-form="${typed[0]}"]`);
    for (const [name, value] of Object.entries(typed[1])) {
      const input = again?.querySelector(`[name="${name}"]`);
      if (input) input.value = value;
    }
  }
}

function field(label, input) {
  return h("label", { class: "kb-field" }, h("span", {}, label), input);
}

function versionFields(version) {
  const body = h("textarea", { name: "body", rows: 12, maxlength: 100000, dir: "auto", "data-testid": "kb-version-body" });
  body.value = version.body;
  return [
    field("Title (or question)", h("input", { name: "title", value: version.title, maxlength: 500, dir: "auto", "data-testid": "kb-version-title" })),
    field("Text (Markdown)", body),
  ];
}

function originNote(version) {
  if (version.origin === "new") return `A new ${languageName(version.language)} version: write it and save.`;
  if (version.origin === "machine") {
    return `Machine translated by ${version.engine ?? "an engine"}. Saving it makes it a person's version, which the bot prefers.`;
  }
  return `Written by a person · updated ${new Date(version.updated_at).toLocaleString()}`;
}

/** A version's language, marked with * when an engine wrote it. */
export function versionBadge(version) {
  const machine = version.origin === "machine";
  return h(
    "span",
    { class: machine ? "badge badge-lang kb-machine" : "badge badge-lang", title: `${languageName(version.language)}${machine ? " (machine translated)" : ""}` },
    machine ? `${version.language}*` : version.language,
  );
}
