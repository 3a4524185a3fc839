/**
 * Files for the record: the programme workbook (cronograma with statuses, session calendar,
 * per-axis summary), CSVs, and the session report when an ordinary session is near. The
 * `scheduledExports` timer writes them every day to Blob storage; `pat export` writes the same
 * files on demand.
 */
import { dateInMexicoCity } from '../../shared/calendar/dates';
import { calendarCsv } from '../../shared/calendar/formats';
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { layoutCronograma } from '../../shared/cronograma/layout';
import { Month } from '../../shared/months';
import { activitiesCsv, sessionReportCsv } from '../../shared/report/formats';
import { progressReport, sessionReport } from '../../shared/report/session-report';
import { Status } from '../../shared/status';
import { ExportSettings } from '../settings';
import { ExportFileInput } from '../store/export-store';
import { ProgramStore } from '../store/program-store';
import { addSummarySheet, sessionReportWorkbook } from '../xlsx/report-workbook';
import { ExcelJS, addCalendarSheet, addCronogramaSheet } from '../xlsx/workbook';
import { ProgramView } from '../../shared/api';
import { readSnapshot, snapshotView } from './program-view';
import { ProgramSnapshot } from '../store/snapshots';

export interface ProgrammeExport {
  workbook: ExcelJS.Workbook;
  activities: number;
  sessions: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';

type ExportData = {
  view: ProgramView;
  calendar: ProgramSnapshot['calendar'];
};

async function readExportData(store: ProgramStore, programId: string): Promise<ExportData> {
  const snapshot = await readSnapshot(store, programId);
  return { view: snapshotView(snapshot), calendar: snapshot.calendar };
}

/** The programme workbook: the cronograma with each month's status, the session calendar, and the summary per axis as of `today`. */
function programmeExportWorkbook({ view, calendar }: ExportData, today: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAT Cronograma';
  addCronogramaSheet(
    workbook,
    layoutCronograma(
      {
        year: view.year,
        axes: view.axes,
        activities: view.activities.map((a) => ({
          ...a,
          months: a.months as Month[],
          statuses: Object.fromEntries(
            Object.entries(a.statuses).map(([m, s]) => [m, s.status]),
          ) as Partial<Record<Month, Status>>,
        })),
      },
      { sheetName: `Cronograma ${view.year}`, idColumn: true, periodColumn: true },
    ),
  );
  if (calendar)
    addCalendarSheet(
      workbook,
      layoutCalendarSheet(calendar.calendar, {
        commission: view.details.commission.acronym,
        note: view.details.calendarNote,
      }),
    );
  const year = Number(today.slice(0, 4));
  const through = year < view.year ? 0 : year > view.year ? 12 : Number(today.slice(5, 7));
  addSummarySheet(workbook, progressReport(view, through, today), {
    title: `Resumen por eje al ${today}`,
  });
  return workbook;
}

/** The programme workbook of `pat export`. */
export async function exportProgramme(
  store: ProgramStore,
  programId: string,
  today: string,
): Promise<ProgrammeExport> {
  const data = await readExportData(store, programId);
  return {
    workbook: programmeExportWorkbook(data, today),
    activities: data.view.activities.length,
    sessions: data.calendar?.calendar.sessions.length ?? 0,
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
  store: ProgramStore,
  programId: string,
  today: string,
  reportDaysBefore: number,
): AsyncGenerator<ExportFileInput> {
  const data = await readExportData(store, programId);
  const { view, calendar } = data;
  yield {
    name: `programa-${programId}.xlsx`,
    contentType: XLSX,
    body: Buffer.from(await programmeExportWorkbook(data, today).xlsx.writeBuffer()),
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
  const report = sessionReport(view, calendar.calendar, number);
  const base = `informe-sesion-${String(number).padStart(2, '0')}-${programId}`;
  yield {
    name: `${base}.xlsx`,
    contentType: XLSX,
    body: Buffer.from(
      await sessionReportWorkbook(report, {
        commission: view.details.commission.acronym,
      }).xlsx.writeBuffer(),
    ),
  };
  yield { name: `${base}.csv`, contentType: CSV, body: Buffer.from(sessionReportCsv(report)) };
}

export interface ExportRun {
  programId: string;
  date: string;
  files: string[];
  pruned: string[];
}

/** Who the export sets name as their publisher when the schedule writes them. */
export const SCHEDULE_ACTOR = { name: 'exportación programada' };

/** Writes and publishes today's set for every programme, then forgets the days past retention. */
export async function runScheduledExports(
  store: ProgramStore,
  settings: ExportSettings,
  now: Date,
  actor = SCHEDULE_ACTOR,
): Promise<ExportRun[]> {
  const today = dateInMexicoCity(now);
  const keepFrom = new Date(`${today}T00:00:00Z`);
  keepFrom.setUTCDate(keepFrom.getUTCDate() - settings.retentionDays + 1);
  const runs: ExportRun[] = [];
  for (const program of await store.listPrograms()) {
    const files = await store.exports.publish(
      program.id,
      today,
      exportFiles(store, program.id, today, settings.reportDaysBefore),
      actor,
    );
    const pruned = await store.exports.prune(program.id, keepFrom.toISOString().slice(0, 10));
    runs.push({ programId: program.id, date: today, files: files.map((f) => f.name), pruned });
  }
  return runs;
}
