/** Tiny response helpers: every answer is JSON with a Spanish message, never a stack. */
import { createHash } from 'node:crypto';
import { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { ApiRoute, FieldError } from '../../shared/api';

export type { FieldError };

export const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponseInit => ({
  status,
  jsonBody: body,
  headers: { 'Cache-Control': 'no-store', ...headers },
});

/** A success answer the compiler checks against the route's response schema in the contract. */
export const answer = <R extends z.ZodType>(
  _route: ApiRoute<R>,
  body: z.input<R>,
  headers?: Record<string, string>,
  status = 200,
) => json(status, body, headers);

/**
 * A success answer serialized once and sent as is to every reader of the same data (a snapshot's),
 * with the ETag of its text: a large programme is neither rebuilt nor re-hashed per request.
 */
export interface SerializedAnswer {
  text: string;
  etag: string;
}
export const serialized = <R extends z.ZodType>(
  _route: ApiRoute<R>,
  body: z.input<R>,
): SerializedAnswer => {
  const text = JSON.stringify(body);
  return { text, etag: textEtag(text) };
};
export const sendSerialized = ({ text, etag }: SerializedAnswer): HttpResponseInit => ({
  status: 200,
  body: text,
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ETag: etag,
  },
});

/** A weak ETag naming a JSON text. */
export const textEtag = (text: string) =>
  `W/"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

export const badRequest = (errors: FieldError[]) => json(400, { errors });
/** 401 with the challenge clients expect; `invalid_token` when a token was sent but refused. */
export const unauthorized = (message = 'Inicie sesión para continuar.', error?: 'invalid_token') =>
  json(
    401,
    { error: message },
    {
      'WWW-Authenticate': `Bearer realm="pat-cronograma"${error ? `, error="${error}"` : ''}`,
    },
  );
export const forbidden = (message: string) => json(403, { error: message });
export const notFound = (message: string) => json(404, { error: message });
export const conflict = (body: Record<string, unknown>) => json(409, body);
export const preconditionFailed = (body: Record<string, unknown>) => json(412, body);
export const preconditionRequired = (message: string) => json(428, { error: message });
export const serviceUnavailable = (what: 'storage' | 'identity' = 'storage') =>
  json(
    503,
    {
      error:
        what === 'storage'
          ? 'El almacenamiento no responde en este momento. Intente de nuevo en unos segundos.'
          : 'No se pudo comprobar su identidad en este momento. Intente de nuevo en unos segundos.',
    },
    { 'Retry-After': '5' },
  );
export const internalError = () =>
  json(500, {
    error: 'Error interno. Intente de nuevo; si persiste, avise al equipo de PAT Cronograma.',
  });

export const noContent = (): HttpResponseInit => ({
  status: 204,
  headers: { 'Cache-Control': 'no-store' },
});

/** A file: downloaded (`attachment`) or shown in place (`inline`, a calendar feed). */
export function file(
  body: Buffer | string,
  contentType: string,
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): HttpResponseInit {
  return {
    status: 200,
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `${disposition}; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}
