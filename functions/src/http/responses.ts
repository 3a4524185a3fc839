/** Tiny response helpers: every answer is JSON with a Spanish message, never a stack. */
import { HttpResponseInit } from '@azure/functions';

export interface FieldError {
  path: string;
  message: string;
}

export const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponseInit => ({
  status,
  jsonBody: body,
  headers: { 'Cache-Control': 'no-store', ...headers },
});

export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);
export const created = (body: unknown, headers?: Record<string, string>) =>
  json(201, body, headers);
export const badRequest = (errors: FieldError[]) => json(400, { errors });
export const unauthorized = (message = 'Inicie sesión para continuar.') =>
  json(401, { error: message });
export const forbidden = (message: string) => json(403, { error: message });
export const notFound = (message: string) => json(404, { error: message });
export const conflict = (body: Record<string, unknown>) => json(409, body);
export const preconditionFailed = (body: Record<string, unknown>) => json(412, body);
export const preconditionRequired = (message: string) => json(428, { error: message });
export const serviceUnavailable = () =>
  json(
    503,
    { error: 'El almacenamiento no responde en este momento. Intente de nuevo en unos segundos.' },
    { 'Retry-After': '5' },
  );
export const internalError = () =>
  json(500, {
    error: 'Error interno. Intente de nuevo; si persiste, avise al equipo de PAT Cronograma.',
  });

export function file(
  body: Buffer | string,
  contentType: string,
  filename: string,
): HttpResponseInit {
  return {
    status: 200,
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  };
}
