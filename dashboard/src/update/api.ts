/**
 * The API as the update page uses it: the contract's one client (`shared/api/client.ts`), with the
 * page's cookies (App Service authentication) and a time-out, a refusal whose answer says nothing
 * told in the page's words — as the dashboard builds its client (`../api.ts`).
 * Saving a month sends the ETag the person saw (`If-Match`); a refusal's body says what the month
 * holds now (412) or which field is wrong (400).
 */
import { z } from 'zod';
import { ApiError, Fetch, contractClient } from '../../../shared/api/client';
import {
  AuthConfig,
  FieldError,
  Me,
  MonthStatusAnswer,
  MonthStatusView,
  fieldErrorSchema,
  staleStatusSchema,
} from '../../../shared/api/responses';
import { API } from '../../../shared/api/routes';
import type { MyMonths } from '../../../shared/reminders';
import type { Status } from '../../../shared/status';

export { ApiError };
export type { AuthConfig, Me, MonthStatusView, MyMonths };
export type DueMonth = MyMonths['months'][number];

/** A 400's answer: what is wrong, field by field. */
const fieldErrorsSchema = z.object({ errors: z.array(fieldErrorSchema) });

/** What a save sends (the route's `statusBody`): what is left out is cleared. */
export interface MonthChange {
  status: Status;
  note?: string;
  evidence?: string;
}

export type SaveResult =
  | { kind: 'saved'; month: MonthStatusAnswer }
  /** 412: someone changed the month since it was read; `current` is what it holds now. */
  | { kind: 'stale'; message: string; current?: MonthStatusView }
  /** 400: what is wrong, each with its field's path (`body.evidence`). */
  | { kind: 'invalid'; message: string; errors: FieldError[] };

export interface UpdateApi {
  /** Who is signed in (their sign-in name). */
  me(): Promise<Me>;
  /** How the server signs people in («modo local» when it does it itself). */
  authConfig(): Promise<AuthConfig>;
  /** The signed-in person's due and overdue months. */
  myMonths(programId: string): Promise<MyMonths>;
  /** One month, over the ETag the person saw. Other refusals (401, 403, 404, 503…) throw an ApiError. */
  saveMonth(
    programId: string,
    target: { activityId: string; month: number; etag: string },
    change: MonthChange,
  ): Promise<SaveResult>;
}

const MESSAGES = {
  unexpected: 'La respuesta del servidor no es la esperada: recargue la página.',
  byStatus: {
    401: 'Su sesión terminó: inicie sesión de nuevo.',
    403: 'Su cuenta no tiene permiso para esto.',
    404: 'No existe o aún no está disponible en este servidor.',
    503: 'El servidor no está disponible por ahora: intente de nuevo en unos minutos.',
  },
};

/** `root`: where /api/ is, e.g. `http://host/api/`. */
export function updateApi(root: string, timeoutMs = 10_000): UpdateApi {
  const send: Fetch = (url, init) =>
    fetch(url, { ...init, credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) });
  const client = contractClient({ root, fetch: send, messages: MESSAGES });

  return {
    me: () => client.call(API.me),
    authConfig: () => client.call(API.authConfig),
    myMonths: (programId) => client.call(API.myMonths, { params: { programId } }),
    async saveMonth(programId, { activityId, month, etag }, change) {
      try {
        const saved = await client.call(API.patchMyMonth, {
          params: { programId, activityId, month },
          body: change,
          headers: { 'if-match': etag },
        });
        return { kind: 'saved', month: saved };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 412) {
          const stale = staleStatusSchema.safeParse(error.body);
          return stale.success
            ? {
                kind: 'stale',
                message: stale.data.error,
                ...(stale.data.current ? { current: stale.data.current } : {}),
              }
            : { kind: 'stale', message: error.message };
        }
        if (error.status === 400) {
          const body = fieldErrorsSchema.safeParse(error.body);
          return {
            kind: 'invalid',
            message: error.message,
            errors: body.success ? body.data.errors : [],
          };
        }
        throw error;
      }
    },
  };
}
