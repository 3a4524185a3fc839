import { API, draftBody, lifecycleBody, programParams } from '../../../shared/api';
import { draftNextYear } from '../../services/draft';
import { listReprogrammings, moveLifecycle } from '../../services/lifecycle';
import { Deps } from '../deps';
import { body, params } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';

/** Admins: approve a draft or ratify an approved programme, with the agreement that did it. */
export const postLifecycle =
  ({ store, now }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const step = await body(request, lifecycleBody);
    return answer(API.moveLifecycle, await moveLifecycle(store, programId, step, now));
  };

export const getReprogrammings =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.listReprogrammings, await listReprogrammings(store, programId));
  };

/** Admins: next year's draft from this programme (201, with what differs). */
export const postDraft =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const draft = await body(request, draftBody);
    return answer(
      API.draftNextYear,
      await draftNextYear(store, programId, draft, principal),
      {},
      201,
    );
  };
