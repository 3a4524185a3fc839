/**
 * The commission's session calendar: twelve ordinary sessions from a rule (weekday and week of
 * the month), per-month overrides, non-working days with a stated moving policy, and the
 * changes made during the year (extraordinary sessions, reschedulings), each recorded.
 */
import { COUNT_MAX } from '../limits';
import { z } from 'zod';
import { MONTHS, Month, monthName } from '../months';
import {
  MOVE_POLICIES,
  SessionType,
  calendarRuleSchema,
  isoDateSchema,
  monthSchema,
  sessionStatusSchema,
  sessionTypeSchema,
} from '../schemas';
import {
  IsoDate,
  addDays,
  isValidDate,
  isoDate,
  monthOf,
  nthWeekday,
  spanishDate,
  weekdayOf,
} from './dates';
import { statutoryRestDays } from './holidays';
import { WEEKDAY_NAMES_ES } from './weekdays';

export { MOVE_POLICIES };
export type MovePolicy = (typeof MOVE_POLICIES)[number];

export const calendarRequestSchema = calendarRuleSchema.extend({
  year: z.number().int().min(2000).max(2100),
});
export type CalendarRequest = z.input<typeof calendarRequestSchema>;

export const sessionOriginSchema = z.enum(['rule', 'override', 'moved', 'added']);

export const calendarSessionSchema = z.object({
  number: z.number().int().min(1),
  type: sessionTypeSchema,
  date: isoDateSchema,
  /** "1ª. Ordinaria", as the staff write it. */
  label: z.string().min(1),
  month: monthSchema,
  monthName: z.string().min(1),
  status: sessionStatusSchema,
  origin: sessionOriginSchema,
  /** Where the rule would have put it, when an override or a non-working day moved it. */
  ruleDate: isoDateSchema.optional(),
  /** Why it is not on the rule's date (Spanish). */
  note: z.string().optional(),
  /** Bumped on every rescheduling so calendar clients move the event (iCalendar SEQUENCE). */
  sequence: z.number().int().min(0),
});
export type CalendarSession = z.infer<typeof calendarSessionSchema>;

export const calendarChangeSchema = z.object({
  kind: z.enum(['reprogramada', 'agregada']),
  type: sessionTypeSchema,
  number: z.number().int().min(1),
  from: isoDateSchema.optional(),
  to: isoDateSchema,
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

export const sessionCalendarSchema = z.object({
  year: z.number().int(),
  rule: calendarRequestSchema,
  sessions: z.array(calendarSessionSchema),
  changes: z.array(calendarChangeSchema),
});
export type SessionCalendar = z.infer<typeof sessionCalendarSchema>;

export class CalendarError extends Error {}
/** The calendar has no session of that type and number. */
export class SessionNotFoundError extends CalendarError {}
/** The calendar keeps COUNT_MAX.calendarChanges changes at most: generate it again to go on. */
export class CalendarFullError extends CalendarError {}

function checkRoomForChange(calendar: SessionCalendar): void {
  if (calendar.changes.length >= COUNT_MAX.calendarChanges)
    throw new CalendarFullError(
      `El calendario ${calendar.year} ya registra ${calendar.changes.length} cambios, el máximo. Genérelo de nuevo (con «replace») para empezar uno limpio.`,
    );
}

const TYPE_LABEL: Record<SessionType, string> = {
  ordinaria: 'Ordinaria',
  extraordinaria: 'Extraordinaria',
  urgente: 'Urgente',
};

export function sessionLabel(type: SessionType, number: number): string {
  return `${number}ª. ${TYPE_LABEL[type]}`;
}

/** The session as a sentence names it: «la 6ª. sesión ordinaria» (the label is the table's «6ª. Ordinaria»). */
export function sessionName(session: { type: SessionType; number: number }): string {
  return `${session.number}ª. sesión ${session.type}`;
}

/** Generates the year's twelve ordinary sessions. Throws CalendarError on an impossible override. */
export function generateCalendar(request: CalendarRequest): SessionCalendar {
  const rule = calendarRequestSchema.parse(request);
  const nonWorking = new Map<IsoDate, string>();
  for (const d of [...statutoryRestDays(rule.year), ...rule.nonWorkingDays])
    if (!nonWorking.has(d.date)) nonWorking.set(d.date, d.reason);

  const sessions = MONTHS.map((month): CalendarSession => {
    const base = {
      number: month,
      type: 'ordinaria' as const,
      label: sessionLabel('ordinaria', month),
      month,
      monthName: monthName(month),
      status: 'programada' as const,
      sequence: 0,
    };
    const ruleDate = nthWeekday(rule.year, month, rule.weekday, rule.week);
    const override = rule.overrides[String(month)];
    if (override !== undefined) {
      if (!isValidDate(rule.year, month, override))
        throw new CalendarError(
          `${monthName(month)} de ${rule.year} no tiene día ${override}. Corrija la fecha de --date ${month}=${override}.`,
        );
      const date = isoDate(rule.year, month, override);
      // An explicit date is kept even on a rest day (validateCalendar warns), and always said.
      const restDay = nonWorking.get(date);
      return {
        ...base,
        date,
        origin: 'override',
        ruleDate,
        note:
          (date === ruleDate
            ? `Fecha fijada para ${monthName(month).toLowerCase()}; coincide con la regla.`
            : `Fecha fijada para ${monthName(month).toLowerCase()} en lugar del ${spanishDate(ruleDate)}.`) +
          (restDay ? ` Atención: es día inhábil (${restDay}).` : ''),
      };
    }
    const reason = nonWorking.get(ruleDate);
    if (reason === undefined) return { ...base, date: ruleDate, origin: 'rule' };
    const moved = moveOffNonWorking(ruleDate, rule.policy, nonWorking);
    return {
      ...base,
      date: moved.date,
      origin: 'moved',
      ruleDate,
      note: `El ${spanishDate(ruleDate)} es día inhábil (${reason}); la sesión pasa al ${WEEKDAY_NAMES_ES[weekdayOf(moved.date)]} ${spanishDate(moved.date)} (${moved.how}).`,
    };
  });
  return { year: rule.year, rule, sessions, changes: [] };
}

const POLICY_STEPS: Record<MovePolicy, { steps: number[]; how: string[] }> = {
  'previous-week': {
    steps: [-7, -14, 7, 14],
    how: ['una semana antes', 'dos semanas antes', 'una semana después', 'dos semanas después'],
  },
  'next-week': {
    steps: [7, 14, -7, -14],
    how: ['una semana después', 'dos semanas después', 'una semana antes', 'dos semanas antes'],
  },
  'previous-working-day': { steps: [-1, -2, -3, -4, 1, 2, 3, 4], how: ['día hábil anterior'] },
  'next-working-day': { steps: [1, 2, 3, 4, -1, -2, -3, -4], how: ['día hábil siguiente'] },
};

/** The first candidate date, in the policy's order, that is a working weekday in the same month. */
function moveOffNonWorking(
  date: IsoDate,
  policy: MovePolicy,
  nonWorking: Map<IsoDate, string>,
): { date: IsoDate; how: string } {
  const { steps, how } = POLICY_STEPS[policy];
  for (const [i, step] of steps.entries()) {
    const candidate = addDays(date, step);
    const weekday = weekdayOf(candidate);
    if (
      monthOf(candidate) === monthOf(date) &&
      !nonWorking.has(candidate) &&
      weekday !== 0 &&
      weekday !== 6
    )
      return { date: candidate, how: how[Math.min(i, how.length - 1)] as string };
  }
  // Cannot happen with these steps (a month has working days both sides), but never loop or guess.
  throw new CalendarError(
    `No hay fecha hábil cerca del ${spanishDate(date)} para mover la sesión.`,
  );
}

export interface Actor {
  by: string;
  at: string;
}

/** Adds an extraordinary or urgent session, numbered after the others of its type. */
export function addSession(
  calendar: SessionCalendar,
  input: { date: IsoDate; type: Exclude<SessionType, 'ordinaria'>; reason: string } & Actor,
): SessionCalendar {
  if (Number(input.date.slice(0, 4)) !== calendar.year)
    throw new CalendarError(
      `La fecha ${input.date} no es del año ${calendar.year} del calendario.`,
    );
  checkRoomForChange(calendar);
  const number = calendar.sessions.filter((s) => s.type === input.type).length + 1;
  const month = monthOf(input.date) as Month;
  const session: CalendarSession = {
    number,
    type: input.type,
    date: input.date,
    label: sessionLabel(input.type, number),
    month,
    monthName: monthName(month),
    status: 'programada',
    origin: 'added',
    note: input.reason,
    sequence: 0,
  };
  return {
    ...calendar,
    sessions: sortSessions([...calendar.sessions, session]),
    changes: [
      ...calendar.changes,
      {
        kind: 'agregada',
        type: input.type,
        number,
        to: input.date,
        reason: input.reason,
        by: input.by,
        at: input.at,
      },
    ],
  };
}

/** Moves a session to a new date, keeping its number; the change is recorded and SEQUENCE bumped. */
export function rescheduleSession(
  calendar: SessionCalendar,
  input: { number: number; type?: SessionType; date: IsoDate; reason: string } & Actor,
): SessionCalendar {
  const type = input.type ?? 'ordinaria';
  const session = calendar.sessions.find((s) => s.type === type && s.number === input.number);
  if (!session)
    throw new SessionNotFoundError(
      `No existe la sesión ${sessionLabel(type, input.number)} en ${calendar.year}.`,
    );
  if (Number(input.date.slice(0, 4)) !== calendar.year)
    throw new CalendarError(
      `La fecha ${input.date} no es del año ${calendar.year} del calendario.`,
    );
  if (input.reason.trim() === '')
    throw new CalendarError('Indique el motivo de la reprogramación.');
  checkRoomForChange(calendar);
  const moved: CalendarSession = {
    ...session,
    date: input.date,
    month: monthOf(input.date) as Month,
    monthName: monthName(monthOf(input.date) as Month),
    status: 'reprogramada',
    note: `Reprogramada del ${spanishDate(session.date)} al ${spanishDate(input.date)}: ${input.reason}`,
    sequence: session.sequence + 1,
  };
  return {
    ...calendar,
    sessions: sortSessions(calendar.sessions.map((s) => (s === session ? moved : s))),
    changes: [
      ...calendar.changes,
      {
        kind: 'reprogramada',
        type,
        number: input.number,
        from: session.date,
        to: input.date,
        reason: input.reason,
        by: input.by,
        at: input.at,
      },
    ],
  };
}

function sortSessions(sessions: CalendarSession[]): CalendarSession[] {
  const order: Record<SessionType, number> = { ordinaria: 0, extraordinaria: 1, urgente: 2 };
  return [...sessions].sort(
    (a, b) => a.date.localeCompare(b.date) || order[a.type] - order[b.type] || a.number - b.number,
  );
}

/** Art. 57 CIPECM: the programme is approved in September and ratified the following January. */
export interface LegalCheckpoints {
  /** The session expected to ratify this year's programme (January). */
  ratification?: CalendarSession;
  /** The session expected to approve next year's programme (September). */
  approval?: CalendarSession;
}

export function legalCheckpoints(calendar: {
  sessions: readonly CalendarSession[];
}): LegalCheckpoints {
  const inMonth = (m: number) =>
    calendar.sessions.find((s) => s.month === m && s.type === 'ordinaria') ??
    calendar.sessions.find((s) => s.month === m);
  return { ratification: inMonth(1), approval: inMonth(9) };
}

export const calendarIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
});
export type CalendarIssue = z.infer<typeof calendarIssueSchema>;

/** What a calendar lacks: the legal checkpoints, and sessions on days that are not working days. */
export function validateCalendar(calendar: SessionCalendar): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const { ratification, approval } = legalCheckpoints(calendar);
  if (!ratification)
    issues.push({
      severity: 'warning',
      code: 'calendar.no_ratification_session',
      message: `No hay sesión en enero de ${calendar.year}: el programa ${calendar.year} debe ratificarse en enero (art. 57 del CIPECM). Programe una sesión en enero.`,
    });
  if (!approval)
    issues.push({
      severity: 'warning',
      code: 'calendar.no_approval_session',
      message: `No hay sesión en septiembre de ${calendar.year}: el programa ${calendar.year + 1} debe aprobarse en septiembre (art. 57 del CIPECM). Programe una sesión en septiembre.`,
    });
  const restDays = new Map(
    [...statutoryRestDays(calendar.year), ...calendar.rule.nonWorkingDays].map(
      (d): [string, string] => [d.date, d.reason],
    ),
  );
  for (const s of calendar.sessions) {
    const reason = restDays.get(s.date);
    if (reason)
      issues.push({
        severity: 'warning',
        code: 'calendar.session_on_rest_day',
        message: `La ${sessionName(s)} cae en día inhábil: ${spanishDate(s.date)}, ${reason}. Confirme la fecha o reprográmela.`,
      });
  }
  return issues;
}
