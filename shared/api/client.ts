/**
 * The contract's one client, for the task pane, the dashboard and the tests: a call is built from
 * its route (`routes.ts`: the method, the path from the route's template and parameters, a query,
 * a JSON body), every answer is parsed with the route's response schema, and every failure is a
 * typed error. It does no I/O of its own: the caller hands it `fetch` (with its time-out and
 * credentials) and, where the server wants a token, the Authorization header. What a page needs on
 * top lives with the page: the pane turns «offline» failures into work kept in the workbook
 * (`addin/src/api-client.ts`), the dashboard revalidates with `revalidate` (`dashboard/src/api.ts`).
 */
import { z } from 'zod';
// The routes and answers only: the request schemas (server side) stay out of the pages' bundles.
import { errorBodySchema } from './responses';
import { ApiRoute, apiPath } from './routes';

/** A call that did not give the route's answer. `status` 0: the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The refusal's JSON as the server sent it (a 412's `current`, a 400's `errors`), when it sent one. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** The server could not be reached (no network, refused, timed out): nothing was answered. */
export class NetworkError extends ApiError {
  constructor(message: string) {
    super(0, message);
  }
}

/** 401. `credentialed`: the call carried an Authorization header (renewed once, and refused again). */
export class UnauthorizedError extends ApiError {
  constructor(
    message: string,
    readonly credentialed: boolean,
  ) {
    super(401, message);
  }
}

/** 404, where the call did not ask for `undefined` instead. */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(404, message);
  }
}

/** 503: the server (or its storage) is busy or down; `Retry-After` says when to try again. */
export class UnavailableError extends ApiError {
  constructor(
    message: string,
    /** Seconds, when the server said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(503, message);
  }
}

/** A success whose body is not the route's answer (another version of the server, a proxy's page). */
export class UnexpectedAnswerError extends ApiError {}

/** The I/O, injected: the page's `fetch` with its time-out and credentials, or a test's. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What the person reads when a call fails and the server's answer says nothing itself. */
export interface ClientMessages {
  /** The server could not be reached. */
  network: string;
  /** The answer does not parse with the route's schema: what to do about it. */
  unexpected: string;
  /** A refusal with no `{error}` body, by status (otherwise «Error N del servidor.»). */
  byStatus: Partial<Record<number, string>>;
}

const DEFAULT_MESSAGES: ClientMessages = {
  network: 'No se pudo conectar con el servidor.',
  unexpected: 'La respuesta del servidor no es la esperada.',
  byStatus: {},
};

export interface ClientOptions {
  /** Where the routes' paths start: the API's root, `https://host/api/`. */
  root: string;
  fetch: Fetch;
  /**
   * The Authorization header of a call (undefined: none). When the server refuses it (401) it is
   * asked for again with `renew`, and the call repeated once.
   */
  authorization?: (options: { renew: boolean }) => Promise<string | undefined>;
  messages?: Partial<ClientMessages>;
}

export interface CallOptions {
  /** The route's path parameters (`{programId}`), each one URL-encoded. */
  params?: Record<string, string | number>;
  /** The query string; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with its media type: a file the route takes (an upload), instead of `body`. */
  file?: { bytes: Blob | ArrayBuffer | Uint8Array; type: string };
  /** Request headers the route reads (`If-Match`: the ETag a write is based on). */
  headers?: Record<string, string>;
}

/** An answer, and what revalidates it. */
export interface Fresh<T> {
  url: string;
  data: T;
  etag?: string;
  /** False when the server answered 304 and `data` is the previous answer's. */
  changed: boolean;
}

/** What a route answers once parsed: its schema's output, or nothing for a route without one. */
export type Answer<R extends ApiRoute> = R['response'] extends z.ZodType
  ? z.output<R['response']>
  : undefined;

export interface ContractClient {
  /** One call: the answer parsed with the route's schema; with `notFound: 'undefined'`, a 404 is undefined. */
  call<R extends ApiRoute>(
    route: R,
    options: CallOptions & { notFound: 'undefined' },
  ): Promise<Answer<R> | undefined>;
  call<R extends ApiRoute>(route: R, options?: CallOptions): Promise<Answer<R>>;
  /**
   * A GET revalidated: the ETag of `previous` (when it was the same URL) goes as `If-None-Match`,
   * and a 304 gives `previous` back unchanged. A route that sends no ETag is simply fetched again.
   */
  revalidate<R extends ApiRoute<z.ZodType>>(
    route: R,
    options?: Omit<CallOptions, 'body'>,
    previous?: Fresh<Answer<R>>,
  ): Promise<Fresh<Answer<R>>>;
  /** A route's URL (download links: the browser fetches them itself). */
  url(route: ApiRoute, options?: Omit<CallOptions, 'body'>): string;
}

export function contractClient(options: ClientOptions): ContractClient {
  const base = options.root.endsWith('/') ? options.root : `${options.root}/`;
  const messages: ClientMessages = { ...DEFAULT_MESSAGES, ...options.messages };
  const { authorization } = options;

  function url(
    route: ApiRoute,
    { params = {}, query = {} }: Omit<CallOptions, 'body' | 'file' | 'headers'> = {},
  ) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
    const qs = search.toString();
    return `${base}${apiPath(route, params)}${qs ? `?${qs}` : ''}`;
  }

  /** Sends the call (renewing a refused Authorization once); says whether it carried one. */
  async function send(
    route: ApiRoute,
    target: string,
    body: unknown,
    init: {
      headers?: Record<string, string>;
      cache?: RequestCache;
      file?: CallOptions['file'];
    } = {},
  ): Promise<{ res: Response; credentialed: boolean }> {
    const payload = init.file
      ? { type: init.file.type, data: init.file.bytes as BodyInit }
      : body === undefined
        ? undefined
        : { type: 'application/json', data: JSON.stringify(body) };
    const attempt = async (header: string | undefined): Promise<Response> => {
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      if (payload) headers['content-type'] = payload.type;
      if (header) headers.authorization = header;
      try {
        return await options.fetch(target, {
          method: route.method,
          headers,
          ...(payload ? { body: payload.data } : {}),
          ...(init.cache ? { cache: init.cache } : {}),
        });
      } catch {
        throw new NetworkError(messages.network);
      }
    };
    const header = await authorization?.({ renew: false });
    let res = await attempt(header);
    // A token refused (revoked, expired early, clocks apart): renewed once, and the call repeated.
    if (res.status === 401 && header) res = await attempt(await authorization!({ renew: true }));
    return { res, credentialed: Boolean(header) };
  }

  async function failure(res: Response, credentialed: boolean): Promise<ApiError> {
    const json = await readJson(res);
    const body = errorBodySchema.safeParse(json);
    const message = body.success
      ? 'error' in body.data
        ? body.data.error
        : body.data.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
      : (messages.byStatus[res.status] ?? `Error ${res.status} del servidor.`);
    switch (res.status) {
      case 401:
        return new UnauthorizedError(message, credentialed);
      case 404:
        return new NotFoundError(message);
      case 503:
        return new UnavailableError(message, retryAfter(res));
      default:
        return new ApiError(res.status, message, json);
    }
  }

  async function answer<R extends ApiRoute>(route: R, res: Response): Promise<Answer<R>> {
    const json = await readJson(res);
    if (!route.response) return undefined as Answer<R>;
    const parsed = route.response.safeParse(json);
    if (!parsed.success) throw new UnexpectedAnswerError(res.status, messages.unexpected);
    return parsed.data as Answer<R>;
  }

  async function call<R extends ApiRoute>(
    route: R,
    { notFound, body, file, headers, ...where }: CallOptions & { notFound?: 'undefined' } = {},
  ): Promise<Answer<R> | undefined> {
    const { res, credentialed } = await send(route, url(route, where), body, {
      ...(file ? { file } : {}),
      ...(headers ? { headers } : {}),
    });
    if (res.status === 404 && notFound === 'undefined') return undefined;
    if (!res.ok) throw await failure(res, credentialed);
    return answer(route, res);
  }

  return {
    call: call as ContractClient['call'],
    async revalidate(route, where = {}, previous) {
      const target = url(route, where);
      const etag = previous?.url === target ? previous.etag : undefined;
      const { res, credentialed } = await send(route, target, undefined, {
        ...(etag ? { headers: { 'if-none-match': etag } } : {}),
        // Our own If-None-Match, not the browser's cache: a 304 comes back to us.
        cache: 'no-store',
      });
      if (res.status === 304 && previous && etag) return { ...previous, changed: false };
      if (!res.ok) throw await failure(res, credentialed);
      const data = await answer(route, res);
      const next = res.headers.get('etag');
      return { url: target, data, ...(next ? { etag: next } : {}), changed: true };
    },
    url,
  };
}

async function readJson(res: Response): Promise<unknown> {
  if (!res.headers.get('content-type')?.includes('json')) return undefined;
  return res.json().catch(() => undefined);
}

/** `Retry-After` in seconds; undefined when absent or given as a date. */
function retryAfter(res: Response): number | undefined {
  const header = res.headers.get('retry-after')?.trim();
  if (!header || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}
