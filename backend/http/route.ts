/**
 * A route: method, path template, the role it needs, and a handler. `toHttpHandler` adds what
 * every route shares: the principal check and the translation of errors into status codes.
 */
import {
  HttpHandler,
  HttpMethod,
  HttpRequest,
  HttpResponseInit,
  InvocationContext,
} from '@azure/functions';
import {
  AlreadyExistsError,
  BadRequestError,
  ConflictError,
  EntityTooLargeError,
  EtagMismatchError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidKeyError,
  MonthsNotPlannedError,
  NotFoundError,
  PreconditionRequiredError,
  RenderBusyError,
  StorageUnavailableError,
  SyncInProgressError,
} from '../errors';
import { CalendarFullError, SessionNotFoundError } from '../../shared/calendar/calendar';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './parse';
import { FileUpload, refuseRequest, tooLarge, unsupportedMediaType } from './request-guard';
import type { Role } from '../../shared/api';
import { Access } from './access';
import { Principal } from './principal';
import {
  badRequest,
  conflict,
  forbidden,
  internalError,
  json,
  notFound,
  preconditionFailed,
  preconditionRequired,
  serviceUnavailable,
  textEtag,
  unauthorized,
} from './responses';

export type RouteHandler = (
  request: HttpRequest,
  context: InvocationContext,
  principal: Principal,
) => Promise<HttpResponseInit>;

export interface Route {
  /** Function name in the Functions host. */
  name: string;
  methods: HttpMethod[];
  /** Path in the host's template syntax: `api/programs/{programId}`. */
  route: string;
  /** null: anonymous; `signed-in`: any identity; a role: over the path's `programId` when it has one. */
  role: Role | 'signed-in' | null;
  handler: RouteHandler;
  /** Who is asking and what they may do. */
  access: Access;
  /** The file the route takes as its body, where it takes one instead of JSON. */
  upload?: FileUpload;
}

const ANONYMOUS: Principal = { id: 'anónimo', name: 'anónimo', roles: [], groups: [] };

const FORBIDDEN: Record<Role, string> = {
  viewer:
    'Su cuenta no tiene acceso a este programa: pida el rol «viewer» o que lo agreguen al programa.',
  editor:
    'Su cuenta no puede modificar este programa: pida el rol «editor» o que lo agreguen como editor del programa (crear un programa requiere el rol «admin»).',
  admin: 'Esta acción requiere el rol «admin» de PAT Cronograma.',
};

/** Who is asking, checked against the role the route needs over its programme. */
async function authorize(
  route: Route,
  request: HttpRequest,
): Promise<{ principal: Principal } | { refused: HttpResponseInit }> {
  if (!route.role) return { principal: ANONYMOUS };
  const who = await route.access.identify(request);
  if (who.kind === 'unavailable') return { refused: serviceUnavailable('identity') };
  if (who.kind === 'missing') return { refused: unauthorized() };
  if (who.kind === 'invalid')
    return {
      refused: unauthorized(
        who.expired
          ? 'Su sesión venció. Inicie sesión de nuevo.'
          : 'La identidad enviada no es válida. Inicie sesión de nuevo.',
        'invalid_token',
      ),
    };
  if (route.role === 'signed-in') return { principal: who.principal };
  const programId =
    typeof request.params.programId === 'string' ? request.params.programId : undefined;
  if (!(await route.access.can(who.principal, route.role, programId)))
    return { refused: forbidden(FORBIDDEN[route.role]) };
  return { principal: who.principal };
}

/**
 * A GET's JSON answer carries an ETag (the handler's, or a hash of the body), and a request whose
 * If-None-Match names it gets 304 with no body: the dashboard polls without moving the data again.
 */
function revalidated(request: HttpRequest, response: HttpResponseInit): HttpResponseInit {
  if (request.method !== 'GET' || (response.status ?? 200) !== 200) return response;
  const headers = new Headers(response.headers as HeadersInit);
  let etag = headers.get('ETag');
  if (!etag) {
    if (response.jsonBody === undefined) return response;
    etag = textEtag(JSON.stringify(response.jsonBody));
    headers.set('ETag', etag);
  }
  const asked = request.headers.get('if-none-match');
  if (asked && asked.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    headers.delete('Content-Type');
    headers.delete('Content-Encoding');
    return { status: 304, headers };
  }
  return { ...response, headers };
}

export function toHttpHandler(route: Route): HttpHandler {
  return async (request, context) => {
    const started = Date.now();
    const { response, who } = await handle(route, request, context);
    logRequest(context, request, route, response.status ?? 200, who, Date.now() - started);
    return response;
  };
}

/**
 * One structured line per call, for the audit trail and Application Insights: who, what, the
 * answer and how long it took. Never a body, a token or a query value (tokens ride in feed URLs).
 */
function logRequest(
  context: InvocationContext,
  request: HttpRequest,
  route: Route,
  status: number,
  who: string | undefined,
  ms: number,
): void {
  const line = JSON.stringify({
    event: 'request',
    invocationId: context.invocationId,
    route: route.name,
    method: request.method,
    status,
    ms,
    who: who ?? null,
  });
  if (status >= 500) context.warn(line);
  else context.log(line);
}

async function handle(
  route: Route,
  request: HttpRequest,
  context: InvocationContext,
): Promise<{ response: HttpResponseInit; who?: string }> {
  const refused = refuseRequest(request, route.upload);
  if (refused) return { response: refused };
  let who: string | undefined;
  try {
    const allowed = await authorize(route, request);
    if ('refused' in allowed) return { response: allowed.refused };
    const { principal } = allowed;
    if (route.role) who = principal.id;
    return {
      response: revalidated(request, await route.handler(request, context, principal)),
      ...(who ? { who } : {}),
    };
  } catch (error) {
    return { response: errorResponse(error, context), ...(who ? { who } : {}) };
  }
}

/** A handler's failure as the status and Spanish message its kind deserves; never a stack. */
function errorResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof BadRequestError) return badRequest(error.errors);
  if (error instanceof UnsupportedMediaTypeError) return unsupportedMediaType();
  if (error instanceof PayloadTooLargeError) return tooLarge();
  if (error instanceof InvalidKeyError)
    return badRequest([{ path: 'params', message: error.message }]);
  if (error instanceof NotFoundError || error instanceof SessionNotFoundError)
    return notFound(error.message);
  if (error instanceof ForbiddenError) return forbidden(error.message);
  if (error instanceof CalendarFullError || error instanceof ConflictError)
    return conflict({ error: error.message });
  if (error instanceof PreconditionRequiredError) return preconditionRequired(error.message);
  // Workbooks are written a few at a time: too many waiting, the caller comes back.
  if (error instanceof RenderBusyError)
    return json(503, { error: error.message }, { 'Retry-After': '10' });
  // The contract's maxima keep requests far below storage's limits; this is the last word.
  if (error instanceof EntityTooLargeError) return json(413, { error: error.message });
  if (error instanceof MonthsNotPlannedError)
    return badRequest(
      error.months.map((m) => ({
        path: `body.changes.${m.index}`,
        message: `La actividad ${m.activityId} no tiene planeado el mes ${m.month} en este programa. Sincronice el plan primero.`,
      })),
    );
  if (error instanceof SyncInProgressError)
    return json(
      409,
      {
        error:
          'Esta sincronización sigue en curso: espere unos segundos y vuelva a intentar con la misma clave.',
      },
      { 'Retry-After': '5' },
    );
  if (error instanceof IdempotencyKeyReusedError)
    return json(422, {
      error:
        'Esa clave de idempotencia ya se usó con otros cambios. Use una clave nueva para cada sincronización.',
    });
  // A write over a stale ETag: the writer's message, with the current value or ETag it knows;
  // concurrent writes no writer settled get the general message.
  if (error instanceof EtagMismatchError)
    return preconditionFailed({
      error: error.message,
      ...(error.current !== undefined ? { current: error.current } : {}),
      ...(error.etag !== undefined ? { etag: error.etag } : {}),
    });
  if (error instanceof AlreadyExistsError)
    return conflict({
      error: 'Otra persona escribió estos datos al mismo tiempo. Vuelva a intentar.',
    });
  if (error instanceof StorageUnavailableError) {
    context.warn(
      `Almacenamiento no disponible: ${String((error.cause as Error)?.message ?? error.cause)}`,
    );
    return serviceUnavailable();
  }
  context.error(error);
  return internalError();
}
