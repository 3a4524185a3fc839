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
import { InvalidKeyError } from '../store/keys';
import {
  AlreadyExistsError,
  EtagMismatchError,
  NotFoundError,
  StorageUnavailableError,
} from '../store/errors';
import { SessionNotFoundError } from '../../shared/calendar/calendar';
import { IdempotencyKeyReusedError, MonthsNotPlannedError } from '../services/sync';
import { BadRequestError } from './parse';
import { PRINCIPAL_HEADER, Principal, Role, hasRole, parsePrincipal } from './principal';
import {
  badRequest,
  conflict,
  forbidden,
  internalError,
  json,
  notFound,
  preconditionFailed,
  serviceUnavailable,
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
  /** Path after /api/, in the host's template syntax: `programs/{programId}`. */
  route: string;
  /** null: anonymous. */
  role: Role | null;
  handler: RouteHandler;
}

const ANONYMOUS: Principal = { name: 'anónimo', roles: [] };

export function toHttpHandler(route: Route): HttpHandler {
  return async (request, context) => {
    try {
      let principal = ANONYMOUS;
      if (route.role) {
        const parsed = parsePrincipal(request.headers.get(PRINCIPAL_HEADER));
        if (parsed.kind === 'missing') return unauthorized();
        if (parsed.kind === 'malformed')
          return unauthorized('La identidad enviada no es válida. Inicie sesión de nuevo.');
        if (!hasRole(parsed.principal, route.role))
          return forbidden(
            route.role === 'editor'
              ? 'Su cuenta solo puede consultar: pida el rol «editor» para hacer cambios.'
              : 'Su cuenta no tiene acceso a PAT Cronograma: pida el rol «viewer».',
          );
        principal = parsed.principal;
      }
      return await route.handler(request, context, principal);
    } catch (error) {
      if (error instanceof BadRequestError) return badRequest(error.errors);
      if (error instanceof InvalidKeyError)
        return badRequest([{ path: 'params', message: error.message }]);
      if (error instanceof NotFoundError || error instanceof SessionNotFoundError)
        return notFound(error.message);
      if (error instanceof MonthsNotPlannedError)
        return badRequest(
          error.months.map((m) => ({
            path: `body.changes.${m.index}`,
            message: `La actividad ${m.activityId} no tiene planeado el mes ${m.month} en este programa. Sincronice el plan primero.`,
          })),
        );
      if (error instanceof IdempotencyKeyReusedError)
        return json(422, {
          error:
            'Esa clave de idempotencia ya se usó con otros cambios. Use una clave nueva para cada sincronización.',
        });
      // Concurrent writes a handler did not settle itself: say so rather than fail with a 500.
      if (error instanceof EtagMismatchError)
        return preconditionFailed({
          error:
            'Otra persona cambió estos datos al mismo tiempo. Vuelva a cargar e intente de nuevo.',
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
  };
}
