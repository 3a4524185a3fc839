import { Deps } from '../deps';
import { programParams, syncBody } from '../../../shared/api/requests';
import { body, params } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';
import { syncChanges } from '../../services/sync';
import { API } from '../../../shared/api';

export const postSync =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const sync = await body(request, syncBody);
    const { result, replayed } = await syncChanges(store, programId, sync, {
      name: principal.name,
    });
    return answer(API.sync, result, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  };
