import { Deps } from '../deps';
import { planBody, programParams } from '../api-schemas';
import { body, params } from '../http/parse';
import { created, ok } from '../http/responses';
import { RouteHandler } from '../http/route';
import { upsertPlan } from '../services/upsert-plan';
import { Month } from '../../../shared/months';
import { programView } from '../services/program-view';

export const listPrograms =
  ({ store }: Deps): RouteHandler =>
  async () =>
    ok(await store.listPrograms());

export const getProgram =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const program = await store.requireProgram(programId);
    const [activities, statuses] = await Promise.all([
      store.listActivities(programId),
      store.listStatuses(programId),
    ]);
    return ok(programView(program, activities, statuses));
  };

/**
 * The plan as read from a sheet: creates the programme or updates its plan. A month that stays
 * planned keeps its status; one taken out keeps its status and history, marked as unplanned.
 */
export const putPlan =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const plan = await body(request, planBody);
    const result = await upsertPlan(
      store,
      programId,
      { ...plan, activities: plan.activities.map((a) => ({ ...a, months: a.months as Month[] })) },
      { name: principal.name },
    );
    return result.created ? created(result) : ok(result);
  };
