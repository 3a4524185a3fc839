import { Deps } from '../deps';
import { programParams, syncBody } from '../api-schemas';
import { body, params } from '../http/parse';
import { json, ok } from '../http/responses';
import { RouteHandler } from '../http/route';
import { IdempotencyKeyReusedError, syncChanges } from '../services/sync';

export const postSync =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const sync = await body(request, syncBody);
    try {
      const { result, replayed } = await syncChanges(store, programId, sync, {
        name: principal.name,
      });
      return ok(result, replayed ? { 'Idempotent-Replayed': 'true' } : {});
    } catch (error) {
      if (error instanceof IdempotencyKeyReusedError)
        return json(422, {
          error:
            'Esa clave de idempotencia ya se usó con otros cambios. Use una clave nueva para cada sincronización.',
        });
      throw error;
    }
  };
