import { Deps } from '../../deps';
import { historyQuery, programParams } from '../../../shared/api/requests';
import { params, query } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';
import { API } from '../../../shared/api';

/** Newest first, filtered and paged with continuation tokens. */
export const getHistory =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const q = query(request, historyQuery);
    await store.requireProgram(programId);
    return answer(API.history, await store.listHistory(programId, q));
  };
