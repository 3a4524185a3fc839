/** The session report from what the store holds: the API, `pat report` and the scheduled exports use it. */
import { ReportError, SessionReport, sessionReport } from '../../shared/report/session-report';
import { NotFoundError } from '../errors';
import { Store } from '../store/store';
import { ProgramSnapshot } from '../store/snapshots';
import { readSnapshot, snapshotView } from './program-view';

export async function readSessionReport(
  store: Store,
  programId: string,
  number: number,
): Promise<{ report: SessionReport; commission: string }> {
  return snapshotReport(await readSnapshot(store, programId), number);
}

/** The report of ordinary session `number` over a snapshot, built once per snapshot. */
export function snapshotReport(
  snapshot: ProgramSnapshot,
  number: number,
): { report: SessionReport; commission: string } {
  const programId = snapshot.program.id;
  const { calendar } = snapshot;
  const view = snapshotView(snapshot);
  if (!calendar)
    throw new NotFoundError(
      `El programa «${programId}» aún no tiene calendario de sesiones: genérelo antes de pedir un informe.`,
    );
  try {
    return {
      report: snapshot.derive(`report ${number}`, () =>
        sessionReport(view, calendar.calendar, number),
      ),
      commission: view.details.commission.acronym,
    };
  } catch (error) {
    if (error instanceof ReportError) throw new NotFoundError(error.message, { cause: error });
    throw error;
  }
}

/** The report of ordinary session `number` with the snapshot it was made from (the API shapes both). */
export async function readSessionReportAt(store: Store, programId: string, number: number) {
  const snapshot = await readSnapshot(store, programId);
  return { snapshot, ...snapshotReport(snapshot, number) };
}
