/**
 * The files the server writes from a programme — the session report's and the calendar's
 * workbooks, the programme workbook — through the render pool (off the request thread, a few at a
 * time) and once per programme version: readers asking at once share one file.
 */
import { renderer } from '../xlsx/render-pool';
import { ProgramSnapshot } from '../store/snapshots';
import { NotFoundError } from '../errors';
import { Store } from '../store/store';
import { readSnapshot, snapshotView } from './program-view';
import { snapshotReport } from './reports';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function sessionReportXlsx(snapshot: ProgramSnapshot, number: number): Promise<Uint8Array> {
  const { report, commission } = snapshotReport(snapshot, number);
  return snapshot.deriveAsync(`report ${number}.xlsx`, () =>
    renderer.render({ kind: 'session-report', report, commission }),
  );
}

export function calendarXlsx(snapshot: ProgramSnapshot): Promise<Uint8Array> {
  const { calendar, program } = snapshot;
  if (!calendar)
    throw new NotFoundError(`El programa «${program.id}» aún no tiene calendario de sesiones.`);
  return snapshot.deriveAsync('calendar.xlsx', () =>
    renderer.render({
      kind: 'calendar',
      calendar: calendar.calendar,
      commission: program.details.commission.acronym,
      ...(program.details.calendarNote ? { note: program.details.calendarNote } : {}),
    }),
  );
}

/** The programme workbook with its summary as of `today` (one per version and day). */
export function programmeXlsx(snapshot: ProgramSnapshot, today: string): Promise<Uint8Array> {
  return snapshot.deriveAsync(`programme ${today}.xlsx`, () =>
    renderer.render({
      kind: 'programme',
      view: snapshotView(snapshot),
      ...(snapshot.calendar ? { calendar: snapshot.calendar.calendar } : {}),
      today,
    }),
  );
}

/** The session report's workbook (`pat report --format xlsx`), as the API serves it. */
export async function readSessionReportXlsx(
  store: Store,
  programId: string,
  number: number,
): Promise<Uint8Array> {
  return sessionReportXlsx(await readSnapshot(store, programId), number);
}

/** The programme's Word document from its snapshot: the plan in force (retired activities left out). */
export function programmeDocumentDocx(snapshot: ProgramSnapshot): Promise<Uint8Array> {
  const { program, activities, calendar } = snapshot;
  return snapshot.deriveAsync('programme.docx', () =>
    renderer.render({
      kind: 'programme-document',
      input: {
        details: program.details,
        activities: activities
          .filter((a) => a.active)
          .map(({ id, axis, description, period, months }) => ({
            id,
            axis,
            description,
            ...(period ? { period } : {}),
            months,
          })),
        sessions: calendar?.calendar.sessions ?? [],
      },
    }),
  );
}

/** The programme's Word document (`pat document write`, `GET …/document`). */
export async function readProgrammeDocument(store: Store, programId: string): Promise<Uint8Array> {
  return programmeDocumentDocx(await readSnapshot(store, programId));
}
