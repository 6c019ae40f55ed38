// The server's JSON API (docs/api.md). Every call goes to this page's own origin.

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `the server answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function call(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { error: text };
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const api = {
  info: () => call("GET", "/api"),
  schema: () => call("GET", "/api/schema"),
  scenarios: () => call("GET", "/api/scenarios").then((r) => r.scenarios),
  scenario: (file) => call("GET", `/api/scenarios/${encodeURIComponent(file)}`),
  save: (file, text, replace) =>
    call("PUT", `/api/scenarios/${encodeURIComponent(file)}${replace ? "?replace=true" : ""}`, text),
  validate: (doc) => call("POST", "/api/validate", doc),
  submit: (request) => call("POST", "/api/runs", request),
  run: (id) => call("GET", `/api/runs/${encodeURIComponent(id)}`),
  cancel: (id) => call("DELETE", `/api/runs/${encodeURIComponent(id)}`),
  fileUrl: (id, name, download) =>
    `/api/runs/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}${download ? "?download=1" : ""}`,
};

// Submits a run and follows it until it settles; onProgress(status) on every poll.
// Returns the final status (with the summary when done).
export async function runAndWait(request, onProgress, { interval = 250, cancelled = () => false } = {}) {
  const { id } = await api.submit(request);
  let cancelSent = false;
  for (;;) {
    const status = await api.run(id);
    onProgress(status);
    if (["done", "failed", "cancelled"].includes(status.state)) return status;
    if (cancelled() && !cancelSent) {
      cancelSent = true;
      await api.cancel(id).catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
