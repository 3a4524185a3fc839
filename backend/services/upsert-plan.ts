/** Creates a programme or updates its plan: the PUT /plan route and `pat import` both call this. */
import { Month } from '../../shared/months';
import { ProgramDetails } from '../store/programme-store';
import { Store } from '../store/store';
import { Actor } from '../store/records';
import { PlanDiff, PlanInput, diffPlan } from './plan-diff';
import { AlreadyExistsError, EtagMismatchError } from '../errors';

export interface UpsertPlanResult {
  programId: string;
  created: boolean;
  activitiesWritten: number;
  monthsAdded: number;
  monthsRemoved: number;
}

/** What a programme created from a sheet alone knows about itself, until an administrator completes it. */
function newProgrammeDetails(programId: string, plan: PlanInput, title: string): ProgramDetails {
  return {
    id: programId,
    year: plan.year,
    title,
    institute: { name: 'Instituto Electoral de la Ciudad de México', acronym: 'IECM' },
    commission: {
      name: 'Comisión Permanente de Vinculación con Organismos Externos',
      acronym: 'CVOE',
      members: [{ name: 'Por definir', role: 'Presidencia' }],
    },
    executingArea: {
      name: 'Unidad Técnica de Vinculación con Organismos Externos',
      acronym: 'UTVOE',
    },
    agreements: {
      approval: { id: 'Por definir', date: `${plan.year - 1}-09-30`, session: 'Por definir' },
      ratification: { id: 'Por definir', date: `${plan.year}-01-31`, session: 'Por definir' },
    },
    legalBasis:
      'Artículo 57 del CIPECM: el programa se aprueba en septiembre y se ratifica en enero siguiente.',
    generalObjective: 'Por definir',
    objectives: [],
    axes: plan.axes,
    calendarRule: {
      weekday: 4,
      week: 'last',
      overrides: {},
      nonWorkingDays: [],
      policy: 'previous-week',
    },
  };
}

/**
 * Diffs against what storage holds now and writes it. Another editor writing the same plan at the
 * same moment makes a create or an ETag fail: then the diff is taken again, once, over their result.
 */
async function applyFreshDiff(
  store: Store,
  programId: string,
  plan: PlanInput,
  actor: Actor,
  attempt = 1,
): Promise<PlanDiff> {
  const [activities, statuses] = await Promise.all([
    store.programmes.activities(programId),
    store.statuses.list(programId),
  ]);
  const diff = diffPlan(activities, statuses, {
    ...plan,
    activities: plan.activities.map((a) => ({ ...a, months: a.months as Month[] })),
  });
  try {
    // The programme row is written after this: a plan half-written by a failure is completed by retrying.
    await store.programmes.applyPlan(programId, diff, actor);
    return diff;
  } catch (error) {
    const concurrent = error instanceof AlreadyExistsError || error instanceof EtagMismatchError;
    if (!concurrent || attempt > 1) throw error;
    return applyFreshDiff(store, programId, plan, actor, attempt + 1);
  }
}

export async function upsertPlan(
  store: Store,
  programId: string,
  plan: PlanInput,
  actor: Actor,
  /** What else the programme's row keeps, from where the plan came (a document's narrative). */
  alsoKeep: Pick<ProgramDetails, 'narrative'> = {},
): Promise<UpsertPlanResult> {
  const existing = await store.programmes.get(programId);
  const title = plan.title ?? existing?.title ?? `Programa Anual de Trabajo ${plan.year}`;
  const details = existing?.details ?? newProgrammeDetails(programId, plan, title);
  const summary = { id: programId, year: plan.year, title };
  const saved = { ...details, ...alsoKeep, year: plan.year, title, axes: plan.axes };
  // Sized before anything is written: a programme row that cannot be stored stops the plan too.
  store.programmes.entity(summary, saved);
  const diff = await applyFreshDiff(store, programId, plan, actor);
  await store.programmes.save(summary, saved);
  return {
    programId,
    created: existing === undefined,
    activitiesWritten: diff.activityWrites.length,
    monthsAdded: diff.statusCreates.length + diff.plannedFlips.filter((f) => f.planned).length,
    monthsRemoved: diff.plannedFlips.filter((f) => !f.planned).length,
  };
}
