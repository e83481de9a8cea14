// The settings page (/console/settings): translation engines, the glossary and the bot.

import { BotSection } from "./botsettings.js";
import { $, h, show } from "./dom.js";
import { EnginesSection } from "./engines.js";
import { GlossarySection } from "./glossary.js";

export class Settings {
  constructor(app) {
    this.app = app;
    this.root = $("settings");
    this.visible = false;
    const card = (label, testid) =>
      h("section", { class: "settings-card", "aria-label": label, "data-testid": testid });
    const enginesRoot = card("Translation engines", "settings-engines");
    const glossaryRoot = card("Glossary", "settings-glossary");
    this.engines = new EnginesSection(app, enginesRoot);
    this.glossary = new GlossarySection(app, glossaryRoot);
    const botRoot = card("Bot", "settings-bot");
    this.bot = new BotSection(app, botRoot);
    const back = h("button", { type: "button", "data-testid": "settings-close" }, "← Back to the inbox");
    back.addEventListener("click", () => app.closeSettings());
    this.root.append(
      h(
        "div",
        { class: "settings-page" },
        h("header", { class: "settings-head" }, h("h1", {}, "Settings"), h("span", { class: "spacer" }), back),
        enginesRoot,
        glossaryRoot,
        botRoot,
      ),
    );
  }

  open() {
    if (this.visible) return;
    this.visible = true;
    show(this.root, true);
    $("settings-open").setAttribute("aria-current", "page");
    this.engines.reset();
    this.engines.render();
    this.glossary.terms = null;
    this.glossary.error = null;
    this.glossary.render();
    this.glossary.load();
    this.bot.load();
  }

  close() {
    this.visible = false;
    show(this.root, false);
    $("settings-open").removeAttribute("aria-current");
  }

  /** The workspace's settings changed: the summary follows, an edit in progress is left alone. */
  render() {
    if (this.visible) this.engines.render();
  }
}
