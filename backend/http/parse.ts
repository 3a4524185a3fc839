/** Parses every body, parameter, query and header with zod; problems become a 400 listing them. */
import { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { BadRequestError, FieldError, PreconditionRequiredError } from '../errors';
import { ifMatchHeader } from '../../shared/api/requests';

/** A body that is not JSON by its Content-Type: 415. */
export class UnsupportedMediaTypeError extends Error {}
/** A body over the limit: 413. */
export class PayloadTooLargeError extends Error {}

/** The largest body any route takes: a sync of 12,000 changes is under 3 MB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const isJson = (request: HttpRequest): boolean =>
  (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() ===
  'application/json';

export function zodErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path].join('.'), message: i.message }));
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestError(zodErrors(result.error, prefix));
  return result.data;
}

export function params<T extends z.ZodType>(request: HttpRequest, schema: T): z.output<T> {
  return parseWith(schema, request.params, 'params');
}

export function query<T extends z.ZodType>(request: HttpRequest, schema: T): z.output<T> {
  return parseWith(schema, Object.fromEntries(request.query.entries()), 'query');
}

/**
 * A file sent as the body (an upload), of the given media type and at most `maxBytes`: refused
 * by its Content-Length before it is read when that says too much, and by its size after.
 */
export async function fileBody(
  request: HttpRequest,
  mediaType: string,
  maxBytes: number,
): Promise<Buffer> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== mediaType) throw new UnsupportedMediaTypeError();
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes)
    throw new PayloadTooLargeError();
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw new PayloadTooLargeError();
  return bytes;
}

export async function body<T extends z.ZodType>(
  request: HttpRequest,
  schema: T,
): Promise<z.output<T>> {
  if (!isJson(request)) throw new UnsupportedMediaTypeError();
  let value: unknown;
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new PayloadTooLargeError();
  try {
    value = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new BadRequestError([{ path: 'body', message: 'El cuerpo no es JSON válido.' }]);
  }
  return parseWith(schema, value, 'body');
}

/** The `If-Match` ETag a write of one month is based on: 428 (PreconditionRequiredError) without one. */
export function ifMatch(request: HttpRequest): string {
  const header = request.headers.get('if-match');
  if (!header)
    throw new PreconditionRequiredError(
      'Falta el encabezado If-Match con el ETag del estatus que se modifica.',
    );
  return parseWith(ifMatchHeader, header, 'headers.if-match');
}
