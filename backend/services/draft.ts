/**
 * Next year's programme, drafted from this year's: the same objectives, strategic lines, axes and
 * activities (their months, periods and areas), next year's sessions by the same rule with next
 * year's rest days, every status `pendiente`, the agreements to be taken, status `borrador` — and
 * a list, in Spanish, of what differs and what to review before the September session.
 */
import type { DraftAnswer } from '../../shared/api/responses';
import {
  SessionCalendar,
  generateCalendar,
  legalCheckpoints,
  sessionName,
  validateCalendar,
} from '../../shared/calendar/calendar';
import { spanishDate } from '../../shared/calendar/dates';
import { AGREEMENT_TO_DEFINE } from '../../shared/lifecycle';
import { Month, monthName } from '../../shared/months';
import { ProgrammeDetails } from '../../shared/schemas';
import { BadRequestError, ConflictError } from '../errors';
import { ActivityRecord, Actor } from '../store/records';
import { Store } from '../store/store';
import { diffPlan } from './plan-diff';

export interface DraftRequest {
  year: number;
  id: string;
}

/** The draft's description: this year's, for `year`, with nothing of this year's approval. */
export function draftDetails(
  source: ProgrammeDetails,
  request: DraftRequest,
): { details: ProgrammeDetails; title: string } {
  const title = source.title.replaceAll(String(source.year), String(request.year));
  const toDefine = { id: AGREEMENT_TO_DEFINE, session: AGREEMENT_TO_DEFINE };
  const { lifecycle: _lifecycle, ...rest } = source;
  return {
    title,
    details: {
      ...rest,
      id: request.id,
      year: request.year,
      title,
      agreements: {
        approval: { ...toDefine, date: `${request.year - 1}-09-30` },
        ratification: { ...toDefine, date: `${request.year}-01-31` },
      },
      calendarRule: {
        ...source.calendarRule,
        // Dates fixed by hand were this year's decisions (a day of the month, a vacation).
        overrides: {},
        nonWorkingDays: source.calendarRule.nonWorkingDays.filter((d) =>
          d.date.startsWith(`${request.year}-`),
        ),
      },
    },
  };
}

/** What the draft does not carry over, or carries differently: what to review. */
export function draftDifferences(
  source: { id: string; details: ProgrammeDetails },
  sourceCalendar: SessionCalendar | undefined,
  draft: { details: ProgrammeDetails; calendar: SessionCalendar },
  activities: readonly ActivityRecord[],
): string[] {
  const from = source.details.year;
  const to = draft.details.year;
  const differences: string[] = [];
  const approval = sourceCalendar && legalCheckpoints(sourceCalendar).approval;
  differences.push(
    approval
      ? `Borrador para aprobarse en la ${sessionName(approval)} del ${spanishDate(approval.date)} (art. 57 del CIPECM) y ratificarse en enero de ${to}.`
      : `Borrador para aprobarse en septiembre de ${to - 1} y ratificarse en enero de ${to} (art. 57 del CIPECM).`,
  );
  differences.push(
    `Los acuerdos de aprobación y de ratificación quedan por definir; cada mes planeado empieza en «Pendiente» (el avance de ${from} sigue en «${source.id}»).`,
  );
  const overrides = Object.entries(source.details.calendarRule.overrides);
  if (overrides.length > 0)
    differences.push(
      `No se copiaron las fechas fijadas a mano en ${from} (${overrides
        .map(([month, day]) => `${monthName(Number(month)).toLowerCase()}: día ${day}`)
        .join(', ')}): las sesiones de ${to} siguen la regla; fije de nuevo las que hagan falta.`,
    );
  const dropped = source.details.calendarRule.nonWorkingDays.filter(
    (d) => !d.date.startsWith(`${to}-`),
  ).length;
  if (dropped > 0)
    differences.push(
      `No se copiaron ${dropped === 1 ? 'el día inhábil propio' : `los ${dropped} días inhábiles propios`} de ${from}: registre los de ${to}.`,
    );
  for (const session of draft.calendar.sessions)
    if (session.ruleDate && session.note)
      differences.push(
        `${monthName(session.month)} de ${to}: la ${sessionName(session)} queda el ${spanishDate(session.date)}. ${session.note}`,
      );
  for (const issue of validateCalendar(draft.calendar)) differences.push(issue.message);
  const mentions = activities.filter(
    (a) => a.description.includes(String(from)) || a.period?.includes(String(from)),
  );
  for (const a of mentions)
    differences.push(`La actividad ${a.id} menciona ${from}: revise su texto para ${to}.`);
  return differences;
}

/** Admins: next year's draft from programme `fromId`, under `request.id`. */
export async function draftNextYear(
  store: Store,
  fromId: string,
  request: DraftRequest,
  actor: Actor,
): Promise<DraftAnswer> {
  const source = await store.programmes.require(fromId);
  if (request.year <= source.year)
    throw new BadRequestError([
      { path: 'year', message: `El borrador es de un año posterior a ${source.year}.` },
    ]);
  if (await store.programmes.get(request.id))
    throw new ConflictError(`Ya existe el programa «${request.id}»: elija otro id.`);
  const [activities, sourceCalendar] = await Promise.all([
    store.programmes.activities(fromId),
    store.calendars.get(fromId),
  ]);
  const inForce = activities.filter((a) => a.active);
  const { details, title } = draftDetails(source.details, request);
  const calendar = generateCalendar({ year: request.year, ...details.calendarRule });
  const summary = { id: request.id, year: request.year, title };
  // Sized before anything is written; the programme's row goes last, so a draft interrupted
  // midway is not a programme yet and asking again completes it.
  store.programmes.entity(summary, details);
  const existing = await store.programmes.activities(request.id);
  const diff = diffPlan(existing, await store.statuses.list(request.id), {
    year: request.year,
    title,
    axes: details.axes,
    activities: inForce.map((a) => ({ ...a, months: a.months as Month[] })),
  });
  await store.programmes.applyPlan(request.id, diff, actor);
  await store.calendars.save(request.id, calendar, actor);
  await store.programmes.update(request.id, async (current) => {
    if (current) throw new ConflictError(`Ya existe el programa «${request.id}»: elija otro id.`);
    return { summary, details };
  });
  return {
    programId: request.id,
    year: request.year,
    from: fromId,
    activities: inForce.length,
    sessions: calendar.sessions.length,
    differences: draftDifferences(
      { id: fromId, details: source.details },
      sourceCalendar?.calendar,
      { details, calendar },
      inForce,
    ),
  };
}
