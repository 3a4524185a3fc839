/** The functions' HTTP API as the pane uses it. A network failure is `OfflineError`: the change waits in the workbook. */
import { Status } from '../../shared/status';

export class OfflineError extends Error {}
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface MonthStatusView {
  status: Status;
  note?: string;
  evidence?: string;
  updatedBy?: string;
  updatedAt?: string;
  etag: string;
}

export interface ProgramView {
  id: string;
  year: number;
  title: string;
  details: { commission: { acronym: string }; calendarNote?: string };
  axes: { number: number; name: string }[];
  activities: {
    id: string;
    axis: number;
    description: string;
    months: number[];
    statuses: Record<string, MonthStatusView>;
  }[];
}

export interface SyncAnswer {
  applied: { activityId: string; month: number; etag: string }[];
  conflicts: { activityId: string; month: number; current: MonthStatusView }[];
}

export interface PlanBody {
  year: number;
  axes: { number: number; name: string }[];
  activities: {
    id: string;
    axis: number;
    description: string;
    months: number[];
    period?: string;
  }[];
}

export interface Api {
  getProgram(programId: string): Promise<ProgramView | undefined>;
  putPlan(programId: string, plan: PlanBody): Promise<void>;
  sync(
    programId: string,
    body: {
      idempotencyKey: string;
      changes: { activityId: string; month: number; status: Status; baseEtag: string }[];
    },
  ): Promise<SyncAnswer>;
  getSessions(
    programId: string,
  ): Promise<{ year: number; sessions: unknown[]; changes: unknown[]; rule: unknown } | undefined>;
}

export function httpApi(baseUrl: string, timeoutMs = 8000): Api {
  const root = baseUrl.replace(/\/+$/, '');
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json?: T }> {
    let res: Response;
    try {
      res = await fetch(`${root}/api/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new OfflineError('No se pudo conectar con el servidor.');
    }
    if (res.status === 503) throw new OfflineError('El servidor no está disponible por ahora.');
    const json = res.headers.get('content-type')?.includes('json')
      ? ((await res.json()) as T)
      : undefined;
    return { status: res.status, json };
  }
  const fail = (status: number, json: unknown): never => {
    const body = json as
      { error?: string; errors?: { path: string; message: string }[] } | undefined;
    throw new ApiError(
      status,
      body?.error ??
        body?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') ??
        `Error ${status} del servidor.`,
    );
  };
  return {
    async getProgram(programId) {
      const r = await request<ProgramView>('GET', `programs/${encodeURIComponent(programId)}`);
      if (r.status === 404) return undefined;
      return r.status === 200 ? r.json : fail(r.status, r.json);
    },
    async putPlan(programId, plan) {
      const r = await request('PUT', `programs/${encodeURIComponent(programId)}/plan`, plan);
      if (r.status !== 200 && r.status !== 201) fail(r.status, r.json);
    },
    async sync(programId, body) {
      const r = await request<SyncAnswer>(
        'POST',
        `programs/${encodeURIComponent(programId)}/sync`,
        body,
      );
      return r.status === 200 && r.json ? r.json : fail(r.status, r.json);
    },
    async getSessions(programId) {
      const r = await request<{
        year: number;
        sessions: unknown[];
        changes: unknown[];
        rule: unknown;
      }>('GET', `programs/${encodeURIComponent(programId)}/sessions`);
      if (r.status === 404) return undefined;
      return r.status === 200 ? r.json : fail(r.status, r.json);
    },
  };
}
