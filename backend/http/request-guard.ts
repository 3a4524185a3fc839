/**
 * What every request must be before a handler sees it, whatever the route: a body is JSON and
 * no larger than the limit (or, for a route that takes a file, that file's type and limit), and a
 * write whose identity rides on a cookie (App Service
 * authentication; the dev host's stand-in) comes from the app's own origin. Together they close
 * cross-site writes: a browser sends another site's `text/plain` form or fetch without asking,
 * but never `application/json` across origins without a CORS preflight we do not grant.
 */
import { HttpRequest, HttpResponseInit } from '@azure/functions';
import { MAX_BODY_BYTES, isJson } from './parse';
import { json } from './responses';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The body a route takes when it is a file, not JSON (an upload). */
export interface FileUpload {
  mediaType: string;
  maxBytes: number;
  /** What the file is, for the 415's message («un documento de Word (.docx)»). */
  what: string;
}

const mediaTypeOf = (request: HttpRequest) =>
  (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** A refusal for a request no handler should see, or undefined. */
export function refuseRequest(
  request: HttpRequest,
  upload?: FileUpload,
): HttpResponseInit | undefined {
  const method = request.method.toUpperCase();
  const length = Number(request.headers.get('content-length') ?? '0');
  const limit = upload?.maxBytes ?? MAX_BODY_BYTES;
  if (Number.isFinite(length) && length > limit) return tooLarge(limit);
  const hasBody = length > 0 || request.headers.has('transfer-encoding');
  if (hasBody && upload && mediaTypeOf(request) !== upload.mediaType)
    return unsupportedMediaType(
      `El cuerpo de la solicitud debe ser ${upload.what} (Content-Type: ${upload.mediaType}).`,
    );
  if (hasBody && !upload && !isJson(request)) return unsupportedMediaType();
  if (WRITES.has(method) && !request.headers.has('authorization') && crossSite(request))
    return json(403, {
      error: 'Solicitud rechazada: viene de otro sitio. Use PAT Cronograma desde su propia página.',
    });
  return undefined;
}

export const unsupportedMediaType = (
  error = 'El cuerpo de la solicitud debe ser JSON (Content-Type: application/json).',
): HttpResponseInit => json(415, { error });

export const tooLarge = (limit = MAX_BODY_BYTES): HttpResponseInit =>
  json(413, {
    error: `El cuerpo de la solicitud pasa de ${limit / 1024 / 1024} MB, el máximo que se acepta.`,
  });

/**
 * A browser names the page that sent a write (`Origin`, else `Sec-Fetch-Site`); tools such as
 * curl and `pat` send neither. Without a bearer token, the identity may be a cookie the browser
 * attached on its own, so only the app's own pages may write.
 */
function crossSite(request: HttpRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin) {
    try {
      return origin === 'null' || new URL(origin).origin !== new URL(request.url).origin;
    } catch {
      return true;
    }
  }
  const site = request.headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}
