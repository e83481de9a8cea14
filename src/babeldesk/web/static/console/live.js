// Live updates: one WebSocket, reconnected with backoff. Whatever happened while it was down is
// caught up by reloading from the API once the server greets us again.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const PING_EVERY_MS = 20_000;
// A socket silent this long is dead even if the browser has not noticed (sleeping laptop, proxy).
const SILENCE_LIMIT_MS = 45_000;
const POLICY_VIOLATION = 1008;

export class LiveConnection {
  /**
   * onFrame(frame): a server event; onGreeted(): connected (again) — reload to catch up;
   * onStatus("connecting" | "connected" | "reconnecting"); onRejected(): the session is not valid.
   */
  constructor({ onFrame, onGreeted, onStatus, onRejected }) {
    Object.assign(this, { onFrame, onGreeted, onStatus, onRejected });
    this.socket = null;
    this.delay = MIN_DELAY_MS;
    this.stopped = true;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
  }

  start() {
    this.stopped = false;
    this.onStatus("connecting");
    this.connect();
    this.pingTimer = setInterval(() => this.keepAlive(), PING_EVERY_MS);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.close();
    this.socket = null;
  }

  connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws/console`);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.lastHeard = Date.now();
    });
    socket.addEventListener("message", (event) => this.receive(socket, event));
    socket.addEventListener("close", (event) => this.closed(socket, event));
  }

  receive(socket, event) {
    if (socket !== this.socket) return;
    this.lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame.type === "hello") {
      this.delay = MIN_DELAY_MS;
      this.onStatus("connected");
      this.onGreeted();
    } else if (frame.type !== "pong") {
      this.onFrame(frame);
    }
  }

  closed(socket, event) {
    if (socket !== this.socket || this.stopped) return;
    this.socket = null;
    this.onStatus("reconnecting");
    if (event.code === POLICY_VIOLATION) this.onRejected();
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.connect();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  keepAlive() {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
      socket.close();
      this.closed(socket, { code: 1006 });
      return;
    }
    socket.send(JSON.stringify({ type: "ping" }));
  }
}
