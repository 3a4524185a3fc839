import { fold } from './text';

/** What became of an activity in a planned month. Only planned months have a status. */
export const STATUSES = [
  'pendiente',
  'en_proceso',
  'realizada',
  'reprogramada',
  'no_realizada',
  'cancelada',
] as const;
export type Status = (typeof STATUSES)[number];

/** How staff see and pick each status in the month cell's drop-down. */
export const STATUS_LABELS: Record<Status, string> = {
  pendiente: 'Pendiente',
  en_proceso: 'En proceso',
  realizada: 'Realizada',
  reprogramada: 'Reprogramada',
  no_realizada: 'No realizada',
  cancelada: 'Cancelada',
};

const BY_LABEL: ReadonlyMap<string, Status> = new Map<string, Status>([
  ...STATUSES.map((s) => [fold(STATUS_LABELS[s]), s] as const),
  ...STATUSES.map((s) => [s.replace('_', ' '), s] as const),
  // The masculine forms staff write when they think of "el evento".
  ['realizado', 'realizada'],
  ['reprogramado', 'reprogramada'],
  ['no realizado', 'no_realizada'],
  ['cancelado', 'cancelada'],
  ['en curso', 'en_proceso'],
]);

export function parseStatus(text: string): Status | undefined {
  return BY_LABEL.get(fold(text).replace(/[.!]$/, ''));
}

export function statusLabel(status: Status): string {
  return STATUS_LABELS[status];
}

/** A status's note and evidence, only those given: what a status change carries beside it. */
export function noteAndEvidence(from: {
  note?: string | undefined;
  evidence?: string | undefined;
}): {
  note?: string;
  evidence?: string;
} {
  return {
    ...(from.note !== undefined ? { note: from.note } : {}),
    ...(from.evidence !== undefined ? { evidence: from.evidence } : {}),
  };
}
