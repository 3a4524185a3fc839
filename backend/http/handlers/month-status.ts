import { Deps } from '../deps';
import { ifMatchHeader, monthParams, statusBody } from '../../../shared/api/requests';
import { body, params, parseWith } from '../parse';
import { answer, preconditionRequired } from '../responses';
import { RouteHandler } from '../route';
import { setMonthStatus } from '../../services/month-status';
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
    const written = await setMonthStatus(
      store,
      { programId, activityId, month, etag, change },
      { name: principal.name },
    );
    return answer(
      API.patchMonthStatus,
      { activityId, month, ...statusView(written) },
      { ETag: written.etag },
    );
  };
