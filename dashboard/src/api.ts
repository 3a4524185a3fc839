/**
 * The API as the dashboard uses it, built from the contract (`shared/api`): paths from its route
 * list, every answer parsed with its route's schema. GETs are revalidated: the last answer's ETag
 * goes back as `If-None-Match`, and a 304 keeps the data already held (a route that sends no ETag
 * is simply fetched again).
 */
import { z } from 'zod';
// The routes and answers only: the request schemas (server side) stay out of the page's bundle.
import { errorBodySchema } from '../../shared/api/responses';
import { API, ApiRoute, apiPath } from '../../shared/api/routes';

export class ApiError extends Error {
  constructor(
    /** 0: the server could not be reached. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** An answer, and what revalidates it. */
export interface Fresh<T> {
  url: string;
  data: T;
  etag?: string;
  /** False when the server answered 304 and `data` is the previous answer's. */
  changed: boolean;
}

export type ProgramList = z.output<typeof API.listPrograms.response>;
export type ProgramView = z.output<typeof API.getProgram.response>;
export type CalendarView = z.output<typeof API.getSessions.response>;
export type HistoryPage = z.output<typeof API.history.response>;
export type SessionReport = z.output<typeof API.getSessionReport.response>;
export type ExportList = z.output<typeof API.listExports.response>;
export type FeedList = z.output<typeof API.listCalendarFeeds.response>;
export type FeedCreated = z.output<typeof API.createCalendarFeed.response>;
export type Me = z.output<typeof API.me.response>;
export type AuthConfig = z.output<typeof API.authConfig.response>;
export type MemberList = z.output<typeof API.listMembers.response>;
export type NewMember = {
  kind: 'user' | 'group';
  id: string;
  role: 'editor' | 'viewer';
  name: string;
};

type Query = Record<string, string | number | undefined>;

export interface DashboardApi {
  /** Who is asking, and their roles over `programId` (app-wide without one). */
  me(programId: string | undefined, previous?: Fresh<Me>): Promise<Fresh<Me>>;
  programs(previous?: Fresh<ProgramList>): Promise<Fresh<ProgramList>>;
  /** How the server signs people in. */
  authConfig(): Promise<AuthConfig>;
  program(programId: string, previous?: Fresh<ProgramView>): Promise<Fresh<ProgramView>>;
  sessions(programId: string, previous?: Fresh<CalendarView>): Promise<Fresh<CalendarView>>;
  history(
    programId: string,
    page: { pageSize: number; continuationToken?: string },
    previous?: Fresh<HistoryPage>,
  ): Promise<Fresh<HistoryPage>>;
  report(
    programId: string,
    session: number,
    previous?: Fresh<SessionReport>,
  ): Promise<Fresh<SessionReport>>;
  exports(programId: string, previous?: Fresh<ExportList>): Promise<Fresh<ExportList>>;
  feeds(programId: string, previous?: Fresh<FeedList>): Promise<Fresh<FeedList>>;
  createFeed(programId: string): Promise<FeedCreated>;
  revokeFeed(programId: string, feed: string): Promise<void>;
  /** Admins: who may write or read the programme. */
  members(programId: string, previous?: Fresh<MemberList>): Promise<Fresh<MemberList>>;
  putMember(programId: string, member: NewMember): Promise<void>;
  removeMember(programId: string, kind: NewMember['kind'], id: string): Promise<void>;
  /** Download links (the browser fetches them itself). */
  reportFile(programId: string, session: number, format: 'xlsx' | 'csv'): string;
  exportFile(programId: string, date: string, name: string): string;
}

/** `root`: where /api/ is, e.g. `http://host/api/`. */
export function dashboardApi(root: string, timeoutMs = 10_000): DashboardApi {
  const base = root.endsWith('/') ? root : `${root}/`;

  function url(route: ApiRoute, params: Record<string, string | number>, query: Query = {}) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
    const qs = search.toString();
    return `${base}${apiPath(route, params)}${qs ? `?${qs}` : ''}`;
  }

  async function send(target: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(target, {
        ...init,
        credentials: 'same-origin',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiError(0, 'No se pudo conectar con el servidor.');
    }
  }

  async function failure(res: Response): Promise<ApiError> {
    const json = await readJson(res);
    const body = errorBodySchema.safeParse(json);
    if (body.success)
      return new ApiError(
        res.status,
        'error' in body.data
          ? body.data.error
          : body.data.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      );
    const said: Record<number, string> = {
      401: 'Su sesión terminó: recargue la página para iniciar sesión.',
      403: 'Su cuenta no tiene permiso para esto.',
      404: 'No existe o aún no está disponible en este servidor.',
      503: 'El servidor no está disponible por ahora.',
    };
    return new ApiError(res.status, said[res.status] ?? `Error ${res.status} del servidor.`);
  }

  function parse<R extends z.ZodType>(route: ApiRoute<R>, res: Response, json: unknown) {
    const answer = route.response.safeParse(json);
    if (!answer.success)
      throw new ApiError(
        res.status,
        'La respuesta del servidor no es la esperada: recargue la página.',
      );
    return answer.data;
  }

  /** A write: JSON in (when there is a body); the answer, or the server's refusal thrown. */
  async function write(
    route: ApiRoute,
    params: Record<string, string | number>,
    body?: unknown,
  ): Promise<{ res: Response; json: unknown }> {
    const res = await send(url(route, params), {
      method: route.method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw await failure(res);
    return { res, json: await readJson(res) };
  }

  /** A GET revalidated against `previous` when it was the same URL and came with an ETag. */
  async function get<R extends z.ZodType>(
    route: ApiRoute<R>,
    params: Record<string, string | number>,
    query: Query,
    previous: Fresh<z.output<R>> | undefined,
  ): Promise<Fresh<z.output<R>>> {
    const target = url(route, params, query);
    const etag = previous?.url === target ? previous.etag : undefined;
    const res = await send(target, {
      method: 'GET',
      headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
      // Our own If-None-Match, not the browser's cache: a 304 comes back to us.
      cache: 'no-store',
    });
    if (res.status === 304 && previous && etag) return { ...previous, changed: false };
    if (!res.ok) throw await failure(res);
    const data = parse(route, res, await readJson(res));
    const next = res.headers.get('etag');
    return { url: target, data, ...(next ? { etag: next } : {}), changed: true };
  }

  return {
    me: (programId, previous) => get(API.me, {}, { programId }, previous),
    programs: (previous) => get(API.listPrograms, {}, {}, previous),
    authConfig: async () => (await get(API.authConfig, {}, {}, undefined)).data,
    program: (programId, previous) => get(API.getProgram, { programId }, {}, previous),
    sessions: (programId, previous) => get(API.getSessions, { programId }, {}, previous),
    history: (programId, page, previous) => get(API.history, { programId }, page, previous),
    report: (programId, number, previous) =>
      get(API.getSessionReport, { programId, number }, { format: 'json' }, previous),
    exports: (programId, previous) => get(API.listExports, { programId }, {}, previous),
    feeds: (programId, previous) => get(API.listCalendarFeeds, { programId }, {}, previous),
    async createFeed(programId) {
      const { res, json } = await write(API.createCalendarFeed, { programId }, {});
      return parse(API.createCalendarFeed, res, json);
    },
    async revokeFeed(programId, feed) {
      await write(API.revokeCalendarFeed, { programId, feed });
    },
    members: (programId, previous) => get(API.listMembers, { programId }, {}, previous),
    async putMember(programId, { kind, id, role, name }) {
      await write(API.putMember, { programId, kind, memberId: id }, { role, name });
    },
    async removeMember(programId, kind, memberId) {
      await write(API.removeMember, { programId, kind, memberId });
    },
    reportFile: (programId, number, format) =>
      url(API.getSessionReport, { programId, number }, { format }),
    exportFile: (programId, date, name) => url(API.getExport, { programId, date, name }),
  };
}

async function readJson(res: Response): Promise<unknown> {
  if (!res.headers.get('content-type')?.includes('json')) return undefined;
  return res.json().catch(() => undefined);
}
