/**
 * Reaching the people responsible (issue 21), as pure rules: who is responsible (an activity's
 * `responsibleArea`, whose people an admin lists), which months each person must update on a
 * given day (due: this month; overdue: closed and still `pendiente`), and when reminders go out —
 * N days before each ordinary session, and the first working day of each month. The timer, the
 * update page and the dashboard all take their answers from here.
 */
import { z } from 'zod';
import { isoDateSchema, monthSchema, statusSchema, textOf, trimmedTextOf } from './schemas';
import { TEXT_MAX } from './limits';
import { Status } from './status';
import { monthClosedBy } from './months';
import { statutoryRestDays } from './calendar/holidays';
import { addDays, weekdayOf } from './calendar/dates';

/** How many people an area lists, at most. */
export const PEOPLE_MAX = 50;
/** An e-mail address, at most (RFC 5321's path limit). */
export const EMAIL_MAX = 254;

/** The people of this area get the session report's link before each session: the commission's members. */
export const COMMISSION_AREA = 'comision';

export const areaParamSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/,
    'El área es su sigla (letras, dígitos, «-» o «_»), p. ej. «UTVOE», o «comision».',
  );

export const personSchema = z.object({
  name: trimmedTextOf(TEXT_MAX.name).min(1, 'Escriba el nombre.'),
  email: z
    .string()
    .trim()
    .max(EMAIL_MAX)
    .pipe(z.email('No es una dirección de correo.'))
    .transform((e) => e.toLowerCase()),
});
export type Person = z.output<typeof personSchema>;

/** «Ana López <ana.lopez@iecm.mx>» → its name and address (unchecked: `personSchema` checks them); undefined when it is not so written. */
export function personFromText(text: string): { name: string; email: string } | undefined {
  const match = /^\s*(.+?)\s*<\s*([^<>\s]+)\s*>\s*$/.exec(text);
  return match ? { name: match[1]!, email: match[2]! } : undefined;
}

export const areaBody = z
  .object({ people: z.array(personSchema).max(PEOPLE_MAX) })
  .refine((a) => new Set(a.people.map((p) => p.email)).size === a.people.length, {
    message: 'Una persona aparece dos veces.',
    path: ['people'],
  });
export type AreaBody = z.input<typeof areaBody>;

/** A month a person must update: due (this month) or overdue (closed, still pending). */
export const dueMonthSchema = z.object({
  activityId: z.string(),
  description: z.string(),
  area: z.string(),
  month: monthSchema,
  kind: z.enum(['due', 'overdue']),
  status: statusSchema,
  note: z.string().optional(),
  evidence: z.string().optional(),
  etag: z.string(),
});
export type DueMonth = z.infer<typeof dueMonthSchema>;

/** What the update page shows the signed-in person. */
export const myMonthsSchema = z.object({
  programId: z.string(),
  year: z.number().int(),
  title: z.string(),
  today: isoDateSchema,
  /** Who they are as the areas list them (undefined: no area lists them). */
  person: z.object({ name: z.string(), email: z.string() }).optional(),
  areas: z.array(z.string()),
  months: z.array(dueMonthSchema),
});
export type MyMonths = z.infer<typeof myMonthsSchema>;

export const areaListSchema = z.array(
  z.object({
    area: z.string(),
    /** Activities in force naming it. */
    activities: z.number().int(),
    people: z.array(z.object({ name: z.string(), email: z.string(), optedOut: z.boolean() })),
    updatedBy: z.string().optional(),
    updatedAt: z.string().optional(),
  }),
);
export type AreaList = z.infer<typeof areaListSchema>;

interface PlanActivity {
  id: string;
  description: string;
  responsibleArea: string;
  months: readonly number[];
  statuses: Readonly<
    Record<string, { status: Status; note?: string; evidence?: string; etag: string }>
  >;
}

const sameArea = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The months of `areas`' activities that are due on `today` (planned this month) or overdue
 * (planned in a month closed before `today`, still `pendiente`), in activity and month order.
 */
export function dueMonths(
  programme: { year: number; activities: readonly PlanActivity[] },
  areas: readonly string[],
  today: string,
): DueMonth[] {
  const thisMonth = today.startsWith(`${programme.year}-`) ? Number(today.slice(5, 7)) : undefined;
  const out: DueMonth[] = [];
  for (const a of programme.activities) {
    if (!areas.some((area) => sameArea(area, a.responsibleArea))) continue;
    for (const month of [...a.months].sort((x, y) => x - y)) {
      const s = a.statuses[String(month)];
      if (!s) continue;
      const overdue = s.status === 'pendiente' && monthClosedBy(programme.year, month, today);
      const due = month === thisMonth;
      if (!overdue && !due) continue;
      out.push({
        activityId: a.id,
        description: a.description,
        area: a.responsibleArea,
        month: month as DueMonth['month'],
        kind: overdue ? 'overdue' : 'due',
        status: s.status,
        ...(s.note ? { note: s.note } : {}),
        ...(s.evidence ? { evidence: s.evidence } : {}),
        etag: s.etag,
      });
    }
  }
  return out;
}

/** The areas that list `email` (case-insensitive). */
export function areasOf(
  areas: readonly { area: string; people: readonly { email: string }[] }[],
  email: string,
): string[] {
  const wanted = email.toLowerCase();
  return areas.filter((a) => a.people.some((p) => p.email === wanted)).map((a) => a.area);
}

/** An occasion for reminders: before a session, or the start of a month. Its id is what «sent» is recorded under. */
export type Occasion =
  | { id: string; kind: 'session'; session: { number: number; date: string; label: string } }
  | { id: string; kind: 'month'; month: number };

/** The first day of `date`'s month that is a weekday and not a rest day (statutory or the institution's). */
export function firstWorkingDay(
  date: string,
  nonWorking: readonly { date: string }[] = [],
): string {
  const year = Number(date.slice(0, 4));
  const rest = new Set([...statutoryRestDays(year), ...nonWorking].map((d) => d.date));
  for (let day = `${date.slice(0, 7)}-01`; ; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6 && !rest.has(day)) return day;
  }
}

/** How long an occasion stays open after it starts: a run that failed or was missed is made up within it. */
export const OCCASION_DAYS = 7;

/**
 * The occasions `today` belongs to: every ordinary session from `daysBefore` days before it up to
 * the day before, and each month from its first working day for a week (`OCCASION_DAYS`). A send
 * missed or failed on the first day goes out on the next run within the window; the records of
 * what was sent keep it to one message per person.
 */
export function occasionsOn(
  today: string,
  year: number,
  sessions: readonly { number: number; type: string; date: string; label: string }[],
  options: { daysBefore: number; nonWorking?: readonly { date: string }[] },
): Occasion[] {
  const occasions: Occasion[] = [];
  for (const s of sessions)
    if (s.type === 'ordinaria' && today >= addDays(s.date, -options.daysBefore) && today < s.date)
      occasions.push({
        id: `sesion-${s.date}`,
        kind: 'session',
        session: { number: s.number, date: s.date, label: s.label },
      });
  const start = firstWorkingDay(today, options.nonWorking);
  if (today.startsWith(`${year}-`) && today >= start && today < addDays(start, OCCASION_DAYS))
    occasions.push({
      id: `mes-${today.slice(0, 7)}`,
      kind: 'month',
      month: Number(today.slice(5, 7)),
    });
  return occasions;
}

/** The opt-out link's token: the address (base64url) and its HMAC. */
export const optOutTokenSchema = textOf(500).regex(
  /^[A-Za-z0-9_-]{4,400}\.[A-Za-z0-9_-]{43}$/,
  'No es un enlace para dejar de recibir recordatorios: cópielo completo del mensaje.',
);
export const optOutAnswerSchema = z.object({ optedOut: z.literal(true), email: z.string() });
