// The console's only door to the server: JSON over fetch, authenticated by the session cookie.

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(typeof detail === "string" ? detail : code);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

let onUnauthenticated = () => {};

/** Called when a request comes back 401: the session expired or was revoked elsewhere. */
export function whenUnauthenticated(callback) {
  onUnauthenticated = callback;
}

export async function api(method, path, body) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, "network", "the server cannot be reached; check your connection");
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  const error = data?.error ?? {};
  const failure = new ApiError(response.status, error.code ?? `http_${response.status}`, error.detail ?? response.statusText);
  if (response.status === 401 && !path.startsWith("/auth/") && path !== "/me") onUnauthenticated();
  throw failure;
}

/** One line a person can act on, from any error an API call raised. */
export function describe(error) {
  if (!(error instanceof ApiError)) return String(error?.message ?? error);
  if (Array.isArray(error.detail)) {
    return error.detail.map((problem) => `${problem.field}: ${problem.problem}`).join("; ");
  }
  return typeof error.detail === "string" ? error.detail : error.code;
}

/** "?a=1&b=x", leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** crypto.randomUUID exists only in secure contexts; a helpdesk on plain http inside an office
 * network still needs idempotency keys. */
export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
