/**
 * Reaching the people responsible: the areas' people (admins), the months a signed-in person must
 * update (the update page) and may set, opting out, and the `sendReminders` run — for every
 * programme of the year, each occasion of the day (N days before an ordinary session, the first
 * working day of a month): one message per person, claimed before it is sent, so two runs, two
 * instances or a retry never send it twice; a failed send is left for the next run.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MonthStatusAnswer } from '../../shared/api/responses';
import { dateInMexicoCity } from '../../shared/calendar/dates';
import { statutoryRestDays } from '../../shared/calendar/holidays';
import {
  AreaList,
  COMMISSION_AREA,
  MyMonths,
  Occasion,
  Person,
  areasOf,
  dueMonths,
  occasionsOn,
} from '../../shared/reminders';
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors';
import type { Mailer } from '../mail/message';
import { MailError } from '../mail/message';
import { Actor, StatusChange } from '../store/records';
import { Store } from '../store/store';
import { setMonthStatus } from './month-status';
import { readProgramView, readSnapshot, snapshotView, statusView } from './program-view';
import { reminderContent } from './reminder-messages';

const sameArea = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Every area of the programme: those its activities name, those with people, and the commission. */
export async function listAreas(store: Store, programId: string): Promise<AreaList> {
  const [view, stored, optedOut] = await Promise.all([
    readProgramView(store, programId),
    store.areas.list(programId),
    store.reminders.optedOut(programId),
  ]);
  const names = [
    ...new Set([
      ...view.activities.map((a) => a.responsibleArea),
      ...stored.map((a) => a.area),
      COMMISSION_AREA,
    ]),
  ].filter((name, i, all) => all.findIndex((n) => sameArea(n, name)) === i);
  return names.map((area) => {
    const record = stored.find((a) => sameArea(a.area, area));
    return {
      area: record?.area ?? area,
      activities: view.activities.filter((a) => sameArea(a.responsibleArea, area)).length,
      people: (record?.people ?? []).map((p) => ({ ...p, optedOut: optedOut.has(p.email) })),
      ...(record ? { updatedBy: record.updatedBy, updatedAt: record.updatedAt } : {}),
    };
  });
}

/** Admins: the area's people, replaced. */
export async function putArea(
  store: Store,
  programId: string,
  area: string,
  people: Person[],
  actor: Actor,
): Promise<AreaList[number]> {
  await store.programmes.require(programId);
  await store.areas.put(programId, area, people, actor.name);
  return (await listAreas(store, programId)).find((a) => sameArea(a.area, area))!;
}

/** Who the signed-in person is in the areas' lists: their sign-in name is their address. */
async function personOf(store: Store, programId: string, principal: { name: string }) {
  const areas = await store.areas.list(programId);
  const email = principal.name.toLowerCase();
  const names = areasOf(areas, email);
  const person = areas.flatMap((a) => a.people).find((p) => p.email === email);
  return { names, person };
}

/** The update page: the signed-in person's due and overdue months, nobody else's. */
export async function readMyMonths(
  store: Store,
  programId: string,
  principal: { name: string },
  now: Date = new Date(),
): Promise<MyMonths> {
  const view = snapshotView(await readSnapshot(store, programId));
  const { names, person } = await personOf(store, programId, principal);
  const today = dateInMexicoCity(now);
  return {
    programId,
    year: view.year,
    title: view.title,
    today,
    ...(person ? { person: { name: person.name, email: person.email } } : {}),
    areas: names.filter((n) => !sameArea(n, COMMISSION_AREA)),
    months: dueMonths(view, names, today),
  };
}

/** A month's status from the update page: only for the areas that list the person (403 otherwise). */
export async function setMyMonth(
  store: Store,
  programId: string,
  target: { activityId: string; month: number; etag: string },
  change: StatusChange,
  principal: { name: string },
): Promise<MonthStatusAnswer> {
  const view = await readProgramView(store, programId);
  const activity = view.activities.find((a) => a.id === target.activityId);
  if (!activity)
    throw new NotFoundError(
      `No existe la actividad ${target.activityId} en el programa «${programId}».`,
    );
  const { names } = await personOf(store, programId, principal);
  if (!names.some((n) => sameArea(n, activity.responsibleArea)))
    throw new ForbiddenError(
      `La actividad ${target.activityId} es del área ${activity.responsibleArea}, que no lo tiene entre sus responsables.`,
    );
  const saved = await setMonthStatus(store, { programId, ...target, change }, principal);
  return { activityId: saved.activityId, month: saved.month, ...statusView(saved) };
}

/** The opt-out link's token: the address and its HMAC under the programme's key. */
function optOutToken(key: Buffer, programId: string, email: string): string {
  const mac = createHmac('sha256', key).update(`${programId}\n${email}`).digest('base64url');
  return `${Buffer.from(email).toString('base64url')}.${mac}`;
}

/** Opting out from a message's link (no sign-in: the token is the credential). */
export async function optOut(
  store: Store,
  programId: string,
  token: string,
): Promise<{ programId: string; email: string }> {
  await store.programmes.require(programId);
  const [encoded = '', mac = ''] = token.split('.');
  const email = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = optOutToken(await store.reminders.key(programId), programId, email).split(
    '.',
  )[1]!;
  const valid =
    mac.length === expected.length && timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  if (!valid)
    throw new BadRequestError([
      { path: 'token', message: 'El enlace no es válido: cópielo completo del mensaje.' },
    ]);
  await store.reminders.optOut(programId, email);
  return { programId, email };
}

export interface ReminderSettings {
  /** Days before an ordinary session when its reminders go out. */
  daysBefore: number;
  /** The app's public origin, for the links. */
  publicUrl: string;
}

export interface ReminderRun {
  programId: string;
  occasion: string;
  sent: string[];
  /** Sent before, or being sent by another run. */
  skipped: number;
  optedOut: number;
  failed: { email: string; error: string }[];
}

interface Recipient {
  person: Person;
  months: ReturnType<typeof dueMonths>;
  report: boolean;
}

/** Who gets what on an occasion: each person once, their areas' months merged, the report for the commission. */
function recipients(
  view: Parameters<typeof dueMonths>[0],
  areas: { area: string; people: Person[] }[],
  occasion: Occasion,
  today: string,
): Recipient[] {
  const byEmail = new Map<string, Recipient>();
  for (const area of areas) {
    const commission = sameArea(area.area, COMMISSION_AREA);
    // Once per area, however many people it lists.
    const months = commission ? [] : dueMonths(view, [area.area], today);
    for (const person of area.people) {
      const entry = byEmail.get(person.email) ?? { person, months: [], report: false };
      if (commission) entry.report ||= occasion.kind === 'session';
      else entry.months = [...entry.months, ...months];
      byEmail.set(person.email, entry);
    }
  }
  return [...byEmail.values()].filter((r) => r.months.length > 0 || r.report);
}

/** One run of `sendReminders` at `now`: every programme of this year, every occasion of today. */
export async function runReminders(
  store: Store,
  mailer: Mailer,
  settings: ReminderSettings,
  now: Date = new Date(),
): Promise<ReminderRun[]> {
  const today = dateInMexicoCity(now);
  const year = Number(today.slice(0, 4));
  // Nobody works on a rest day: its reminders wait for the next working day's run.
  if (statutoryRestDays(year).some((d) => d.date === today)) return [];
  const runs: ReminderRun[] = [];
  for (const summary of await store.programmes.list()) {
    if (summary.year !== year) continue;
    const snapshot = await readSnapshot(store, summary.id);
    const view = snapshotView(snapshot);
    const occasions = occasionsOn(today, year, snapshot.calendar?.calendar.sessions ?? [], {
      daysBefore: settings.daysBefore,
      nonWorking: view.details.calendarRule.nonWorkingDays,
    });
    if (occasions.length === 0) continue;
    const [areas, optedOut, key] = await Promise.all([
      store.areas.list(summary.id),
      store.reminders.optedOut(summary.id),
      store.reminders.key(summary.id),
    ]);
    for (const occasion of occasions)
      runs.push(
        await remind(store, mailer, {
          programId: summary.id,
          view,
          occasion,
          today,
          recipients: recipients(view, areas, occasion, today),
          optedOut,
          key,
          settings,
        }),
      );
  }
  return runs;
}

async function remind(
  store: Store,
  mailer: Mailer,
  job: {
    programId: string;
    view: Awaited<ReturnType<typeof readProgramView>>;
    occasion: Occasion;
    today: string;
    recipients: Recipient[];
    optedOut: Set<string>;
    key: Buffer;
    settings: ReminderSettings;
  },
): Promise<ReminderRun> {
  const { programId, occasion, settings } = job;
  const run: ReminderRun = {
    programId,
    occasion: occasion.id,
    sent: [],
    skipped: 0,
    optedOut: 0,
    failed: [],
  };
  const origin = settings.publicUrl.replace(/\/+$/, '');
  const programme = encodeURIComponent(programId);
  for (const { person, months, report } of job.recipients) {
    if (job.optedOut.has(person.email)) {
      run.optedOut++;
      continue;
    }
    const claim = await store.reminders.claim(programId, occasion.id, person.email);
    if (claim.kind !== 'claimed') {
      run.skipped++;
      continue;
    }
    const optOutUrl = `${origin}/api/programs/${programme}/reminders/opt-out/${optOutToken(job.key, programId, person.email)}`;
    const content = reminderContent({
      person,
      programme: { title: job.view.title, commission: job.view.details.commission.acronym },
      occasion,
      months,
      links: {
        update: `${origin}/actualizar/?programa=${programme}`,
        optOut: optOutUrl,
        ...(report && occasion.kind === 'session'
          ? {
              report: `${origin}/dashboard/?programa=${programme}&sesion=${occasion.session.number}`,
            }
          : {}),
      },
    });
    try {
      await mailer.send({ to: person, ...content, unsubscribeUrl: optOutUrl });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.reminders.settle(programId, occasion.id, person.email, {
        sent: false,
        error: message,
      });
      run.failed.push({ email: person.email, error: message });
      // Graph asks to wait longer than a run should: the rest goes out on the next run.
      if (error instanceof MailError && error.retryable) break;
      continue;
    }
    await store.reminders.settle(programId, occasion.id, person.email, { sent: true });
    run.sent.push(person.email);
  }
  return run;
}
