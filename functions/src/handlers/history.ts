import { Deps } from '../deps';
import { historyQuery, programParams } from '../api-schemas';
import { params, query } from '../http/parse';
import { ok } from '../http/responses';
import { RouteHandler } from '../http/route';

/** Newest first, filtered and paged with continuation tokens. */
export const getHistory =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const q = query(request, historyQuery);
    await store.requireProgram(programId);
    return ok(await store.listHistory(programId, q));
  };
