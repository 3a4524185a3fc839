/**
 * The functions' HTTP API as the pane uses it, built from the contract (`shared/api`): paths from
 * its route list, bodies of its request types, every answer parsed with its response schema. A
 * network failure or a 503 is `OfflineError`: the change waits in the workbook.
 */
import { z } from 'zod';
import {
  API,
  ApiRoute,
  CalendarView,
  PlanBody,
  ProgramView,
  SyncAnswer,
  SyncBody,
  apiPath,
  errorBodySchema,
} from '../../shared/api';

export class OfflineError extends Error {}
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
}

export function httpApi(baseUrl: string, timeoutMs = 8000): Api {
  const root = baseUrl.replace(/\/+$/, '');

  /** One call: the answer parsed with the route's schema, or undefined for a 404 when asked. */
  async function call<R extends z.ZodType>(
    route: ApiRoute<R>,
    params: Record<string, string>,
    options: { body?: unknown; notFound?: 'undefined' } = {},
  ): Promise<z.output<R> | undefined> {
    let res: Response;
    try {
      res = await fetch(`${root}/api/${apiPath(route, params)}`, {
        method: route.method,
        headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new OfflineError('No se pudo conectar con el servidor.');
    }
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
  };
}
