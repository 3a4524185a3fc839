/**
 * Files for the record: the programme workbook (cronograma with statuses, session calendar,
 * per-axis summary), CSVs, and the session report when an ordinary session is near. The
 * `scheduledExports` timer writes them every day to Blob storage; `pat export` writes the same
 * files on demand.
 */
import { dateInMexicoCity } from '../../shared/calendar/dates';
import { calendarCsv } from '../../shared/calendar/formats';
import { activitiesCsv, sessionReportCsv } from '../../shared/report/formats';
import { ExportSettings } from '../settings';
import { ExportFileInput } from '../store/export-store';
import { Store } from '../store/store';
import { XLSX, programmeXlsx, sessionReportXlsx } from './documents';
import { readSnapshot, snapshotView } from './program-view';
import { snapshotReport } from './reports';

export interface ProgrammeExport {
  /** The programme workbook's bytes. */
  workbook: Uint8Array;
  activities: number;
  sessions: number;
}

const CSV = 'text/csv; charset=utf-8';

/** Every day's published export files of a programme, newest first. */
export async function listExportFiles(store: Store, programId: string) {
  await store.programmes.require(programId);
  return store.exports.list(programId);
}

/** One published export file; NotFoundError when that day has no such file. */
export async function readExportFile(store: Store, programId: string, date: string, name: string) {
  await store.programmes.require(programId);
  return store.exports.read(programId, date, name);
}

/** The programme workbook of `pat export`. */
export async function exportProgramme(
  store: Store,
  programId: string,
  today: string,
): Promise<ProgrammeExport> {
  const snapshot = await readSnapshot(store, programId);
  return {
    workbook: await programmeXlsx(snapshot, today),
    activities: snapshot.activities.filter((a) => a.active).length,
    sessions: snapshot.calendar?.calendar.sessions.length ?? 0,
  };
}

/** The ordinary session an export day reports on: the next one within `days`, if any. */
function sessionNear(
  sessions: readonly { type: string; number: number; date: string }[],
  today: string,
  days: number,
): number | undefined {
  const until = new Date(`${today}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + days);
  const last = until.toISOString().slice(0, 10);
  return sessions.find((s) => s.type === 'ordinaria' && s.date >= today && s.date <= last)?.number;
}

/**
 * A programme's export set for a day, file by file: the workbook, the activities and sessions as
 * CSV, and the session report (.xlsx and .csv) when an ordinary session is at most
 * `reportDaysBefore` days away.
 */
export async function* exportFiles(
  store: Store,
  programId: string,
  today: string,
  reportDaysBefore: number,
): AsyncGenerator<ExportFileInput> {
  const snapshot = await readSnapshot(store, programId);
  const view = snapshotView(snapshot);
  const { calendar } = snapshot;
  yield {
    name: `programa-${programId}.xlsx`,
    contentType: XLSX,
    body: Buffer.from(await programmeXlsx(snapshot, today)),
  };
  yield {
    name: `actividades-${programId}.csv`,
    contentType: CSV,
    body: Buffer.from(activitiesCsv(view)),
  };
  if (!calendar) return;
  yield {
    name: `sesiones-${programId}.csv`,
    contentType: CSV,
    body: Buffer.from(calendarCsv(calendar.calendar)),
  };
  const number = sessionNear(calendar.calendar.sessions, today, reportDaysBefore);
  if (number === undefined) return;
  const { report } = snapshotReport(snapshot, number);
  const base = `informe-sesion-${String(number).padStart(2, '0')}-${programId}`;
  yield {
    name: `${base}.xlsx`,
    contentType: XLSX,
    body: Buffer.from(await sessionReportXlsx(snapshot, number)),
  };
  yield { name: `${base}.csv`, contentType: CSV, body: Buffer.from(sessionReportCsv(report)) };
}

export interface ExportRun {
  programId: string;
  date: string;
  /** The run's folder (its start time first). */
  run: string;
  files: string[];
  /**
   * Set when this run did not publish: another run of the same day that started later had
   * published already (that run's set is the newer one; this run deleted its own files).
   */
  supersededBy?: string;
  pruned: string[];
}

/** Who the export sets name as their publisher when the schedule writes them. */
export const SCHEDULE_ACTOR = { name: 'exportación programada' };

/**
 * Writes and publishes today's set for every programme, then forgets the days past retention (and
 * the files of runs that died midway). Runs may overlap: of one day's runs, the one that started
 * last stays published (see store/export-store.ts).
 */
export async function runScheduledExports(
  store: Store,
  settings: ExportSettings,
  now: Date,
  actor = SCHEDULE_ACTOR,
): Promise<ExportRun[]> {
  const today = dateInMexicoCity(now);
  const keepFrom = new Date(`${today}T00:00:00Z`);
  keepFrom.setUTCDate(keepFrom.getUTCDate() - settings.retentionDays + 1);
  const runs: ExportRun[] = [];
  for (const program of await store.programmes.list()) {
    const outcome = await store.exports.publish(
      program.id,
      today,
      exportFiles(store, program.id, today, settings.reportDaysBefore),
      actor,
    );
    const pruned = await store.exports.prune(program.id, keepFrom.toISOString().slice(0, 10));
    runs.push({
      programId: program.id,
      date: today,
      run: outcome.run,
      files: outcome.files.map((f) => f.name),
      ...(outcome.supersededBy ? { supersededBy: outcome.supersededBy } : {}),
      pruned,
    });
  }
  return runs;
}
