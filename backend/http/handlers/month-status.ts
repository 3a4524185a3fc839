import { Deps } from '../../deps';
import { ifMatchHeader, monthParams, statusBody } from '../../../shared/api/requests';
import { body, params, parseWith } from '../parse';
import { conflict, notFound, answer, preconditionFailed, preconditionRequired } from '../responses';
import { RouteHandler } from '../route';
import { statusView } from '../../services/program-view';
import { API } from '../../../shared/api';

/** One month's status, over the ETag the client saw (`If-Match`). */
export const patchMonthStatus =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, activityId, month } = params(request, monthParams);
    const ifMatch = request.headers.get('if-match');
    if (!ifMatch)
      return preconditionRequired(
        'Falta el encabezado If-Match con el ETag del estatus que se modifica.',
      );
    const etag = parseWith(ifMatchHeader, ifMatch, 'headers.if-match');
    const change = await body(request, statusBody);

    await store.requireProgram(programId);
    const current = await store.getStatus(programId, activityId, month);
    if (!current) {
      const activity = (await store.listActivities(programId)).find(
        (a) => a.id === activityId && a.active,
      );
      if (!activity)
        return notFound(`No existe la actividad ${activityId} en el programa «${programId}».`);
      return conflict({ error: `La actividad ${activityId} no tiene planeado el mes ${month}.` });
    }
    if (!current.planned)
      return conflict({
        error: `El mes ${month} de la actividad ${activityId} ya no está en el plan.`,
      });
    if (current.etag !== etag)
      return preconditionFailed({
        error: 'El estatus cambió desde que lo leyó.',
        current: statusView(current),
      });

    const { applied, stale } = await store.writeStatuses(programId, [{ current, change }], {
      name: principal.name,
    });
    if (stale.length > 0) {
      const now = await store.getStatus(programId, activityId, month);
      return preconditionFailed({
        error: 'El estatus cambió desde que lo leyó.',
        current: now && statusView(now),
      });
    }
    const written = applied[0]!;
    return answer(
      API.patchMonthStatus,
      { activityId, month, ...statusView(written) },
      { ETag: written.etag },
    );
  };
