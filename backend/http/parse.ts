/** Parses every body, parameter, query and header with zod; problems become a 400 listing them. */
import { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { FieldError } from './responses';

export class BadRequestError extends Error {
  constructor(readonly errors: FieldError[]) {
    super('Solicitud no válida.');
  }
}

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

export async function body<T extends z.ZodType>(
  request: HttpRequest,
  schema: T,
): Promise<z.output<T>> {
  let value: unknown;
  try {
    const text = await request.text();
    value = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new BadRequestError([{ path: 'body', message: 'El cuerpo no es JSON válido.' }]);
  }
  return parseWith(schema, value, 'body');
}
