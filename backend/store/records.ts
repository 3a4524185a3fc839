/** What the store hands out: plain records, with the ETag of the entity they came from. */
import { Month } from '../../shared/months';
import { Status } from '../../shared/status';

export interface ProgramSummary {
  id: string;
  year: number;
  title: string;
}

export interface ActivityRecord {
  id: string;
  axis: number;
  axisName: string;
  description: string;
  period?: string;
  months: Month[];
  responsibleArea: string;
  strategicLines?: string[];
  /** False once the activity left the plan; kept for its history. */
  active: boolean;
}

export interface StatusRecord {
  activityId: string;
  month: Month;
  status: Status;
  note?: string;
  evidence?: string;
  updatedBy: string;
  updatedAt: string;
  etag: string;
  /** False once the month left the plan; the status and its history are kept. */
  planned: boolean;
  /** Internal: the sync request that last wrote it (never sent to clients). */
  syncKey?: string;
}

export interface HistoryRecord {
  activityId: string;
  month: Month;
  from: Status | null;
  to: Status;
  note?: string;
  evidence?: string;
  by: string;
  at: string;
}

export interface Actor {
  /** Who, as the authentication principal names them. */
  name: string;
}

export interface StatusChange {
  status: Status;
  note?: string;
  evidence?: string;
}

/** What a plan writes (worked out by the plan diff), in the one shape the store applies. */
export interface PlanWrites {
  activityWrites: ActivityRecord[];
  /** Planned months with no status yet: created as `pendiente`. */
  statusCreates: { activityId: string; month: Month }[];
  /** Existing statuses whose month entered or left the plan. */
  plannedFlips: { record: StatusRecord; planned: boolean }[];
}
