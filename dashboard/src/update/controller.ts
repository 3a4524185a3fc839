/**
 * The update page's state and what changes it, apart from the views (React reads it with
 * `useSyncExternalStore`): who is signed in, the programme, the person's due and overdue months,
 * and for each month what the form holds, the ETag it is based on and what its last save gave.
 *
 * A save sends the form as it stands (a note or link left empty is cleared) over the month's ETag.
 * Saved: the month takes the new ETag. 412: the form keeps what the person wrote, shows what the
 * server now has and takes its ETag, so «Guardar» again writes over it. 400: each message goes to
 * its field.
 */
import { monthName } from '../../../shared/months';
import { statusLabel } from '../../../shared/status';
import {
  ApiError,
  AuthConfig,
  DueMonth,
  Me,
  MonthChange,
  MonthStatusView,
  MyMonths,
  UpdateApi,
} from './api';

export type Field = 'status' | 'note' | 'evidence';
export const FIELDS: readonly Field[] = ['status', 'note', 'evidence'];

/** What a month's form holds. */
export interface Draft {
  status: DueMonth['status'];
  note: string;
  evidence: string;
}

export type Outcome =
  | { kind: 'saved'; at: string }
  | { kind: 'stale'; message: string; current?: MonthStatusView }
  | { kind: 'invalid'; message: string; fields: Partial<Record<Field, string>> }
  | { kind: 'failed'; message: string };

export interface MonthEntry {
  /** `1.1/5`. */
  key: string;
  /** The month as listed, its status, note and evidence as last saved. */
  month: DueMonth;
  /** What a save is based on (`If-Match`). */
  etag: string;
  draft: Draft;
  saving: boolean;
  outcome?: Outcome;
}

export interface UpdateState {
  programId?: string;
  loading: boolean;
  /** The list could not be loaded. */
  error?: string;
  /** The server refused for want of a sign-in (401). */
  signInNeeded: boolean;
  auth?: AuthConfig;
  me?: Me;
  data?: Omit<MyMonths, 'months'>;
  entries: MonthEntry[];
  /** The live region's text: the last save's outcome, in a sentence. */
  announcement: string;
}

export const monthKey = (m: { activityId: string; month: number }): string =>
  `${m.activityId}/${m.month}`;

const draftOf = (m: { status: DueMonth['status']; note?: string; evidence?: string }): Draft => ({
  status: m.status,
  note: m.note ?? '',
  evidence: m.evidence ?? '',
});

/** What the form sends: trimmed, an empty note or link left out (cleared). */
export function changeOf(draft: Draft): MonthChange {
  const note = draft.note.trim();
  const evidence = draft.evidence.trim();
  return {
    status: draft.status,
    ...(note ? { note } : {}),
    ...(evidence ? { evidence } : {}),
  };
}

/** Whether the form holds something other than what was last saved. */
export function isDirty(entry: MonthEntry): boolean {
  const saved = changeOf(draftOf(entry.month));
  const now = changeOf(entry.draft);
  return saved.status !== now.status || saved.note !== now.note || saved.evidence !== now.evidence;
}

/** «1.1, mayo». */
export const monthTitle = (m: { activityId: string; month: number }): string =>
  `${m.activityId}, ${monthName(m.month).toLowerCase()}`;

/** The field a 400's path names (`body.evidence` → evidence). */
function fieldOf(path: string): Field | undefined {
  const last = path.split('.').pop();
  return FIELDS.find((f) => f === last);
}

export function message(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Ocurrió un error inesperado: recargue la página.';
}

export class UpdateController {
  private state: UpdateState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: { api: UpdateApi; programId?: string }) {
    this.state = {
      ...(options.programId ? { programId: options.programId } : {}),
      loading: false,
      signInNeeded: false,
      entries: [],
      announcement: '',
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): UpdateState => this.state;

  private set(patch: Partial<UpdateState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private setEntry(key: string, change: (entry: MonthEntry) => MonthEntry): void {
    this.set({ entries: this.state.entries.map((e) => (e.key === key ? change(e) : e)) });
  }

  entry(key: string): MonthEntry | undefined {
    return this.state.entries.find((e) => e.key === key);
  }

  /** Whether some form holds changes not saved (the page asks before it is left). */
  hasUnsaved(): boolean {
    return this.state.entries.some(isDirty);
  }

  /** Loads who is signed in, how, and the person's months. */
  async start(): Promise<void> {
    const { api } = this.options;
    const { programId } = this.state;
    void api.authConfig().then(
      (auth) => this.set({ auth }),
      () => undefined,
    );
    void api.me().then(
      (me) => this.set({ me }),
      () => undefined,
    );
    if (!programId) {
      this.set({
        error:
          'Al enlace le falta el programa (…/actualizar/?programa=…): ábralo tal como llegó en el recordatorio.',
      });
      return;
    }
    this.set({ loading: true, error: undefined });
    try {
      const { months, ...data } = await api.myMonths(programId);
      this.set({
        loading: false,
        signInNeeded: false,
        data,
        entries: months.map((month) => ({
          key: monthKey(month),
          month,
          etag: month.etag,
          draft: draftOf(month),
          saving: false,
        })),
      });
    } catch (error) {
      this.set({
        loading: false,
        error: message(error),
        ...(error instanceof ApiError && error.status === 401 ? { signInNeeded: true } : {}),
      });
    }
  }

  /** The person changed a field: the last save's word no longer applies (a 412's box stays). */
  edit(key: string, field: Field, value: string): void {
    this.setEntry(key, (e) => ({
      ...e,
      draft: { ...e.draft, [field]: value },
      ...(e.outcome?.kind === 'stale' ? {} : { outcome: undefined }),
    }));
  }

  /** After a 412: the form takes what the server now has. */
  takeCurrent(key: string): void {
    this.setEntry(key, (e) => {
      if (e.outcome?.kind !== 'stale' || !e.outcome.current) return e;
      const current = e.outcome.current;
      return {
        ...e,
        month: { ...e.month, ...draftOf(current), etag: current.etag },
        etag: current.etag,
        draft: draftOf(current),
        outcome: undefined,
      };
    });
  }

  async save(key: string): Promise<Outcome | undefined> {
    const { programId } = this.state;
    const entry = this.entry(key);
    if (!programId || !entry || entry.saving) return undefined;
    const { activityId, month } = entry.month;
    const title = monthTitle(entry.month);
    this.setEntry(key, (e) => ({ ...e, saving: true, outcome: undefined }));
    let outcome: Outcome;
    let announcement: string;
    try {
      const result = await this.options.api.saveMonth(
        programId,
        { activityId, month, etag: entry.etag },
        changeOf(entry.draft),
      );
      if (result.kind === 'saved') {
        const saved = result.month;
        outcome = { kind: 'saved', at: saved.updatedAt };
        announcement = `Guardado: ${title}, ${statusLabel(saved.status)}.`;
        this.setEntry(key, (e) => ({
          ...e,
          month: {
            ...e.month,
            status: saved.status,
            note: saved.note,
            evidence: saved.evidence,
            etag: saved.etag,
          },
          etag: saved.etag,
          // What was typed while the save was under way stays in the form.
          draft: e.draft === entry.draft ? draftOf(saved) : e.draft,
          saving: false,
          outcome,
        }));
      } else if (result.kind === 'stale') {
        outcome = {
          kind: 'stale',
          message: result.message,
          ...(result.current ? { current: result.current } : {}),
        };
        announcement = result.current
          ? `No se guardó ${title}: otra persona lo cambió a «${statusLabel(result.current.status)}». Revise y vuelva a guardar.`
          : `No se guardó ${title}: ${result.message}`;
        this.setEntry(key, (e) => ({
          ...e,
          // «Guardar» again writes over what the server now has.
          ...(result.current ? { etag: result.current.etag } : {}),
          saving: false,
          outcome,
        }));
      } else {
        const fields: Partial<Record<Field, string>> = {};
        const rest: string[] = [];
        for (const e of result.errors) {
          const field = fieldOf(e.path);
          if (field && !fields[field]) fields[field] = e.message;
          else if (!field) rest.push(e.message);
        }
        outcome = {
          kind: 'invalid',
          message: rest.join(' ') || (result.errors.length ? '' : result.message),
          fields,
        };
        announcement = `No se guardó ${title}: ${[...Object.values(fields), ...rest].join(' ') || result.message}`;
        this.setEntry(key, (e) => ({ ...e, saving: false, outcome }));
      }
    } catch (error) {
      outcome = { kind: 'failed', message: message(error) };
      announcement = `No se guardó ${title}: ${outcome.message}`;
      if (error instanceof ApiError && error.status === 401) this.set({ signInNeeded: true });
      this.setEntry(key, (e) => ({ ...e, saving: false, outcome }));
    }
    this.set({ announcement });
    return outcome;
  }
}
