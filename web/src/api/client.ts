// The one place the workbench talks to the Kashf HTTP JSON API (docs/openapi.yaml on the server).
// Pages call the typed functions of ./generated/operations.ts (generated from the spec by
// scripts/gen-api.mjs); those call request() below, which nothing else uses.
//
// Contract: every request goes to the page's own origin with the session cookie (HttpOnly, set by
// the server at login; the token in the login answer is ignored and never stored). Requests that
// change data carry `X-Kashf-Request: 1` (the server's CSRF check). Errors become ApiError with the
// server's code and message, which never contain a victim identity. Nothing here logs to the
// console: answers may hold personal data.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
  /** True when the user may not see this (role refused, or another agency's record). */
  get refused(): boolean {
    return this.status === 403;
  }
  /** The server does not offer this endpoint (an older server, or a feature not built in). */
  get unsupported(): boolean {
    return this.status === 501 || (this.status === 404 && /no such API/i.test(this.message));
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** The operation needs no session (`security: []` in the spec: login, health): a 401 is its own answer. */
  anonymous?: boolean;
}

/** The path prefix of every API operation; links under it are not pages of the workbench. */
export const API_PREFIX = '/api/';

let onUnauthenticated: (() => void) | null = null;

/** Called when a request that needs a session answers 401: the session ended or expired. */
export function setUnauthenticatedHandler(f: (() => void) | null): void {
  onUnauthenticated = f;
}

/** `path` is the operation's full path from the spec (/api/v1/...), parameters already filled in. */
function apiUrl(path: string, query?: Query): string {
  let url = path;
  if (query) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    const s = p.toString();
    if (s) url += `?${s}`;
  }
  return url;
}

export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store', signal: o.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-Kashf-Request'] = '1';
    if (o.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(o.body);
    }
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, o.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The Kashf server cannot be reached. Is `kashf serve` running?');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const code = err?.code ?? `http_${res.status}`;
    const message = err?.message ?? defaultMessage(res.status);
    if (res.status === 401 && !o.anonymous && onUnauthenticated) onUnauthenticated();
    throw new ApiError(res.status, code, message);
  }
  return data as T;
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401: return 'Your session has ended; log in again.';
    case 403: return 'Your role may not see this.';
    case 404: return 'Not found, or not visible to you.';
    case 501: return 'The server does not offer this yet.';
    default: return `The server answered ${status}.`;
  }
}

/** Human text for an error shown in the page. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return `Not permitted: ${e.message}`;
    if (e.unsupported) return 'This Kashf server does not offer this yet (its API has no such endpoint). Ask the administrator to update it.';
    return e.message;
  }
  if (e instanceof DOMException && e.name === 'AbortError') return 'Cancelled.';
  return 'Something went wrong in the page; reload it and try again.';
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
