import { Deps } from '../deps';
import { historyQuery, programParams } from '../../../shared/api/requests';
import { params, query } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';
import { readHistory } from '../../services/history';
import { API } from '../../../shared/api';

/** Newest first, filtered and paged with continuation tokens. */
export const getHistory =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.history, await readHistory(store, programId, query(request, historyQuery)));
  };
