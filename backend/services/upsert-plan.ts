/** Creates a programme or updates its plan: the PUT /plan route and `pat import` both call this. */
import { Month } from '../../shared/months';
import { ProgramDetails } from '../store/programme-store';
import { Store } from '../store/store';
import { ActivityRecord, Actor } from '../store/records';
import { AGREEMENT_TO_DEFINE, Reprogramming, planVariance, statusOf } from '../../shared/lifecycle';
import { baselineOf } from './lifecycle';
import { PlanDiff, PlanInput, diffPlan } from './plan-diff';
import { AlreadyExistsError, ConflictError, EtagMismatchError } from '../errors';

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
      approval: {
        id: AGREEMENT_TO_DEFINE,
        date: `${plan.year - 1}-09-30`,
        session: AGREEMENT_TO_DEFINE,
      },
      ratification: {
        id: AGREEMENT_TO_DEFINE,
        date: `${plan.year}-01-31`,
        session: AGREEMENT_TO_DEFINE,
      },
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

/** What a plan write must do besides the plan: refuse or record a change to a ratified plan. */
interface PlanGuard {
  /** Throws when the diff may not be written; gives what to write first (a reprogramación). */
  beforeWrite(diff: PlanDiff, activities: ActivityRecord[]): Promise<void>;
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
  guard: PlanGuard,
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
  await guard.beforeWrite(diff, activities);
  try {
    // The programme row is written after this: a plan half-written by a failure is completed by retrying.
    await store.programmes.applyPlan(programId, diff, actor);
    return diff;
  } catch (error) {
    const concurrent = error instanceof AlreadyExistsError || error instanceof EtagMismatchError;
    if (!concurrent || attempt > 1) throw error;
    return applyFreshDiff(store, programId, plan, actor, guard, attempt + 1);
  }
}

const changesPlan = (diff: PlanDiff) =>
  diff.activityWrites.length + diff.statusCreates.length + diff.plannedFlips.length > 0;

/**
 * After the ratification a plan change is a reprogramación: refused (409) without its reason and
 * agreement; with them, recorded (who, when, why, what changed) before the plan is written, so
 * no change to a ratified plan goes unrecorded.
 */
function reprogrammingGuard(
  store: Store,
  programId: string,
  plan: PlanInput,
  actor: Actor,
  ratified: boolean,
  reprogramming: Reprogramming | undefined,
  now: () => Date,
): PlanGuard {
  let recorded = false;
  return {
    async beforeWrite(diff, activities) {
      if (!ratified || !changesPlan(diff) || recorded) return;
      if (!reprogramming)
        throw new ConflictError(
          `El programa «${programId}» está ratificado: un cambio a su plan es una reprogramación y ` +
            'necesita el motivo y el acuerdo que la aprueba (en la API, «reprogramming» con «reason» y «agreement»).',
        );
      const before = activities.filter((a) => a.active);
      const record = {
        ...reprogramming,
        at: now().toISOString(),
        by: actor.name,
        changes: planVariance(before, plan.activities),
      };
      await store.reprogrammings.add(store.reprogrammings.entity(programId, record));
      recorded = true;
    },
  };
}

export async function upsertPlan(
  store: Store,
  programId: string,
  plan: PlanInput,
  actor: Actor,
  /** What else the programme's row keeps, from where the plan came (a document's narrative). */
  alsoKeep: Pick<ProgramDetails, 'narrative'> = {},
  /** Required once the programme is ratified (see `reprogrammingGuard`). */
  reprogramming?: Reprogramming,
  now: () => Date = () => new Date(),
): Promise<UpsertPlanResult> {
  const existing = await store.programmes.get(programId);
  const title = plan.title ?? existing?.title ?? `Programa Anual de Trabajo ${plan.year}`;
  const details = existing?.details ?? newProgrammeDetails(programId, plan, title);
  const summary = { id: programId, year: plan.year, title };
  const kept = (current: ProgramDetails) => ({
    ...current,
    ...alsoKeep,
    year: plan.year,
    title,
    axes: plan.axes,
  });
  // Sized before anything is written: a programme row that cannot be stored stops the plan too.
  store.programmes.entity(summary, kept(details));
  const ratifiedBefore = existing !== undefined && statusOf(existing.details) === 'ratificado';
  const guard = reprogrammingGuard(
    store,
    programId,
    plan,
    actor,
    ratifiedBefore,
    reprogramming,
    now,
  );
  const diff = await applyFreshDiff(store, programId, plan, actor, guard);
  // Against the version it reads: a step of the programme's year taken meanwhile is kept. A
  // ratification recorded while this plan was being written froze the plan without it: the plan
  // was sent before the ratification was seen, so the baseline is taken again with it.
  await store.programmes.update(programId, async (current) => {
    const base = current?.details ?? details;
    const lifecycle = base.lifecycle;
    const raced =
      !ratifiedBefore &&
      lifecycle?.status === 'ratificado' &&
      lifecycle.baseline &&
      changesPlan(diff);
    return {
      summary,
      details: {
        ...kept(base),
        ...(raced && lifecycle.baseline
          ? {
              lifecycle: {
                ...lifecycle,
                baseline: await baselineOf(
                  store,
                  programId,
                  { id: lifecycle.baseline.agreement, date: lifecycle.baseline.date },
                  now().toISOString(),
                ),
              },
            }
          : {}),
      },
    };
  });
  return {
    programId,
    created: existing === undefined,
    activitiesWritten: diff.activityWrites.length,
    monthsAdded: diff.statusCreates.length + diff.plannedFlips.filter((f) => f.planned).length,
    monthsRemoved: diff.plannedFlips.filter((f) => !f.planned).length,
  };
}
