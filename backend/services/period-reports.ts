/**
 * The periodic report to the Consejo General (a quarter, `2021-T2`, or the year, `2021`): made
 * from the programme's snapshot as a preview («preliminar»), or frozen by an editor and from then
 * on served exactly as it was made, whatever is edited later. Files (.xlsx, .docx) are written in
 * the render pool from the report's data, so a frozen report's files never change either.
 */
import { dateInMexicoCity, spanishDate } from '../../shared/calendar/dates';
import { PeriodReport, parsePeriod, periodReport } from '../../shared/report/period-report';
import { AlreadyExistsError, BadRequestError, ConflictError } from '../errors';
import { ProgramSnapshot } from '../store/snapshots';
import { FrozenReportSummary } from '../store/report-store';
import { Actor } from '../store/records';
import { Store } from '../store/store';
import { renderer } from '../xlsx/render-pool';
import { readSnapshot, snapshotView } from './program-view';

export type PeriodReportFormat = 'xlsx' | 'docx';

function periodOf(snapshot: ProgramSnapshot, text: string) {
  const period = parsePeriod(text);
  const { year, id } = snapshot.program;
  if (!period || period.year !== year)
    throw new BadRequestError([
      {
        path: 'period',
        message: `El programa «${id}» es de ${year}: pida un trimestre («${year}-T2») o el año («${year}»).`,
      },
    ]);
  return period;
}

/** The report of `period` as the snapshot stands on `asOf`. */
export function snapshotPeriodReport(
  snapshot: ProgramSnapshot,
  periodText: string,
  asOf: string,
  frozen: PeriodReport['frozen'] = null,
): PeriodReport {
  const period = periodOf(snapshot, periodText);
  const make = () =>
    periodReport({
      programme: snapshotView(snapshot),
      retired: snapshot.activities.filter((a) => !a.active),
      sessions: snapshot.calendar?.calendar.sessions ?? [],
      period,
      asOf,
      frozen,
    });
  return frozen ? make() : snapshot.derive(`period ${period.id} ${asOf}`, make);
}

/** The frozen report of `period`, or a preview made now. */
export async function readPeriodReport(
  store: Store,
  programId: string,
  periodText: string,
  now: Date = new Date(),
): Promise<PeriodReport> {
  const snapshot = await readSnapshot(store, programId);
  const period = periodOf(snapshot, periodText);
  return (
    (await store.reports.get(programId, period.id)) ??
    snapshotPeriodReport(snapshot, period.id, dateInMexicoCity(now))
  );
}

/** Editors: the report of `period` made now and kept; 409 when it was frozen before. */
export async function freezePeriodReport(
  store: Store,
  programId: string,
  periodText: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<PeriodReport> {
  // Fresh from storage, not a snapshot up to a second old: the report is the record of this moment.
  store.snapshots.noteWrite(programId);
  const snapshot = await readSnapshot(store, programId);
  const frozen = { at: now.toISOString(), by: actor.name };
  const report = snapshotPeriodReport(snapshot, periodText, dateInMexicoCity(now), frozen);
  try {
    await store.reports.freeze(programId, { ...report, frozen });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const kept = await store.reports.get(programId, report.period);
    throw new ConflictError(
      `El informe ${report.period} ya se congeló${kept?.frozen ? ` el ${spanishDate(dateInMexicoCity(new Date(kept.frozen.at)))} por ${kept.frozen.by}` : ''}: un informe congelado no cambia.`,
      { cause: error },
    );
  }
  return report;
}

/** The periods frozen so far. */
export async function listFrozenReports(
  store: Store,
  programId: string,
): Promise<FrozenReportSummary[]> {
  await store.programmes.require(programId);
  return store.reports.list(programId);
}

/** The report as a file, written in the render pool, with the report it was written from. */
export async function periodReportFile(
  store: Store,
  programId: string,
  periodText: string,
  format: PeriodReportFormat,
  now: Date = new Date(),
): Promise<{ report: PeriodReport; bytes: Uint8Array }> {
  const report = await readPeriodReport(store, programId, periodText, now);
  return { report, bytes: await renderer.render({ kind: 'period-report', format, report }) };
}
