import { Deps } from '../deps';
import { monthParams, statusBody } from '../../../shared/api/requests';
import { body, ifMatch, params } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';
import { setMonthStatus } from '../../services/month-status';
import { statusView } from '../../services/program-view';
import { API } from '../../../shared/api';

/** One month's status, over the ETag the client saw (`If-Match`). */
export const patchMonthStatus =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, activityId, month } = params(request, monthParams);
    const etag = ifMatch(request);
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
