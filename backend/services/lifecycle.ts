/**
 * The programme's year: an admin approves a draft (September) and ratifies it (January), each
 * with its agreement. Ratifying freezes the plan in force as the baseline. Each step is written
 * against the programme's version, so a plan or another step landing at the same moment makes it
 * look again at what is stored (and the baseline holds every plan write that came before it).
 */
import type { LifecycleAnswer } from '../../shared/api/responses';
import { sessionName } from '../../shared/calendar/calendar';
import { spanishDate } from '../../shared/calendar/dates';
import { LifecycleStep, ReprogrammingRecord, statusOf, stepRefusal } from '../../shared/lifecycle';
import { Baseline, ProgrammeDetails } from '../../shared/schemas';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import { Store } from '../store/store';

/** The session that took an agreement on `date`, as the agreement names it. */
async function sessionOn(store: Store, programId: string, date: string): Promise<string> {
  const calendar = await store.calendars.get(programId);
  const session = calendar?.calendar.sessions.find((s) => s.date === date);
  return session
    ? `${sessionName(session)} de ${date.slice(0, 4)}`
    : `Sesión del ${spanishDate(date)}`;
}

/** The plan in force, as a baseline keeps it. */
export async function baselineOf(
  store: Store,
  programId: string,
  agreement: { id: string; date: string },
  frozenAt: string,
): Promise<Baseline> {
  const activities = await store.programmes.activities(programId);
  return {
    date: agreement.date,
    agreement: agreement.id,
    frozenAt,
    activities: activities.filter((a) => a.active).map(({ id, months }) => ({ id, months })),
  };
}

export function lifecycleAnswer(programId: string, details: ProgrammeDetails): LifecycleAnswer {
  const baseline = details.lifecycle?.baseline;
  return {
    programId,
    status: statusOf(details),
    agreements: details.agreements,
    baseline: baseline
      ? {
          date: baseline.date,
          agreement: baseline.agreement,
          frozenAt: baseline.frozenAt,
          activities: baseline.activities.length,
        }
      : null,
  };
}

/** Approves or ratifies (admins): 409 when the programme is not at the step before. */
export async function moveLifecycle(
  store: Store,
  programId: string,
  step: LifecycleStep,
  now: () => Date = () => new Date(),
): Promise<LifecycleAnswer> {
  const saved = await store.programmes.update(programId, async (current) => {
    if (!current) throw new NotFoundError(`No existe el programa «${programId}».`);
    const refusal = stepRefusal(statusOf(current.details), step.step);
    if (refusal) throw new ConflictError(refusal);
    const { approval } = current.details.agreements;
    if (step.step === 'ratificado' && step.date < approval.date)
      throw new BadRequestError([
        {
          path: 'date',
          message: `La ratificación no puede ser anterior a la aprobación (${spanishDate(approval.date)}).`,
        },
      ]);
    const agreement = {
      id: step.agreement,
      date: step.date,
      session: step.session ?? (await sessionOn(store, programId, step.date)),
    };
    const summary = { id: current.id, year: current.year, title: current.title };
    const details: ProgrammeDetails =
      step.step === 'aprobado'
        ? {
            ...current.details,
            agreements: { ...current.details.agreements, approval: agreement },
            lifecycle: { status: 'aprobado' },
          }
        : {
            ...current.details,
            agreements: { ...current.details.agreements, ratification: agreement },
            lifecycle: {
              status: 'ratificado',
              baseline: await baselineOf(store, programId, agreement, now().toISOString()),
            },
          };
    return { summary, details };
  });
  return lifecycleAnswer(programId, saved.details);
}

/** The reprogramaciones of a programme, newest first. */
export async function listReprogrammings(
  store: Store,
  programId: string,
): Promise<ReprogrammingRecord[]> {
  await store.programmes.require(programId);
  return store.reprogrammings.list(programId);
}
