/**
 * The functions' HTTP API as the pane uses it, built from the contract (`shared/api`): paths from
 * its route list, bodies of its request types, every answer parsed with its response schema. A
 * network failure or a 503 is `OfflineError`: the change waits in the workbook. Where the server
 * wants sign-in, every call carries the session's access token; a 401 renews it once.
 */
import { z } from 'zod';
import {
  API,
  ApiRoute,
  AuthConfig,
  CalendarView,
  Me,
  PlanBody,
  ProgramView,
  SyncAnswer,
  SyncBody,
  apiPath,
  errorBodySchema,
} from '../../shared/api';

export class OfflineError extends Error {}
/** The session ended or never began: nothing was sent, and the changes wait as when offline. */
export class SignInRequiredError extends OfflineError {}
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Api {
  getProgram(programId: string): Promise<ProgramView | undefined>;
  putPlan(programId: string, plan: PlanBody): Promise<void>;
  sync(programId: string, body: SyncBody): Promise<SyncAnswer>;
  getSessions(programId: string): Promise<CalendarView | undefined>;
  /** Who the server says the caller is, and their roles over the programme. */
  me(programId: string): Promise<Me>;
}

/** Where a call's access token comes from; undefined: the server asks for none. */
export interface TokenSource {
  token(options?: { renew?: boolean }): Promise<string | undefined>;
}

interface CallOptions {
  body?: unknown;
  query?: Record<string, string>;
  notFound?: 'undefined';
}

const NO_TOKENS: TokenSource = { token: async () => undefined };

/** How the server at `baseUrl` wants its clients to sign in (a public route). */
export async function fetchAuthConfig(baseUrl: string, timeoutMs = 8000): Promise<AuthConfig> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/${apiPath(API.authConfig, {})}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new OfflineError('No se pudo conectar con el servidor.');
  }
  const config = API.authConfig.response.safeParse(await res.json().catch(() => undefined));
  if (!res.ok || !config.success)
    throw new OfflineError('El servidor no está disponible por ahora.');
  return config.data;
}

export function httpApi(baseUrl: string, tokens: TokenSource = NO_TOKENS, timeoutMs = 8000): Api {
  const root = baseUrl.replace(/\/+$/, '');

  async function send(
    route: ApiRoute,
    params: Record<string, string>,
    { body, query }: CallOptions,
    token: string | undefined,
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      const search = query ? `?${new URLSearchParams(query).toString()}` : '';
      return await fetch(`${root}/api/${apiPath(route, params)}${search}`, {
        method: route.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new OfflineError('No se pudo conectar con el servidor.');
    }
  }

  /** One call: the answer parsed with the route's schema, or undefined for a 404 when asked. */
  async function call<R extends z.ZodType>(
    route: ApiRoute<R>,
    params: Record<string, string>,
    options: CallOptions = {},
  ): Promise<z.output<R> | undefined> {
    const token = await tokens.token();
    let res = await send(route, params, options, token);
    // A token refused (revoked, expired early, clocks apart): renew it once and try again.
    if (res.status === 401 && token)
      res = await send(route, params, options, await tokens.token({ renew: true }));
    if (res.status === 401 && token)
      throw new SignInRequiredError('Su sesión no es válida: inicie sesión de nuevo.');
    if (res.status === 503) throw new OfflineError('El servidor no está disponible por ahora.');
    const json: unknown = res.headers.get('content-type')?.includes('json')
      ? await res.json().catch(() => undefined)
      : undefined;
    if (res.status === 404 && options.notFound === 'undefined') return undefined;
    if (!res.ok) {
      const error = errorBodySchema.safeParse(json);
      throw new ApiError(
        res.status,
        !error.success
          ? `Error ${res.status} del servidor.`
          : 'error' in error.data
            ? error.data.error
            : error.data.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      );
    }
    const answer = route.response.safeParse(json);
    if (!answer.success)
      throw new ApiError(
        res.status,
        'La respuesta del servidor no es la esperada: actualice el complemento (recargue el panel).',
      );
    return answer.data;
  }

  return {
    getProgram: (programId) => call(API.getProgram, { programId }, { notFound: 'undefined' }),
    async putPlan(programId, plan) {
      await call(API.putPlan, { programId }, { body: plan });
    },
    sync: async (programId, body) => (await call(API.sync, { programId }, { body }))!,
    getSessions: (programId) => call(API.getSessions, { programId }, { notFound: 'undefined' }),
    me: async (programId) => (await call(API.me, {}, { query: { programId } }))!,
  };
}
