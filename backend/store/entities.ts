/** Records ⇄ Table Storage entities. Arrays travel as JSON strings; optional text as absent properties. */
import { Month } from '../../shared/months';
import { Status } from '../../shared/status';
import { ActivityRecord, HistoryRecord, StatusRecord } from './records';

export type ActivityEntity = {
  partitionKey: string;
  rowKey: string;
  id: string;
  axis: number;
  axisName: string;
  description: string;
  period?: string;
  months: string;
  responsibleArea: string;
  strategicLines?: string;
  active: boolean;
};

export type StatusEntity = {
  partitionKey: string;
  rowKey: string;
  activityId: string;
  month: number;
  status: string;
  note?: string;
  evidence?: string;
  updatedBy: string;
  updatedAt: string;
  planned: boolean;
  /** The sync request that last wrote it: a retried sync recognises its own writes. */
  syncKey?: string;
};

export type HistoryEntity = {
  partitionKey: string;
  rowKey: string;
  activityId: string;
  month: number;
  from: string;
  to: string;
  note?: string;
  evidence?: string;
  by: string;
  at: string;
};

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function activityToEntity(
  partitionKey: string,
  rowKey: string,
  a: ActivityRecord,
): ActivityEntity {
  return defined({
    partitionKey,
    rowKey,
    id: a.id,
    axis: a.axis,
    axisName: a.axisName,
    description: a.description,
    period: a.period,
    months: JSON.stringify(a.months),
    responsibleArea: a.responsibleArea,
    strategicLines: a.strategicLines ? JSON.stringify(a.strategicLines) : undefined,
    active: a.active,
  });
}

export function activityFromEntity(e: ActivityEntity): ActivityRecord {
  return defined({
    id: e.id,
    axis: e.axis,
    axisName: e.axisName,
    description: e.description,
    period: e.period,
    months: JSON.parse(e.months) as Month[],
    responsibleArea: e.responsibleArea,
    strategicLines: e.strategicLines ? (JSON.parse(e.strategicLines) as string[]) : undefined,
    active: e.active,
  });
}

export function statusFromEntity(e: StatusEntity & { etag: string }): StatusRecord {
  return defined({
    activityId: e.activityId,
    month: e.month as Month,
    status: e.status as Status,
    note: e.note,
    evidence: e.evidence,
    updatedBy: e.updatedBy,
    updatedAt: e.updatedAt,
    etag: e.etag,
    planned: e.planned,
    syncKey: e.syncKey,
  });
}

export function historyFromEntity(e: HistoryEntity): HistoryRecord {
  return defined({
    activityId: e.activityId,
    month: e.month as Month,
    from: e.from === '' ? null : (e.from as Status),
    to: e.to as Status,
    note: e.note,
    evidence: e.evidence,
    by: e.by,
    at: e.at,
  });
}
