// The knowledge base page (/console/kb, /console/kb/<id>): the articles and FAQ the bot answers
// from, searchable the way a customer would ask; one opens in the editor beside the list.

import { api, describe, query } from "./api.js";
import { $, fill, h, show } from "./dom.js";
import { ArticleEditor, versionBadge } from "./kb-editor.js";

const PATH = /^\/console\/kb(?:\/(\d+|new))?\/?$/;

export class KnowledgeBase {
  constructor(app) {
    this.app = app;
    this.root = $("kb");
    this.visible = false;
    this.articles = null;
    this.hits = null; // search results, or null to show every article
    this.error = null;
    this.listRoot = h("section", { class: "settings-card kb-list", "aria-label": "Articles", "data-testid": "kb-list" });
    const editorRoot = h("section", { class: "settings-card kb-editor", "aria-label": "Article", "data-testid": "kb-editor", hidden: true });
    this.editor = new ArticleEditor(this, editorRoot);
    this.root.append(h("div", { class: "settings-page kb-page" }, this.renderHead(), this.listRoot, editorRoot));
    $("kb-open").addEventListener("click", () => this.navigate("/console/kb"));
    this.listRoot.addEventListener("click", (event) => {
      const row = event.target.closest("[data-article]");
      if (row) this.navigate(`/console/kb/${row.dataset.article}`);
    });
  }

  get canEdit() {
    return this.app.me?.role === "admin" || this.app.me?.role === "supervisor";
  }

  /** The console's router, by way of its popstate listener: one place decides what is shown. */
  navigate(path) {
    history.pushState({}, "", path);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }

  /** Show the page for ``path`` and say so, or hide it when the path is not ours. */
  route(path) {
    const match = PATH.exec(path);
    if (!match) {
      this.visible = false;
      show(this.root, false);
      $("kb-open").removeAttribute("aria-current");
      return false;
    }
    if (!this.visible) {
      this.visible = true;
      show(this.root, true);
      $("kb-open").setAttribute("aria-current", "page");
      this.load();
    }
    this.newButton.hidden = !this.canEdit;
    if (match[1] === "new") this.editor.openNew();
    else if (match[1]) this.editor.open(Number(match[1]));
    else this.editor.close();
    return true;
  }

  renderHead() {
    const back = h("button", { type: "button", "data-testid": "kb-close" }, "← Back to the inbox");
    back.addEventListener("click", () => {
      this.navigate(this.app.openId === null ? "/console/" : `/console/conversations/${this.app.openId}`);
    });
    this.newButton = h("button", { type: "button", class: "primary", "data-testid": "kb-new" }, "New article");
    this.newButton.addEventListener("click", () => this.navigate("/console/kb/new"));
    const search = h(
      "form",
      { class: "kb-search", role: "search", "data-testid": "kb-search" },
      h("input", { name: "q", type: "search", placeholder: "Search as a customer would ask, in any language…", "aria-label": "Search", "data-testid": "kb-search-input", maxlength: 1000, dir: "auto" }),
      h("input", { name: "language", placeholder: "lang", size: 5, maxlength: 35, "aria-label": "Language of the question", "data-testid": "kb-search-language" }),
      h("button", { type: "submit" }, "Search"),
    );
    search.addEventListener("submit", (event) => {
      event.preventDefault();
      const fields = Object.fromEntries(new FormData(search));
      this.search(fields.q.trim(), fields.language.trim());
    });
    return h(
      "div",
      { class: "kb-head" },
      h("header", { class: "settings-head" }, h("h1", {}, "Knowledge base"), h("span", { class: "spacer" }), this.newButton, back),
      search,
    );
  }

  async load() {
    try {
      this.articles = await api("GET", "/kb/articles");
      this.error = null;
    } catch (error) {
      this.error = `Could not load the articles: ${describe(error)}`;
    }
    this.render();
  }

  async search(text, language) {
    if (!text) {
      this.hits = null;
      this.render();
      return;
    }
    try {
      this.hits = await api("GET", `/kb/search${query({ q: text, language, limit: 10 })}`);
      this.error = null;
    } catch (error) {
      this.error = `Search failed: ${describe(error)}`;
    }
    this.render();
  }

  render() {
    const items = this.hits ?? this.articles;
    let body;
    if (this.error) body = h("p", { class: "error", role: "alert" }, this.error);
    else if (items === null) body = h("p", { class: "muted" }, "Loading…");
    else if (items.length === 0) {
      const empty = this.hits ? "No article matches." : "No articles yet. Import some with `babeldesk kb import`, or write one.";
      body = h("p", { class: "settings-empty", "data-testid": "kb-empty" }, empty);
    } else body = h("ul", { class: "kb-articles" }, items.map((item) => this.renderRow(item)));
    fill(this.listRoot, h("h2", {}, this.hits ? "Search results" : "Articles"), body);
  }

  renderRow(item) {
    const id = item.article_id ?? item.id;
    const version = this.preferred(item.versions);
    return h(
      "li",
      { "data-testid": "kb-article", "data-article": id, "data-slug": item.slug, "aria-current": this.editor.articleId === id ? "true" : null },
      h("button", { type: "button", class: "kb-row" },
        h("span", { class: "kb-title", dir: "auto", lang: version?.language }, version?.title ?? item.slug),
        h("span", { class: "kb-meta" },
          h("span", { class: "badge" }, item.kind === "faq" ? "FAQ" : "Article"),
          item.versions.map((v) => versionBadge(v)),
          item.tags.map((tag) => h("span", { class: "badge kb-tag" }, tag)),
          item.score !== undefined && h("span", { class: item.good_answer ? "kb-score good" : "kb-score", "data-testid": "kb-score" }, `score ${item.score.toFixed(2)}`),
        ),
        item.passage && h("span", { class: "kb-passage muted", dir: "auto", lang: item.passage.language }, item.passage.body),
      ),
    );
  }

  /** The title an agent reads best: a version in a language they read, else the first one. */
  preferred(versions) {
    const reads = (this.app.me?.languages ?? []).filter((l) => l.read).map((l) => l.code.split("-")[0]);
    return versions.find((v) => reads.includes(v.language.split("-")[0])) ?? versions[0];
  }

  /** An article was saved or deleted: the list shows it as it now is. */
  changed() {
    this.hits = null;
    this.load();
  }
}
