/**
 * Frozen periodic reports: one row per programme and period (`2021-T2`), the report as it was
 * made, compressed in parts. Created once and never replaced: a frozen report does not change
 * with later edits, and two people freezing the same period at once leave one of them.
 */
import { odata } from '@azure/data-tables';
import { PeriodReport } from '../../shared/report/period-report';
import { NotFoundError } from '../errors';
import { fromParts, toParts } from './chunked-json';
import { checkEntitySize } from './entity-size';
import { checkKey, partitionOf } from './keys';
import { Tables } from './tables';

type ReportEntity = {
  partitionKey: string;
  rowKey: string;
  frozenAt: string;
  frozenBy: string;
  parts: number;
  [part: `part${number}`]: Uint8Array;
};

export interface FrozenReportSummary {
  period: string;
  frozenAt: string;
  frozenBy: string;
}

export class ReportStore {
  constructor(private readonly tables: Tables) {}

  /** Keeps a frozen report; AlreadyExistsError when its period was frozen before. */
  async freeze(programId: string, report: PeriodReport & { frozen: { at: string; by: string } }) {
    const entity: ReportEntity = {
      partitionKey: partitionOf(programId),
      rowKey: checkKey('RowKey', report.period),
      frozenAt: report.frozen.at,
      frozenBy: report.frozen.by,
      ...(toParts(report) as { parts: number }),
    };
    checkEntitySize(entity);
    await this.tables.run(() =>
      this.tables.clients.reports.createEntity(entity, this.tables.signal()),
    );
  }

  async get(programId: string, period: string): Promise<PeriodReport | undefined> {
    try {
      const row = await this.tables.run(() =>
        this.tables.clients.reports.getEntity<ReportEntity>(
          partitionOf(programId),
          checkKey('RowKey', period),
          this.tables.signal(),
        ),
      );
      return fromParts(row as unknown as Record<string, unknown>) as PeriodReport;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** The periods frozen so far, in period order. */
  async list(programId: string): Promise<FrozenReportSummary[]> {
    const rows = await this.tables.list<ReportEntity>(
      'reports',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows.map((r) => ({ period: r.rowKey, frozenAt: r.frozenAt, frozenBy: r.frozenBy }));
  }
}
