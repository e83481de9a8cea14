// The agent console: signing in, then wiring the inbox, the open conversation, the customer
// sidebar and live updates together.

import { api, describe, whenUnauthenticated } from "./api.js";
import { ConversationView } from "./conversation.js";
import { $, isTyping, setText, show } from "./dom.js";
import { refreshRelativeTimes } from "./format.js";
import { Inbox } from "./inbox.js";
import { KnowledgeBase } from "./kb.js";
import { LiveConnection } from "./live.js";
import { Settings } from "./settings.js";
import { Sidebar } from "./sidebar.js";
import { Thread } from "./thread.js";

const TICK_MS = 30_000;
const RETRY_BOOT_MS = 3_000;
const FLASH_MS = 6_000;
const CONVERSATION_PATH = /^\/console\/conversations\/(\d+)\/?$/;
const SETTINGS_PATH = /^\/console\/settings\/?$/;

const app = {
  me: null,
  workspace: null, // its name and translation summary: which engines, if any, translate
  agents: new Map(),
  languages: new Set(),
  openId: null,
  live: null,

  agentName(id) {
    return this.agents.get(id)?.name ?? `Agent #${id}`;
  },

  noteLanguages(conversations) {
    const before = this.languages.size;
    for (const conversation of conversations) {
      if (conversation.language) this.languages.add(conversation.language);
    }
    if (this.languages.size !== before) {
      this.inbox.refreshLanguageOptions();
      this.view.refreshLanguageOptions();
    }
  },

  open(id, { push = true } = {}) {
    if (id === this.openId) return;
    this.openId = id;
    this.inbox.select(id);
    this.view.open(id);
    this.thread.open(id);
    if (push) history.pushState({ id }, "", `/console/conversations/${id}`);
  },

  close({ push = true } = {}) {
    this.openId = null;
    this.inbox.select(null);
    this.thread.close();
    this.view.close();
    if (push) history.pushState({}, "", "/console/");
  },

  openSettings() {
    history.pushState({}, "", "/console/settings");
    routeTo(location.pathname);
  },

  closeSettings() {
    const path = this.openId === null ? "/console/" : `/console/conversations/${this.openId}`;
    history.pushState({ id: this.openId }, "", path);
    routeTo(path);
  },

  /** The workspace's translation settings changed here or elsewhere: redraw what depends on them. */
  setWorkspace(workspace) {
    this.workspace = workspace;
    this.thread.redraw();
    this.settings.render();
  },

  /** Catch up after missed events: a reconnect, or the server asking for it. */
  refresh() {
    loadWorkspace();
    loadLanguages();
    this.inbox.reload();
    this.view.reload();
    this.thread.reload();
  },

  flash(text) {
    const toast = $("toast");
    setText(toast, text);
    show(toast, true);
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => show(toast, false), FLASH_MS);
  },
};

function onFrame(frame) {
  if (frame.type === "message.created") {
    app.inbox.noteMessage(frame.message, true);
    app.inbox.upsert(frame.conversation);
    app.view.update(frame.conversation);
    app.thread.onMessage(frame.message);
  } else if (frame.type === "message.updated") {
    app.inbox.noteMessage(frame.message, false);
    app.inbox.upsert(frame.conversation);
    app.view.update(frame.conversation);
    app.thread.onMessageUpdated(frame.message);
  } else if (frame.type === "conversation.updated") {
    app.inbox.upsert(frame.conversation);
    app.view.update(frame.conversation);
  } else if (frame.type === "resync") {
    app.refresh();
  }
}

function setConnection(state) {
  const indicator = $("connection-status");
  indicator.dataset.state = state;
  setText(indicator, state);
}

async function loadAgents() {
  try {
    const agents = await api("GET", "/agents");
    app.agents = new Map(agents.map((agent) => [agent.id, agent]));
  } catch (error) {
    app.flash(`Could not load the list of agents: ${describe(error)}`);
  }
}

async function loadWorkspace() {
  try {
    app.setWorkspace(await api("GET", "/workspace"));
  } catch (error) {
    app.flash(`Could not load the workspace's translation settings: ${describe(error)}`);
  }
}

/** Languages the workspace has seen, for the filter; the inbox page alone may not show them all. */
async function loadLanguages() {
  try {
    const page = await api("GET", "/conversations?view=all&limit=200");
    app.noteLanguages(page.conversations);
  } catch {
    // The filter still offers the languages of the conversations loaded as the agent works.
  }
}

async function start(agent) {
  app.me = agent;
  setText($("me-name"), agent.name);
  show($("booting"), false);
  show($("signin"), false);
  show($("app"), true);
  // Rows and messages name agents, and messages read as the workspace's engines allow: know both first.
  await Promise.all([loadAgents(), loadWorkspace()]);
  app.inbox.reload();
  app.live = new LiveConnection({
    onFrame,
    onGreeted: () => app.refresh(),
    onStatus: setConnection,
    onRejected: () => checkSession(),
  });
  app.live.start();
  routeTo(location.pathname);
}

function routeTo(path) {
  const settings = SETTINGS_PATH.test(path);
  const kb = app.kb.route(path); // shows the knowledge base on its paths, hides it on others
  show($("columns"), !settings && !kb);
  if (settings) {
    app.settings.open();
    return;
  }
  app.settings.close();
  if (kb) return;
  const match = CONVERSATION_PATH.exec(path);
  if (match) app.open(Number(match[1]), { push: false });
  else if (app.openId !== null) app.close({ push: false });
}

function signedOut(message = null) {
  app.live?.stop();
  app.live = null;
  app.me = null;
  app.workspace = null;
  if (app.openId !== null) app.close({ push: false });
  app.settings.close();
  show($("columns"), true);
  // The next agent to sign in on this browser sees nothing of this one's work.
  app.thread.drafts.clear();
  app.languages.clear();
  app.inbox.clear();
  app.inbox.refreshLanguageOptions();
  history.replaceState({}, "", "/console/");
  show($("booting"), false);
  show($("app"), false);
  show($("signin"), true);
  showLoginError(message);
  $("login-email").focus();
}

async function checkSession() {
  try {
    await api("GET", "/me");
  } catch (error) {
    if (error.status === 401) signedOut("Your session has ended. Please sign in again.");
  }
}

function showLoginError(text) {
  setText($("login-error"), text);
  show($("login-error"), Boolean(text));
}

async function signIn(event) {
  event.preventDefault();
  const email = $("login-email").value.trim();
  const password = $("login-password").value;
  if (!email || !password) {
    showLoginError("Enter your email and password.");
    return;
  }
  const submit = $("login-submit");
  submit.disabled = true;
  showLoginError(null);
  try {
    const { agent } = await api("POST", "/auth/login", { email, password });
    $("login-password").value = "";
    start(agent);
  } catch (error) {
    showLoginError(error.status === 401 ? "Wrong email or password." : describe(error));
  } finally {
    submit.disabled = false;
  }
}

async function signOut() {
  try {
    await api("POST", "/auth/logout");
  } catch {
    // Signed out already or unreachable: either way this browser forgets the session below.
  }
  signedOut();
}

function onShortcut(event) {
  if (!app.me || app.settings.visible || app.kb.visible || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  if (event.key === "j" || event.key === "k") {
    const id = app.inbox.neighbour(app.openId, event.key === "j" ? 1 : -1);
    if (id !== null) app.open(id);
  } else if (event.key === "r") {
    app.thread.focusReply();
  } else {
    return;
  }
  event.preventDefault();
}

async function boot() {
  try {
    start(await api("GET", "/me"));
  } catch (error) {
    if (error.status === 401) {
      signedOut();
    } else {
      setText($("booting"), `Cannot reach Babeldesk (${describe(error)}). Retrying…`);
      setTimeout(boot, RETRY_BOOT_MS);
    }
  }
}

app.sidebar = new Sidebar(app);
app.view = new ConversationView(app);
app.thread = new Thread(app);
app.inbox = new Inbox(app);
app.settings = new Settings(app);
app.kb = new KnowledgeBase(app);
// One refused request is not proof the session is gone: ask the server before dropping drafts.
whenUnauthenticated(checkSession);
$("signin-form").addEventListener("submit", signIn);
$("signout").addEventListener("click", signOut);
$("settings-open").addEventListener("click", () => (app.settings.visible ? app.closeSettings() : app.openSettings()));
document.addEventListener("keydown", onShortcut);
window.addEventListener("popstate", () => app.me && routeTo(location.pathname));
setInterval(() => {
  refreshRelativeTimes();
  app.sidebar.tick();
}, TICK_MS);
boot();
