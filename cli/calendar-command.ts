import { writeFile } from 'node:fs/promises';
import {
  CalendarError,
  SessionCalendar,
  generateCalendar,
  validateCalendar,
  MOVE_POLICIES,
  MovePolicy,
} from '../shared/calendar/calendar';
import { calendarCsv, calendarIcs, calendarJson } from '../shared/calendar/formats';
import { layoutCalendarSheet } from '../shared/calendar/sheet';
import { parseWeekOfMonth, parseWeekday } from '../shared/calendar/weekdays';
import { isoDateSchema } from '../shared/schemas';
import { MONTH_NAMES } from '../shared/months';
import { ExitCode, Output, UsageError, writeOut } from './output';

export const CALENDAR_FORMATS = ['json', 'csv', 'xlsx', 'ics'] as const;
type Format = (typeof CALENDAR_FORMATS)[number];

export interface CalendarOptions {
  year: string;
  weekday: string;
  week: string;
  date: string[];
  nonWorking: string[];
  policy: string;
  format: string;
  out?: string;
  commission: string;
  time: string;
}

const USAGE =
  'Forma: pat calendar --year 2021 --weekday jueves --week last --date 1=21 --date 12=16 --format json';

/** Turns the command line into a calendar request, or a UsageError that shows the right form. */
export function parseCalendarOptions(o: CalendarOptions) {
  const fail = (message: string): never => {
    throw new UsageError(`${message}\n${USAGE}`);
  };
  const year = /^\d{4}$/.test(o.year) ? Number(o.year) : NaN;
  if (!(year >= 2000 && year <= 2100)) fail(`--year espera un año de 2000 a 2100, no «${o.year}».`);
  const weekday =
    parseWeekday(o.weekday) ??
    fail(`--weekday espera un día de la semana (jueves, thursday …), no «${o.weekday}».`);
  const week =
    parseWeekOfMonth(o.week) ?? fail(`--week espera last (o última), 1, 2, 3 o 4, no «${o.week}».`);
  const overrides: Record<string, number> = {};
  for (const d of o.date) {
    const match = /^(\d{1,2})=(\d{1,2})$/.exec(d);
    const month = Number(match?.[1]);
    const day = Number(match?.[2]);
    if (!match || month < 1 || month > 12)
      fail(`--date espera MES=DÍA con el mes de 1 a 12 (p. ej. --date 1=21), no «${d}».`);
    // The month's last day, in the year asked for (febrero has 29 in leap years).
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (!(day >= 1 && day <= days))
      fail(
        `${MONTH_NAMES[month - 1]} de ${year} no tiene día ${day}: use un día del 1 al ${days} (--date ${d}).`,
      );
    overrides[String(month)] = day;
  }
  const nonWorkingDays = o.nonWorking.map((d) =>
    isoDateSchema.safeParse(d).success
      ? { date: d, reason: 'día inhábil del Instituto' }
      : fail(`--non-working espera una fecha AAAA-MM-DD, no «${d}».`),
  );
  if (!(MOVE_POLICIES as readonly string[]).includes(o.policy))
    fail(`--policy espera ${MOVE_POLICIES.join(', ')}, no «${o.policy}».`);
  if (!(CALENDAR_FORMATS as readonly string[]).includes(o.format))
    fail(`--format espera json, csv, xlsx o ics, no «${o.format}».`);
  if (o.format === 'xlsx' && !o.out)
    fail('--format xlsx necesita --out ARCHIVO.xlsx (un libro no se imprime en la terminal).');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(o.time))
    fail(`--time espera HH:MM (24 h), no «${o.time}».`);
  return {
    request: { year, weekday, week, overrides, nonWorkingDays, policy: o.policy as MovePolicy },
    format: o.format as Format,
  };
}

export async function calendarCommand(options: CalendarOptions, out: Output): Promise<ExitCode> {
  const { request, format } = parseCalendarOptions(options);
  let calendar: SessionCalendar;
  try {
    calendar = generateCalendar(request);
  } catch (error) {
    if (error instanceof CalendarError) throw new UsageError(error.message);
    throw error;
  }
  // Moves and missing checkpoints are said on stderr, so stdout stays the format asked for.
  for (const s of calendar.sessions)
    if (s.origin === 'moved') out.stderr(`Aviso: ${s.label}: ${s.note}`);
  for (const issue of validateCalendar(calendar)) out.stderr(`Aviso: ${issue.message}`);

  const content = await render(calendar, format, options);
  if (options.out) {
    const target = options.out;
    await writeOut(target, () => writeFile(target, content));
    out.stderr(
      `Calendario ${calendar.year} (${calendar.sessions.length} sesiones) escrito en ${options.out}`,
    );
  } else out.stdout(content.toString());
  return ExitCode.Ok;
}

async function render(
  calendar: SessionCalendar,
  format: Format,
  options: CalendarOptions,
): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(calendarJson(calendar), null, 2)}\n`;
    case 'csv':
      return calendarCsv(calendar);
    case 'ics':
      return calendarIcs(calendar, { commission: options.commission, time: options.time });
    case 'xlsx': {
      // exceljs only for a workbook: the text formats start without it.
      const { ExcelJS, addCalendarSheet } = await import('../backend/workbooks');
      const workbook = new ExcelJS.Workbook();
      addCalendarSheet(workbook, layoutCalendarSheet(calendar, { commission: options.commission }));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }
  }
}
