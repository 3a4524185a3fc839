/** Tiny response helpers: every answer is JSON with a Spanish message, never a stack. */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
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
 * A success answer serialized and compressed once, and sent as is to every reader of the same
 * data (a snapshot's), with the ETag of its text: a large programme is neither rebuilt, re-hashed
 * nor re-compressed per request. A 1,000-activity programme is ≈ 1.8 MB of JSON, 74 KB gzipped and
 * 55 KB with Brotli (quality 5: 35 ms, once per version; higher qualities gain nothing here).
 */
export interface SerializedAnswer {
  text: string;
  encoded: Record<Encoding, Uint8Array>;
  etag: string;
}
type Encoding = 'br' | 'gzip';

export const serialized = <R extends z.ZodType>(
  _route: ApiRoute<R>,
  body: z.input<R>,
): SerializedAnswer => {
  const text = JSON.stringify(body);
  const br = brotliCompressSync(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
  return {
    text,
    encoded: { br: new Uint8Array(br), gzip: new Uint8Array(gzipSync(text)) },
    etag: textEtag(text),
  };
};

/**
 * The coding to answer in, per the client's `Accept-Encoding`: Brotli (browsers offer it over
 * HTTPS), else gzip (every browser), else none. A coding with `q=0` is refused.
 */
export function preferredEncoding(acceptEncoding: string | null): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '').split(',').flatMap((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return q === undefined || Number(q) > 0 ? [coding?.trim()] : [];
    }),
  );
  return (['br', 'gzip'] as const).find((coding) => accepted.has(coding));
}

export const sendSerialized = (
  { text, encoded, etag }: SerializedAnswer,
  acceptEncoding: string | null,
): HttpResponseInit => {
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ETag: etag,
  };
  const coding = preferredEncoding(acceptEncoding);
  return coding
    ? { status: 200, body: encoded[coding], headers: { ...headers, 'Content-Encoding': coding } }
    : { status: 200, body: text, headers };
};

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
