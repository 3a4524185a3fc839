/**
 * The files the server writes from a programme — the session report's and the calendar's
 * workbooks, the programme workbook — through the render pool (off the request thread, a few at a
 * time) and once per programme version: readers asking at once share one file.
 */
import { renderer } from '../xlsx/render-pool';
import { ProgramSnapshot } from '../store/snapshots';
import { BadRequestError, NotFoundError } from '../errors';
import { DOCUMENT_LIMITS, DocumentError, readDocumentBlocks } from '../docx/document-package';
import { readProgrammeDocument as programmeFromBlocks } from '../../shared/document/programme-reader';
import type { DocumentImport } from '../../shared/api/responses';
import { planBody } from '../../shared/api/requests';
import { narrativeSchema } from '../../shared/schemas';
import type { Month } from '../../shared/months';
import type { Actor } from '../store/records';
import type { Reprogramming } from '../../shared/lifecycle';
import { upsertPlan } from './upsert-plan';
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

/** The largest programme document taken as an upload. */
export const DOCUMENT_UPLOAD_BYTES = DOCUMENT_LIMITS.fileMegabytes * 1024 * 1024;

/**
 * The plan a programme's Word document states, stored as a workbook import stores it. A document
 * that cannot be read, or that has errors, is refused (BadRequestError naming where) and nothing
 * is written; its warnings come back with the result.
 */
export async function importProgrammeDocument(
  store: Store,
  programId: string,
  bytes: Buffer,
  actor: Actor,
  /** Required when the programme is ratified. */
  reprogramming?: Reprogramming,
): Promise<DocumentImport> {
  let read: ReturnType<typeof programmeFromBlocks>;
  try {
    read = programmeFromBlocks(await readDocumentBlocks(bytes));
  } catch (error) {
    if (error instanceof DocumentError)
      throw new BadRequestError([{ path: 'body', message: error.message }], { cause: error });
    throw error;
  }
  const { programme, issues } = read;
  const errors = issues.filter((i) => i.severity === 'error');
  if (!programme.year)
    errors.push({
      severity: 'error',
      code: 'document.no_year',
      cell: 'portada',
      message: 'El documento no dice su año en el título.',
    });
  if (errors.length > 0)
    throw new BadRequestError(errors.map((i) => ({ path: i.cell, message: i.message })));
  // The contract's own checks (every text within its maximum, every list within its count), as
  // for a plan sent by the pane: a document is no way around them.
  const plan = planBody.safeParse({
    year: programme.year,
    axes: programme.axes.map((a) => ({ number: a.number, name: a.name || `Eje ${a.number}` })),
    activities: programme.activities,
  });
  // Sections I, II and IV are kept with the plan, held to their own maximums.
  const narrative = narrativeSchema.optional().safeParse(programme.narrative);
  const problems = [
    ...(plan.error?.issues ?? []),
    ...(narrative.error?.issues ?? []).map((i) => ({ ...i, path: ['narrative', ...i.path] })),
  ];
  if (!plan.success || !narrative.success)
    throw new BadRequestError(
      problems.map((i) => ({ path: ['documento', ...i.path].join('.'), message: i.message })),
    );
  const result = await upsertPlan(
    store,
    programId,
    {
      ...plan.data,
      activities: plan.data.activities.map((a) => ({ ...a, months: a.months as Month[] })),
    },
    actor,
    narrative.data ? { narrative: narrative.data } : {},
    reprogramming,
  );
  return { ...result, activities: programme.activities.length, issues };
}
