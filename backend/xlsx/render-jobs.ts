/**
 * The files the server writes (workbooks, the programme's Word document, the periodic reports), as jobs: plain data in, the file's bytes out. The render pool
 * runs them in a worker thread (see render-pool.ts), so exceljs and the seconds a big workbook takes
 * stay off the thread that answers requests; nothing here reads storage or a clock.
 */
import { SessionCalendar } from '../../shared/calendar/calendar';
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { ProgramView } from '../../shared/api';
import { SessionReport } from '../../shared/report/session-report';
import { ProgrammeDocumentInput, programmeDocx } from '../docx/programme-document';
import { periodReportDocx } from '../docx/period-report-document';
import { PeriodReport } from '../../shared/report/period-report';
import { periodReportWorkbook } from './period-report-workbook';
import { programmeExportWorkbook } from './programme-export';
import { sessionReportWorkbook } from './report-workbook';
import { ExcelJS, addCalendarSheet } from './workbook';

export type RenderJob =
  /** The *informe de seguimiento* of a session (one printed page per axis). */
  | { kind: 'session-report'; report: SessionReport; commission: string }
  /** The programme workbook: cronograma with statuses, calendar, summary per axis as of `today`. */
  | { kind: 'programme'; view: ProgramView; calendar?: SessionCalendar; today: string }
  /** The session calendar's sheet, as the source document lays it out. */
  | { kind: 'calendar'; calendar: SessionCalendar; commission: string; note?: string }
  /** The programme's Word document (`backend/docx/programme-document.ts`). */
  | { kind: 'programme-document'; input: ProgrammeDocumentInput }
  /** The report to the Consejo General of a quarter or the year, as .xlsx or .docx. */
  | { kind: 'period-report'; format: 'xlsx' | 'docx'; report: PeriodReport };

type WorkbookJob = Exclude<RenderJob, { kind: 'programme-document' } | { kind: 'period-report' }>;

function workbookOf(job: WorkbookJob): ExcelJS.Workbook {
  switch (job.kind) {
    case 'session-report':
      return sessionReportWorkbook(job.report, { commission: job.commission });
    case 'programme':
      return programmeExportWorkbook(job.view, job.calendar, job.today);
    case 'calendar': {
      const workbook = new ExcelJS.Workbook();
      addCalendarSheet(
        workbook,
        layoutCalendarSheet(job.calendar, { commission: job.commission, note: job.note }),
      );
      return workbook;
    }
  }
}

export async function renderJob(job: RenderJob): Promise<Uint8Array> {
  if (job.kind === 'programme-document') return new Uint8Array(await programmeDocx(job.input));
  if (job.kind === 'period-report')
    return new Uint8Array(
      job.format === 'docx'
        ? await periodReportDocx(job.report)
        : await periodReportWorkbook(job.report).xlsx.writeBuffer(),
    );
  return new Uint8Array(await workbookOf(job).xlsx.writeBuffer());
}
