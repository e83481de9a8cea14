/*
 * The chat inside the widget's iframe.
 *
 * Delivery: every message the customer writes gets a client_id and goes into an outbox kept in
 * localStorage. Outbox items are sent over the socket in order and leave the outbox only once the
 * server has them (an ack, or the message itself coming back). On every (re)connect the widget
 * first asks for what it missed (sync), then sends the whole outbox again; the server stores each
 * client_id once, so a message written offline, or whose ack was lost, arrives exactly once and in
 * order. Bodies are only ever rendered with textContent.
 */

const MAX_CHARS = 10000;
const WARN_CHARS = 9000;
const PING_EVERY_MS = 15000;
const SILENT_LIMIT_MS = 40000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10000;

const params = new URLSearchParams(window.location.search);
const widgetKey = params.get("key") || "";
const language = params.get("lang") || navigator.language || "";
const visitor = { name: params.get("name"), email: params.get("email") };
const socketOrigin = window.location.origin.replace(/^http/, "ws");

const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);
const ui = {
  title: $("widget-title"),
  avatar: $("widget-avatar"),
  status: $("widget-status"),
  error: $("widget-error"),
  empty: $("widget-empty"),
  list: $("widget-messages"),
  notice: $("widget-notice"),
  composer: $("widget-composer"),
  input: $("widget-input"),
  send: $("widget-send"),
  counter: $("widget-counter"),
  close: $("widget-close"),
};

/* ---------- storage: per widget key; falls back to memory where storage is blocked ---------- */

const memory = new Map();
const storageKey = (name) => `babeldesk:${widgetKey}:${name}`;
const store = {
  get(name) {
    try {
      return window.localStorage.getItem(storageKey(name));
    } catch {
      return memory.get(name) ?? null;
    }
  },
  set(name, value) {
    try {
      window.localStorage.setItem(storageKey(name), value);
    } catch {
      memory.set(name, value);
    }
  },
  remove(name) {
    try {
      window.localStorage.removeItem(storageKey(name));
    } catch {
      memory.delete(name);
    }
  },
};

// The outbox is read and written through storage each time, so two tabs share one queue.
function readOutbox() {
  try {
    const items = JSON.parse(store.get("outbox") || "[]");
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

const writeOutbox = (items) => store.set("outbox", JSON.stringify(items));
const enqueue = (item) => writeOutbox([...readOutbox(), item]);
function dequeue(clientId) {
  const items = readOutbox();
  const rest = items.filter((i) => i.client_id !== clientId);
  if (rest.length !== items.length) writeOutbox(rest);
}

function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; a self-hosted server on plain http still gets a v4 UUID.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/* ---------- the thread ---------- */

const stored = new Map(); // message id → message as the server stored it
const failed = new Map(); // client_id → outbox item the server refused, with the reason
let lastSeenId = null;
let conversationStatus = null;
let lastReadSent = 0;
// The frame exists only once the visitor opened the chat; the loader says when it is hidden again.
let panelOpen = true;

function accept(message) {
  if (!message || typeof message.id !== "number") return;
  stored.set(message.id, message);
  if (lastSeenId === null || message.id > lastSeenId) lastSeenId = message.id;
  if (message.direction === "inbound" && message.client_id) {
    // Stored is stored, however we learn it: an ack, our own echo, a sync, or another tab.
    dequeue(message.client_id);
    failed.delete(message.client_id);
  }
}

function refuse(clientId, reason) {
  const item = readOutbox().find((i) => i.client_id === clientId) || failed.get(clientId);
  if (!item) return false;
  dequeue(clientId);
  failed.set(clientId, { ...item, error: reason });
  showError(reason); // the banner is an alert, so screen readers hear it too
  return true;
}

function resetThread() {
  stored.clear();
  lastSeenId = null;
  lastReadSent = 0;
  conversationStatus = null;
}

function threadItems() {
  const items = [...stored.values()]
    .sort((a, b) => a.id - b.id)
    .map((message) => ({ message, state: "sent" }));
  const storedClientIds = new Set(items.map((i) => i.message.client_id).filter(Boolean));
  const local = [
    ...readOutbox().map((item) => ({ item, state: "sending" })),
    ...[...failed.values()].map((item) => ({ item, state: "failed" })),
  ]
    // Tabs share the outbox without a lock, so a stale write may bring back a stored item.
    .filter(({ item }) => !storedClientIds.has(item.client_id))
    .sort((a, b) => (a.item.created_at < b.item.created_at ? -1 : a.item.created_at > b.item.created_at ? 1 : 0));
  for (const { item, state } of local) {
    const message = {
      direction: "inbound",
      author_type: "customer",
      body: item.body,
      client_id: item.client_id,
      created_at: item.created_at,
    };
    items.push({ message, state, error: item.error });
  }
  return items;
}

/* ---------- rendering: textContent only ---------- */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});
const AUTHOR_LABELS = { agent: "Agent", bot: "Assistant" };
const STATE_LABELS = { sending: "Sending…", failed: "Not sent" };
const nodes = new Map(); // render key → <li>

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatTime(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const sameDay = at.toDateString() === new Date().toDateString();
  return (sameDay ? timeFormat : dayTimeFormat).format(at);
}

function messageNode({ message, state, error }) {
  const kind = message.author_type === "system" ? "system" : message.direction === "inbound" ? "mine" : "theirs";
  const li = el("li", `message message--${kind} message--${state}`);
  li.dataset.testid = "widget-message";
  li.dataset.direction = message.direction;
  li.dataset.state = state;
  if (message.id !== undefined) li.dataset.messageId = String(message.id);
  if (message.client_id) li.dataset.clientId = message.client_id;

  const label = AUTHOR_LABELS[message.author_type];
  if (kind === "theirs" && label) li.append(el("span", "message-author", label));
  const body = el("div", "message-body", message.body);
  body.dataset.testid = "widget-message-body";
  li.append(body);

  const meta = el("div", "message-meta");
  const time = el("time", "", formatTime(message.created_at));
  time.dateTime = message.created_at;
  meta.append(time);
  if (message.machine_translated) {
    // The workspace wants customers told when a reply was translated by a machine.
    const mark = el("span", "message-mark", "Machine translated");
    mark.dataset.testid = "widget-machine-translated";
    mark.title = "Translated automatically from the agent's language";
    meta.append(mark);
  }
  if (STATE_LABELS[state]) meta.append(el("span", "message-state", STATE_LABELS[state]));
  li.append(meta);

  if (state === "failed") {
    const reason = el("p", "message-error", error || "Not sent.");
    reason.dataset.testid = "widget-message-error";
    const actions = el("div", "message-actions");
    for (const [action, text] of [["retry", "Retry"], ["edit", "Edit"], ["delete", "Delete"]]) {
      const button = el("button", "message-action", text);
      button.type = "button";
      button.dataset.action = action;
      button.dataset.testid = `widget-message-${action}`;
      actions.append(button);
    }
    li.append(reason, actions);
  }
  return li;
}

function render() {
  const nearBottom = ui.list.parentElement.scrollHeight - ui.list.parentElement.scrollTop
    - ui.list.parentElement.clientHeight < 80;
  const items = threadItems();
  const keep = new Set();
  let previous = null;
  for (const item of items) {
    const key = item.message.client_id ? `c:${item.message.client_id}` : `m:${item.message.id}`;
    const { id, body, machine_translated: marked } = item.message;
    const signature = JSON.stringify([item.state, id, body, marked, item.error]);
    let node = nodes.get(key);
    if (!node || node.dataset.signature !== signature) {
      const fresh = messageNode(item);
      fresh.dataset.signature = signature;
      if (node) node.replaceWith(fresh);
      node = fresh;
      nodes.set(key, node);
    }
    keep.add(key);
    const expected = previous ? previous.nextSibling : ui.list.firstChild;
    if (node !== expected) ui.list.insertBefore(node, expected);
    previous = node;
  }
  for (const [key, node] of nodes) {
    if (!keep.has(key)) {
      node.remove();
      nodes.delete(key);
    }
  }
  ui.empty.hidden = items.length > 0;
  ui.notice.hidden = conversationStatus !== "resolved";
  ui.notice.textContent = "This conversation was marked as solved. Write again any time — we're here.";
  if (nearBottom) scrollToBottom();
}

function scrollToBottom() {
  const scroller = ui.list.parentElement;
  scroller.scrollTop = scroller.scrollHeight;
}

function setTitle(name) {
  if (!name) return;
  ui.title.textContent = name;
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]).join("");
  ui.avatar.textContent = initials.toUpperCase();
}

function setStatus(state) {
  ui.status.dataset.state = state;
  ui.status.textContent = state;
}

let errorTimer = null;
function showError(text, { sticky = false } = {}) {
  clearTimeout(errorTimer);
  ui.error.textContent = text;
  ui.error.hidden = false;
  if (!sticky) errorTimer = setTimeout(() => (ui.error.hidden = true), 8000);
}

function describe(code, detail) {
  if (Array.isArray(detail)) detail = detail.map((d) => `${d.field}: ${d.problem}`).join("; ");
  const text = typeof detail === "string" && detail ? detail : code || "something went wrong";
  if (code === "message_too_long") return `Too long to send: ${text}.`;
  if (code === "message_empty") return "Empty messages can't be sent.";
  return `Not sent: ${text}.`;
}

/* ---------- session: one signed token per visitor, kept across visits ---------- */

class Unavailable extends Error {}

async function sessionToken() {
  const existing = store.get("token");
  if (existing) return existing;
  const payload = {
    widget_key: widgetKey,
    language: language || undefined,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || undefined,
    name: visitor.name || undefined,
    email: visitor.email || undefined,
  };
  let response = await postSession(payload);
  if (response.status === 422 && (payload.name || payload.email)) {
    // A seller's malformed data-name/data-email should not keep the customer from chatting.
    response = await postSession({ ...payload, name: undefined, email: undefined });
  }
  const answer = await response.json().catch(() => ({}));
  if (response.status === 201) {
    store.set("token", answer.token);
    store.set("workspace", answer.workspace_name);
    store.set("customer", String(answer.customer_id));
    setTitle(answer.workspace_name);
    return answer.token;
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw new Unavailable(answer.error?.detail || `the server answered ${response.status}`);
  }
  throw new Error(`session: ${response.status}`);
}

const postSession = (payload) =>
  fetch("/api/v1/widget/sessions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });

function forgetToken(token) {
  // Another tab may already have replaced it with a good one.
  if (store.get("token") !== token) return;
  store.remove("token");
  store.remove("customer");
  resetThread();
}

// A refused socket may look like any network failure to the browser; HTTP says which it was.
async function tokenRejected(token) {
  try {
    const response = await fetch("/api/v1/widget/messages?limit=1", {
      headers: { authorization: `Bearer ${token}` },
    });
    return response.status === 401;
  } catch {
    return false;
  }
}

/* ---------- the socket ---------- */

let socket = null;
let connected = false;
let connecting = false;
let unavailable = false;
let attempt = 0;
let retryTimer = null;
let heartbeat = null;
let lastHeard = 0;

function send(frame) {
  if (connected && socket) socket.send(JSON.stringify(frame));
}

/** Tell the server the customer has seen the replies so far (only while the chat is on screen). */
function sendReadReceipt() {
  if (!connected || !panelOpen || document.visibilityState !== "visible") return;
  let newest = 0;
  for (const message of stored.values()) {
    if (message.direction === "outbound" && message.id > newest) newest = message.id;
  }
  if (newest <= lastReadSent) return;
  send({ type: "read", up_to: newest });
  lastReadSent = newest;
}

function sendMessage(item) {
  send({ type: "message", client_id: item.client_id, body: item.body });
}

async function connect() {
  clearTimeout(retryTimer);
  retryTimer = null;
  if (socket || connecting || unavailable) return;
  connecting = true;
  let token;
  try {
    token = await sessionToken();
  } catch (error) {
    connecting = false;
    if (error instanceof Unavailable) return giveUp(error.message);
    setStatus("reconnecting");
    return scheduleReconnect();
  }
  connecting = false;
  if (socket) return;
  const ws = new WebSocket(`${socketOrigin}/ws/widget?token=${encodeURIComponent(token)}`);
  let opened = false;
  socket = ws;
  ws.onopen = () => {
    opened = true;
    connected = true;
    attempt = 0;
    lastHeard = Date.now();
    setStatus("connected");
    send({ type: "sync", after: lastSeenId });
    readOutbox().forEach(sendMessage);
    heartbeat = setInterval(checkHeartbeat, PING_EVERY_MS);
  };
  ws.onmessage = (event) => {
    lastHeard = Date.now();
    try {
      handleFrame(JSON.parse(event.data));
    } catch (error) {
      console.error("babeldesk: bad frame", error);
    }
  };
  ws.onclose = async (event) => {
    if (socket !== ws) return;
    down();
    if (event.code === 1008 || (!opened && navigator.onLine && (await tokenRejected(token)))) {
      forgetToken(token);
      render();
    }
    // Backing off here too: a server refusing every token must not get a session per second.
    scheduleReconnect();
  };
}

function checkHeartbeat() {
  if (Date.now() - lastHeard > SILENT_LIMIT_MS) dropSocket();
  else send({ type: "ping" });
}

function down() {
  socket = null;
  connected = false;
  clearInterval(heartbeat);
  heartbeat = null;
  setStatus("reconnecting");
}

// Close a socket we no longer trust (offline, or silent too long) without waiting for the
// browser to notice: anything unacknowledged is still in the outbox and goes out again.
function dropSocket() {
  const ws = socket;
  if (!ws) return;
  ws.onopen = ws.onmessage = ws.onclose = null;
  ws.close();
  down();
  scheduleReconnect();
}

function scheduleReconnect() {
  if (retryTimer || unavailable) return;
  const base = Math.min(BACKOFF_FIRST_MS * 2 ** attempt, BACKOFF_MAX_MS);
  attempt += 1;
  const delay = Math.min(base * (0.75 + Math.random() * 0.5), BACKOFF_MAX_MS);
  retryTimer = setTimeout(connect, delay);
}

function reconnectNow() {
  if (socket || unavailable) return;
  attempt = 0;
  connect();
}

function giveUp(reason) {
  unavailable = true;
  setStatus("unavailable");
  ui.title.textContent = "Chat unavailable";
  showError(`This chat isn't available right now (${reason}).`, { sticky: true });
  ui.input.disabled = true;
  ui.send.disabled = true;
}

function handleFrame(frame) {
  switch (frame.type) {
    case "ack":
      accept(frame.message);
      break;
    case "message":
      accept(frame.message);
      if (frame.message?.direction === "inbound" && conversationStatus === "resolved") conversationStatus = "open";
      break;
    case "sync":
      (frame.messages || []).forEach(accept);
      conversationStatus = frame.status;
      break;
    case "conversation":
      conversationStatus = frame.status;
      break;
    case "resync":
      send({ type: "sync", after: lastSeenId });
      break;
    case "error":
      if (!frame.client_id || !refuse(frame.client_id, describe(frame.code, frame.detail))) {
        showError(describe(frame.code, frame.detail));
      }
      break;
    default:
      return;
  }
  render();
  sendReadReceipt();
}

/* ---------- composing ---------- */

function characters(text) {
  return [...text.trim()].length; // code points, as the server counts them
}

function updateComposer() {
  const count = characters(ui.input.value);
  ui.send.disabled = count === 0 || unavailable;
  ui.counter.hidden = count < WARN_CHARS;
  ui.counter.classList.toggle("chat-counter--over", count > MAX_CHARS);
  ui.counter.textContent = count > MAX_CHARS
    ? `${count.toLocaleString()} / ${MAX_CHARS.toLocaleString()} — too long to send`
    : `${count.toLocaleString()} / ${MAX_CHARS.toLocaleString()}`;
  ui.input.style.height = "auto";
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 140)}px`;
}

function submit() {
  const body = ui.input.value;
  if (!body.trim() || unavailable) return;
  const item = { client_id: newClientId(), body, created_at: new Date().toISOString() };
  enqueue(item);
  if (conversationStatus === "resolved") conversationStatus = "open";
  ui.input.value = "";
  updateComposer();
  render();
  scrollToBottom();
  sendMessage(item);
  if (!socket) reconnectNow();
}

function onMessageAction(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const clientId = button.closest("[data-client-id]")?.dataset.clientId;
  const item = failed.get(clientId);
  if (!item) return;
  failed.delete(clientId);
  if (button.dataset.action === "retry") {
    const retry = { client_id: item.client_id, body: item.body, created_at: item.created_at };
    enqueue(retry);
    sendMessage(retry);
  } else if (button.dataset.action === "edit") {
    ui.input.value = item.body;
    updateComposer();
    ui.input.focus();
  }
  render();
}

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  submit();
});
ui.input.addEventListener("keydown", (event) => {
  // isComposing: Enter that confirms an IME candidate (Chinese, Japanese…) must not send.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    submit();
  }
});
ui.input.addEventListener("input", updateComposer);
ui.list.addEventListener("click", onMessageAction);

/* ---------- the page around us ---------- */

if (window.parent === window) ui.close.hidden = true;
ui.close.addEventListener("click", () => window.parent.postMessage({ babeldesk: "close" }, "*"));
window.addEventListener("message", (event) => {
  if (event.source !== window.parent) return;
  if (event.data?.babeldesk === "opened") {
    panelOpen = true;
    ui.input.focus();
    sendReadReceipt();
  }
  if (event.data?.babeldesk === "closed") panelOpen = false;
});
window.addEventListener("online", reconnectNow);
window.addEventListener("offline", dropSocket);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState !== "visible") return;
  reconnectNow();
  sendReadReceipt();
});
window.addEventListener("storage", (event) => {
  if (event.key === storageKey("outbox")) render();
  if (event.key === storageKey("token") && event.newValue && event.newValue !== event.oldValue) {
    // Another tab started a new session: follow it.
    resetThread();
    dropSocket();
    reconnectNow();
  }
});

setTitle(store.get("workspace"));
updateComposer();
render();
connect();
