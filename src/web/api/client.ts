import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';
import type { Problem } from './types.js';

// Module state rather than React context: the middleware runs outside React.
let csrfToken: string | null = null;
let language = 'sv';
let onUnauthorized: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setApiLanguage(lang: string): void {
  language = lang;
}
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function decorate(headers: Headers, method: string): void {
  headers.set('Accept-Language', language === 'en' ? 'en, sv;q=0.5' : 'sv, en;q=0.5');
  if (!SAFE.has(method.toUpperCase()) && csrfToken) headers.set('x-csrf-token', csrfToken);
}

function isAuthCall(url: string): boolean {
  return new URL(url, window.location.origin).pathname.startsWith('/api/v1/auth/');
}

const middleware: Middleware = {
  onRequest({ request }) {
    decorate(request.headers, request.method);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !isAuthCall(request.url)) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(middleware);

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.status = problem.status;
    this.problem = problem;
  }
  /** Field errors keyed by a dotted path: `costs.0.amountSek`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = normaliseField(e.field);
      out[key] ??= e.message;
    }
    return out;
  }
}

// Servers word paths differently (`/costs/0/year`, `costs[0].year`, `body.name`); forms use one form.
export function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '');
}

function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error) {
    const p = error as Partial<Problem>;
    return { type: p.type ?? 'about:blank', status: p.status ?? response.status, ...p } as Problem;
  }
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response));
  return data as T;
}

export interface Tagged<T> {
  data: T;
  etag: string;
}

export async function unwrapTagged<T>(call: Promise<FetchResult<T>>): Promise<Tagged<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response));
  return { data: data as T, etag: response.headers.get('ETag') ?? '' };
}

/** Fetch a file with the session and save it, so exports keep filters and auth headers. */
export async function download(url: string, accept: string, filename: string): Promise<void> {
  const headers = new Headers({ Accept: accept });
  decorate(headers, 'GET');
  const response = await fetch(url, { headers, credentials: 'same-origin' });
  if (response.status === 401) onUnauthorized();
  if (!response.ok) {
    let problem: unknown = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON: fall back to the status line.
    }
    throw new ApiError(toProblem(problem, response));
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
